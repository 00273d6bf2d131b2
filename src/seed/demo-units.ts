import type { NewArea, UnitKind } from '../db/schema.js';
import { CITY_UNITS, COUNTY_UNITS, TOWNSHIP_UNITS, VILLAGE_UNITS } from './demo-layout.js';
import type { Prng } from './prng.js';

export interface DemoUnit {
  id: string;
  county_code: string;
  area_code: string;
  code: string;
  name: string;
  kind: UnitKind;
  created_at: Date;
}

interface UnitTemplate {
  suffix: string;
  kind: UnitKind;
  name: string;
}

/**
 * The units at every level the seed names: the city's centre and departments, each county's, the
 * township's 综治中心, 派出所 and 司法所 (named by the real township: 梁家墩镇司法所), and every
 * village's and community's 综治中心. A label is unique in the city: where an area's name repeats
 * (34 village names do, such as 新民村 four times), its parent's name goes in front, so a dispatcher
 * never sees two 新民村综治中心.
 */
export function buildUnits(areas: NewArea[], rng: Prng, now: Date): DemoUnit[] {
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const nameCount = new Map<string, number>();
  for (const a of areas) nameCount.set(`${a.level}:${a.name}`, (nameCount.get(`${a.level}:${a.name}`) ?? 0) + 1);
  const label = (a: NewArea) => {
    if ((nameCount.get(`${a.level}:${a.name}`) ?? 0) < 2 || !a.parent_code) return a.name;
    return `${byCode.get(a.parent_code)?.name ?? ''}${a.name}`;
  };
  const templates: Record<string, readonly UnitTemplate[]> = {
    city: CITY_UNITS,
    county: COUNTY_UNITS,
    township: TOWNSHIP_UNITS,
    village: VILLAGE_UNITS,
  };
  const units: DemoUnit[] = [];
  for (const area of areas) {
    for (const u of templates[area.level] ?? []) {
      units.push({
        id: rng.uuid(),
        county_code: area.county_code,
        area_code: area.code,
        code: `${area.code}-${u.suffix}`,
        // A county's partner law firm carries a firm's name, not the county's office title.
        name: u.kind === 'law_firm' ? `${area.name.slice(0, 2)}正义律师事务所` : `${label(area)}${u.name}`,
        kind: u.kind,
        created_at: now,
      });
    }
  }
  const seen = new Set<string>();
  for (const u of units) {
    if (seen.has(u.name)) throw new Error(`two demo units are named ${u.name}`);
    seen.add(u.name);
  }
  return units;
}
