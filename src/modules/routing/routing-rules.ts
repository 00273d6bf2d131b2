/**
 * Routing rules send each event to a centre and a handling unit by category × area. A rule matches
 * when its category prefix and area prefix are prefixes of the event's category and grid codes (the
 * empty prefix matches everything). The most specific rule wins: the longer area prefix first,
 * because a county's own arrangement beats a city-wide default, then the longer category prefix,
 * then the newer rule. Pure: the routing service loads the live rules and resolves the unit.
 */
export interface RouteRule {
  id: string;
  categoryPrefix: string;
  areaPrefix: string;
  createdAt: Date;
}

export function matches(
  rule: Pick<RouteRule, 'categoryPrefix' | 'areaPrefix'>,
  categoryCode: string,
  gridCode: string,
): boolean {
  return categoryCode.startsWith(rule.categoryPrefix) && gridCode.startsWith(rule.areaPrefix);
}

export function pickRule<R extends RouteRule>(rules: readonly R[], categoryCode: string, gridCode: string): R | null {
  let best: R | null = null;
  for (const r of rules) {
    if (!matches(r, categoryCode, gridCode)) continue;
    if (!best || compare(r, best) > 0) best = r;
  }
  return best;
}

function compare(a: RouteRule, b: RouteRule): number {
  if (a.areaPrefix.length !== b.areaPrefix.length) return a.areaPrefix.length - b.areaPrefix.length;
  if (a.categoryPrefix.length !== b.categoryPrefix.length) return a.categoryPrefix.length - b.categoryPrefix.length;
  return a.createdAt.getTime() - b.createdAt.getTime();
}

/**
 * The areas to look in for a unit of a kind, nearest first: the grid's township, then its county,
 * then the city. A village or grid has no units of its own in the four-level system.
 */
export function unitSearchAreas(gridCode: string): string[] {
  return [gridCode.slice(0, 9), gridCode.slice(0, 6), `${gridCode.slice(0, 4)}00`];
}
