import type { Executor } from '../../db/database.js';
import { withinScope } from '../../db/scope.js';
import type { Actor } from '../../lib/context.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import type { AreaService } from '../areas/area.service.js';
import { THING_SUBTYPES } from '../registry/place-thing.service.js';
import { type ElementKind, headerOf } from './columns.js';
import * as checks from './import-check.repository.js';
import {
  type Checked,
  chunks,
  type HouseholdPlan,
  need,
  needNumber,
  type Parsed,
  type Problems,
  text,
} from './import-rows.js';

/**
 * Checks parsed rows against the database: grids that exist, are grids and lie in the caller's
 * scope (or, for located elements, a grid containing the point), households named by 户号, and
 * the rows whose record is already registered.
 */
export class ImportChecker {
  constructor(
    private readonly cipher: PersonalDataCipher,
    private readonly areas: AreaService,
  ) {}

  async check(ex: Executor, actor: Actor, kind: ElementKind, parsed: Parsed[], problems: Problems): Promise<Checked> {
    const ok = () => parsed.filter((p) => !problems.has(p.row.row));
    if (kind === 'places' || kind === 'things') await this.checkLocations(ex, actor, kind, ok(), problems);
    else await this.checkGrids(ex, actor, kind, ok(), problems);
    const households =
      kind === 'people' ? await this.checkHouseholds(ex, ok(), problems) : new Map<string, HouseholdPlan>();
    const existing = await this.findExisting(ex, actor, kind, ok(), problems);
    return { existing, households };
  }

  /** Every grid code must be an active grid inside the caller's scope. */
  private async checkGrids(ex: Executor, actor: Actor, kind: ElementKind, rows: Parsed[], problems: Problems) {
    const codes = [...new Set(rows.map((p) => text(p.values, 'gridCode')).filter((c): c is string => c !== null))];
    const active = new Set<string>();
    for (const part of chunks(codes)) {
      const found = await checks.activeGridCodes(ex, actor.scope, part);
      for (const f of found) active.add(f.code);
    }
    const header = headerOf(kind, 'gridCode');
    for (const p of rows) {
      const code = text(p.values, 'gridCode');
      if (code !== null && !active.has(code)) problems.add(p.row.row, header, 'import_grid_outside');
    }
  }

  /** Places and things take their grid from their point (a grid of the caller's that contains it). */
  private async checkLocations(
    ex: Executor,
    actor: Actor,
    kind: 'places' | 'things',
    rows: Parsed[],
    problems: Problems,
  ) {
    for (const p of rows) {
      if (kind === 'things') {
        const thingKind = need(p.values, 'kind') as keyof typeof THING_SUBTYPES;
        if (!THING_SUBTYPES[thingKind].includes(need(p.values, 'subtype')))
          problems.add(p.row.row, headerOf(kind, 'subtype'), 'thing_subtype_unknown');
      }
      const hit = await this.areas.locate(
        actor.scope,
        needNumber(p.values, 'lng'),
        needNumber(p.values, 'lat'),
        'grid',
        ex,
      );
      if (hit) p.values.gridCode = hit.code;
      else problems.add(p.row.row, headerOf(kind, 'lng'), 'location_outside_grids');
    }
  }

  /**
   * 户号 groups people into households (the number is unique within a county). All members of one
   * household in the file share a grid and at most one is 户主; an existing household must be in
   * that same grid and keep its head; a new one needs an address.
   */
  private async checkHouseholds(ex: Executor, rows: Parsed[], problems: Problems): Promise<Map<string, HouseholdPlan>> {
    const plans = new Map<string, HouseholdPlan>();
    const col = (k: string) => headerOf('people', k);
    for (const p of rows) {
      const r = p.row.row;
      const number = text(p.values, 'householdNumber');
      const relation = text(p.values, 'relationToHead');
      if (number === null) {
        if (relation !== null) problems.add(r, col('relationToHead'), 'import_relation_without_household');
        continue;
      }
      const gridCode = need(p.values, 'gridCode');
      const key = `${gridCode.slice(0, 6)}|${number}`;
      let plan = plans.get(key);
      if (!plan) {
        plan = {
          countyCode: gridCode.slice(0, 6),
          number,
          gridCode,
          address: null,
          firstRow: r,
          headRow: null,
          members: [],
          id: null,
          taken: false,
        };
        plans.set(key, plan);
      } else if (plan.gridCode !== gridCode) {
        problems.add(r, col('householdNumber'), 'import_household_mixed_grid', { row: plan.firstRow });
        continue;
      }
      if (relation === '户主') {
        if (plan.headRow !== null) {
          problems.add(r, col('relationToHead'), 'import_household_two_heads', { row: plan.headRow });
          continue;
        }
        plan.headRow = r;
      }
      plan.address ??= text(p.values, 'address');
      plan.members.push(p);
    }

    const all = [...plans.values()];
    for (const part of chunks(all)) {
      const found = await checks.findHouseholdsByNumber(ex, part);
      for (const h of found) {
        const plan = plans.get(`${h.county_code}|${h.number}`);
        if (!plan) continue;
        if (h.grid_code !== plan.gridCode) {
          // In another grid, or outside the caller's scope altogether: say no more than that.
          for (const m of plan.members) problems.add(m.row.row, col('householdNumber'), 'import_household_elsewhere');
          plan.taken = true;
          continue;
        }
        const head = plan.members.find((m) => m.row.row === plan.headRow);
        if (h.head_hash && head && this.cipher.lookupHash('id_number', need(head.values, 'idNumber')) !== h.head_hash) {
          problems.add(head.row.row, col('relationToHead'), 'import_household_has_head');
        }
        plan.id = h.id;
      }
    }
    for (const plan of all) {
      if (plan.id === null && !plan.taken && plan.address === null)
        for (const m of plan.members) problems.add(m.row.row, col('address'), 'import_household_address');
    }
    return plans;
  }

  /**
   * The valid rows whose record is already registered: people by ID number (its keyed hash),
   * organisations by credit code (else grid, name and address), houses by grid and address,
   * places and things by name and point. A credit code registered outside the caller's scope is
   * a problem, not "unchanged".
   */
  private async findExisting(
    ex: Executor,
    actor: Actor,
    kind: ElementKind,
    rows: Parsed[],
    problems: Problems,
  ): Promise<Set<number>> {
    const existing = new Set<number>();
    const mark = (row: number | undefined) => {
      if (row !== undefined) existing.add(row);
    };
    if (kind === 'people') {
      const byHash = new Map(
        rows.map((p) => [this.cipher.lookupHash('id_number', need(p.values, 'idNumber')), p.row.row]),
      );
      for (const part of chunks([...byHash.keys()], 5000)) {
        for (const f of await checks.registeredIdHashes(ex, part)) mark(byHash.get(f.id_number_hash));
      }
    } else if (kind === 'houses') {
      const byKey = new Map(rows.map((p) => [`${need(p.values, 'gridCode')}|${need(p.values, 'address')}`, p.row.row]));
      for (const part of chunks(rows)) {
        const found = await checks.registeredHouses(
          ex,
          part.map((p) => [need(p.values, 'gridCode'), need(p.values, 'address')]),
        );
        for (const f of found) mark(byKey.get(`${f.grid_code}|${f.address}`));
      }
    } else if (kind === 'organizations') {
      const coded = rows.filter((p) => p.values.creditCode !== undefined);
      const byCode = new Map(coded.map((p) => [need(p.values, 'creditCode'), p.row.row]));
      for (const part of chunks([...byCode.keys()])) {
        for (const f of await checks.organizationsByCreditCode(ex, part)) {
          const row = byCode.get(f.credit_code ?? '');
          if (row === undefined) continue;
          if (withinScope(actor.scope, f.grid_code)) existing.add(row);
          else problems.add(row, headerOf(kind, 'creditCode'), 'credit_code_exists');
        }
      }
      const uncoded = rows.filter((p) => p.values.creditCode === undefined);
      const byKey = new Map(
        uncoded.map((p) => [
          `${need(p.values, 'gridCode')}|${need(p.values, 'name')}|${need(p.values, 'address')}`,
          p.row.row,
        ]),
      );
      for (const part of chunks(uncoded)) {
        const keys = part.map((p): [string, string, string] => [
          need(p.values, 'gridCode'),
          need(p.values, 'name'),
          need(p.values, 'address'),
        ]);
        const found = await checks.registeredUncodedOrganizations(ex, keys);
        for (const f of found) mark(byKey.get(`${f.grid_code}|${f.name}|${f.address}`));
      }
    } else {
      const table = kind === 'places' ? 'place' : 'thing';
      const byKey = new Map(
        rows.map((p) => [
          `${need(p.values, 'name')}|${needNumber(p.values, 'lng')},${needNumber(p.values, 'lat')}`,
          p.row.row,
        ]),
      );
      for (const part of chunks(rows)) {
        const keys = part.map((p): [string, number, number] => [
          need(p.values, 'name'),
          needNumber(p.values, 'lng'),
          needNumber(p.values, 'lat'),
        ]);
        const found = await checks.registeredLocated(ex, table, keys);
        for (const f of found) mark(byKey.get(`${f.name}|${f.lng},${f.lat}`));
      }
    }
    return existing;
  }
}
