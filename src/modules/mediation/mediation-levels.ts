/**
 * Four-level seven-day mediation (四级七天调解法). A dispute starts at the policy's first level and
 * moves up, with its history, when a level fails or its time runs out; it ends resolved at a level
 * or exhausted after the last one (then it is referred to arbitration or the courts). Pure: the
 * mediation service loads the case, asks here, and writes the result.
 */
export interface PolicyLevel {
  key: string;
  name: string;
  nameEn: string;
  workingDays: number;
  unitKind: string | null;
}

export type CaseStatus = 'open' | 'resolved' | 'exhausted' | 'withdrawn';

export interface CaseState {
  status: CaseStatus;
  levelIndex: number;
}

export type MediationMove =
  | { kind: 'resolved'; levelKey: string }
  | { kind: 'escalated'; from: PolicyLevel; to: PolicyLevel; toIndex: number }
  | { kind: 'exhausted'; from: PolicyLevel }
  | { kind: 'not_open' };

/** What happens when the current level resolves the dispute, fails, or runs out of time. */
export function mediationMove(
  levels: readonly PolicyLevel[],
  state: CaseState,
  result: 'resolved' | 'failed' | 'timeout',
): MediationMove {
  if (state.status !== 'open') return { kind: 'not_open' };
  const current = levels[state.levelIndex];
  if (!current) return { kind: 'not_open' };
  if (result === 'resolved') return { kind: 'resolved', levelKey: current.key };
  const next = levels[state.levelIndex + 1];
  return next
    ? { kind: 'escalated', from: current, to: next, toIndex: state.levelIndex + 1 }
    : { kind: 'exhausted', from: current };
}

/** A policy must have 1–8 levels with distinct keys and 1–30 working days each. */
export function policyProblems(levels: readonly PolicyLevel[]): string[] {
  const problems: string[] = [];
  if (levels.length < 1 || levels.length > 8) problems.push('levels');
  const keys = new Set<string>();
  levels.forEach((l, i) => {
    if (keys.has(l.key)) problems.push(`levels.${i}.key`);
    keys.add(l.key);
    if (!Number.isInteger(l.workingDays) || l.workingDays < 1 || l.workingDays > 30)
      problems.push(`levels.${i}.workingDays`);
  });
  return problems;
}

/**
 * 小事不出村、大事不出镇、矛盾不上交: the share of closed cases resolved at each level. Exhausted
 * cases count in the denominator, since they went up and out.
 */
export function levelFunnel(
  levels: readonly PolicyLevel[],
  counts: { resolvedByLevel: Record<string, number>; exhausted: number },
) {
  const finished = Object.values(counts.resolvedByLevel).reduce((a, b) => a + b, 0) + counts.exhausted;
  return levels.map((l) => {
    const resolved = counts.resolvedByLevel[l.key] ?? 0;
    return { key: l.key, name: l.name, nameEn: l.nameEn, resolved, share: finished === 0 ? 0 : resolved / finished };
  });
}

/**
 * A case's deadline colour in lists: yellow within the last 24 hours of its level, red once the level has run out
 * (the event list's colours, with the level's due time as the deadline); a finished case is normal.
 */
export function levelDeadlineColour(
  status: CaseStatus,
  levelDueAt: Date | null,
  now: Date,
): 'normal' | 'yellow' | 'red' {
  if (status !== 'open' || !levelDueAt) return 'normal';
  if (levelDueAt <= now) return 'red';
  return new Date(levelDueAt.getTime() - 86_400_000) <= now ? 'yellow' : 'normal';
}
