/** The JSON of GET /api/reports/situation: aliases of the generated types. */
import type { ApiResult } from '../../api/client';

export type Situation = ApiResult<'/api/reports/situation'>;
export type CatRow = Situation['categories'][number];

export const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
