/** The shape of GET /api/dashboard/:code (src/domain/stats.ts on the server). */
export interface Rate { numerator: number; denominator: number; rate: number | null }
export interface AreaRef { code: string; name: string; level: string }
export interface CategoryChange { code: string; name: string; nameEn: string; current: number; previous: number; change: number; changeRate: number | null }
export interface ChildRow extends AreaRef {
  received: number; closed: number; open: number; overdue: number; onTimeRate: number | null; satisfactionRate: number | null;
  disputes: number; population: number; visitCompliance: number | null;
}
export interface Dashboard {
  area: AreaRef & { parentCode: string | null };
  path: AreaRef[];
  now: string;
  today: string;
  period: { kind: 'month' | 'quarter' | 'year'; current: { from: string; to: string }; previous: { from: string; to: string } };
  lag: { coveredAt: string | null; seconds: number | null; pendingTransitions: number; registryAt: string | null };
  received: { today: number; week: number; month: number };
  open: { total: number; overdue: number; byStage: Array<{ stage: string; n: number; overdue: number }> };
  rates: { onTime: Rate; response: Rate; resolution: Rate; satisfaction: Rate };
  funnel: { finished: number; resolved: number; exhausted: number; village: Rate; township: Rate; notEscalated: Rate; levels: Array<{ key: string; name: string; nameEn: string; tier: string; resolved: number; share: number | null }> };
  topCategories: CategoryChange[];
  risingCategories: CategoryChange[];
  trend: { daily: Array<{ day: string; received: number; closed: number; overdue: number }>; monthly: Array<{ month: string; received: number; closed: number; overdue: number }> };
  visits: { specialTotal: number; overdue: number; compliance: number | null; computedAt: string | null };
  children: ChildRow[];
}

export const pct = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`);
