import type { ApiItem, ApiResult } from '../../api/client';

/** The risk-assessment API as the screens use it: aliases of the generated types, and the enums' orders. */
export type Level = 'low' | 'medium' | 'high';
export const STAGES = ['identify', 'plan', 'investigate', 'grade', 'report', 'decide', 'monitor', 'closed'] as const;
export type Stage = (typeof STAGES)[number];
export const DIMENSIONS = ['legality', 'reasonableness', 'feasibility', 'controllability'] as const;
export const METHODS = ['notice', 'survey', 'visit', 'forum', 'hearing'] as const;

export type MatterSummary = ApiItem<'/api/risk/matters'>;
export type Matter = ApiResult<'/api/risk/matters/{id}'>;
export type Point = Matter['points'][number];
export type Firm = ApiResult<'/api/risk/firms'>[number];

/** Saves a protected file under its server-given name (an <a download>, so browsers and tests see a download). */
export { downloadProtected as download } from '../reports/download';
