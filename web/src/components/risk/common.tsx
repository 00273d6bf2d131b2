import { type MessageKey, useT } from '../../i18n';
import type { Level } from './types';

/** Translates an enum value from the API (stage_grade, level_high…) with the raw value as fallback. */
export function useRiskT() {
  const { t, lang } = useT();
  const tk = (prefix: string, v: string | null | undefined) => {
    const key = `${prefix}_${v ?? ''}` as MessageKey;
    try {
      return t(key) ?? v ?? '';
    } catch {
      return v ?? '';
    }
  };
  return { t, lang, tk };
}

const LEVEL_CLASS: Record<Level, string> = { high: 'risk-red', medium: 'risk-yellow', low: 'risk-blue' };

export function LevelBadge({ level }: { level: Level | null }) {
  const { tk } = useRiskT();
  if (!level) return <span className="muted small">{tk('level', 'ungraded')}</span>;
  return (
    <span className={`risk ${LEVEL_CLASS[level]}`} data-level={level}>
      {tk('level', level)}
    </span>
  );
}

/** Shanghai calendar date of an instant. */
export const shDate = (iso: string | null) =>
  iso ? new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(iso)) : '';

/** Counts as horizontal bars, so stage/level/outcome tallies read at a glance. */
export function CountBars({
  rows,
  label,
  testid,
}: {
  rows: Array<{ key: string; n: number }>;
  label: (k: string) => string;
  testid: string;
}) {
  const max = Math.max(1, ...rows.map((r) => r.n));
  return (
    <div className="risk-bars" data-testid={testid}>
      {rows.map((r) => (
        <div key={r.key} className="risk-bar-row" data-key={r.key}>
          <span className="risk-bar-label">{label(r.key)}</span>
          <span className="risk-bar">
            <i style={{ width: `${(100 * r.n) / max}%` }} />
          </span>
          <span className="num">{r.n}</span>
        </div>
      ))}
    </div>
  );
}
