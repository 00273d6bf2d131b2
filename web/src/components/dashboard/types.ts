/** The JSON of GET /api/dashboard/{code}: aliases of the generated types. */
import type { ApiResult } from '../../api/client';

export type Dashboard = ApiResult<'/api/dashboard/{code}'>;
export type Rate = Dashboard['rates']['onTime'];
export type AreaRef = Dashboard['path'][number];
export type CategoryChange = Dashboard['topCategories'][number];
export type ChildRow = Dashboard['children'][number];

export const pct = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`);
