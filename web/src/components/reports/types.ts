/** The JSON of GET /api/reports/situation (see src/http/routes/report.schemas.ts). */
export interface CatRow {
  code: string;
  name: string;
  nameEn: string;
  current: number;
  previous: number;
  lastYear: number;
  change?: number | null;
  yoy?: number | null;
  increase?: number;
}
export interface Situation {
  area: { code: string; name: string; level: string };
  period: { from: string; to: string; label: string };
  previous: { from: string; to: string; label: string };
  lastYear: { from: string; to: string; label: string };
  totals: { current: number; previous: number; lastYear: number; change: number | null; yoy: number | null; disputes: number; closed: number; overdue: number };
  categories: CatRow[];
  rising: CatRow[];
  trend: Array<{ month: string; current: number; lastYear: number }>;
  hotspots: {
    grids: Array<{ code: string; name: string; village: string | null; events: number; disputes: number }>;
    places: Array<{ id: string; name: string; address: string; kind: string; events: number }>;
    addresses: Array<{ address: string; events: number }>;
  };
  mediation: { total: number; open: number; exhausted: number; levels: Array<{ key: string; name: string; nameEn: string; resolved: number; share: number }> };
  overdueUnits: Array<{ unitId: string | null; name: string | null; events: number; overdue: number }>;
  summary: string[];
}

export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)}%`);
