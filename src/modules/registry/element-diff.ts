/**
 * What changed between two versions of a registry element, for the version timeline. Personal
 * fields are never written into history in clear: the timeline says they changed, not to what.
 */
export type Changes = Record<string, { from: unknown; to: unknown }>;

export const PERSONAL_FIELDS = new Set(['idNumber', 'phone', 'contactPhone']);
const HIDDEN = '(已变更)';

export function diffFields(before: Record<string, unknown> | null, after: Record<string, unknown>): Changes {
  const out: Changes = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  for (const k of keys) {
    const a = before?.[k] ?? null;
    const b = after[k] ?? null;
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    out[k] = PERSONAL_FIELDS.has(k)
      ? { from: a === null ? null : HIDDEN, to: b === null ? null : HIDDEN }
      : { from: a, to: b };
  }
  return out;
}
