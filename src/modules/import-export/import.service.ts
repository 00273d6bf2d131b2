import crypto from 'node:crypto';
import type { Db, Executor } from '../../db/database.js';
import { withinScope } from '../../db/scope.js';
import { diffFields } from '../registry/element-diff.js';
import { translate } from '../../lib/messages.js';
import type { Clock } from '../../lib/clock.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import { locateArea } from '../areas/area.repository.js';
import type { BulkPerson, PersonService } from '../registry/person.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../../lib/context.js';
import type { ElementType } from '../registry/element-history.js';
import { notFound } from '../../lib/errors.js';
import { THING_SUBTYPES } from '../registry/place-thing.service.js';
import { type CellValue, COLUMNS, ELEMENT_KINDS, type ElementKind, headerOf } from './columns.js';
import { errorReportWorkbook, type ReportRow, readSheet, type SheetRow } from './spreadsheet.js';
import * as checks from './import-check.repository.js';
import * as jobs from './import-job.repository.js';
import * as writes from './import-write.repository.js';

export interface ImportError {
  /** The row number as Excel shows it (the header is row 1; a missing column is reported on row 1). */
  row: number;
  column: string;
  message: string;
}

export interface ImportCounts {
  /** Non-blank data rows in the file. */
  received: number;
  /** Rows with no problem. */
  valid: number;
  inserted: number;
  /** Valid rows already registered (same ID number / credit code / grid and address …): nothing to do. */
  unchanged: number;
  rejected: number;
  /** Valid, new rows that were not written: a dry run, or all_or_nothing with a rejected row. */
  skipped: number;
}

export interface ImportResult extends ImportCounts {
  jobId: string;
  /** Set when some row was rejected: GET /api/import/reports/{reportId}.xlsx. */
  reportId?: string;
  /** Whether the import was applied: false for a dry run and for all_or_nothing with a rejected row. */
  committed: boolean;
  errors: ImportError[];
}

export interface ImportOptions {
  format: 'xlsx' | 'csv';
  dryRun: boolean;
  mode: 'valid_only' | 'all_or_nothing';
}

/** How long the rejected rows of an import can be downloaded; older ones are erased. */
export const REPORT_TTL_MS = 7 * 24 * 3600 * 1000;
/** pg_advisory_xact_lock keys: one per element, so two imports of the same element run one after the other. */
const LOCK_BASE = 7_452_100;
const CHUNK = 1000;

type Values = Record<string, CellValue>;
interface Parsed {
  row: SheetRow;
  values: Values;
}

const text = (v: Values, k: string): string | null => (v[k] === undefined ? null : String(v[k]));
const numberOf = (v: Values, k: string): number | null => {
  const x = v[k];
  return typeof x === 'number' ? x : null;
};
const need = (v: Values, k: string): string => {
  const x = v[k];
  if (x === undefined) throw new Error(`import: ${k} missing after validation`);
  return String(x);
};
const needNumber = (v: Values, k: string): number => {
  const x = v[k];
  if (typeof x !== 'number') throw new Error(`import: ${k} missing after validation`);
  return x;
};

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Every problem found, by row, already in Chinese (the texts the API uses, from http/messages.ts). */
class Problems {
  private readonly byRow = new Map<number, ImportError[]>();
  constructor(private readonly order: string[]) {}

  add(row: number, column: string, key: string, params: Record<string, string | number> = {}) {
    const list = this.byRow.get(row) ?? [];
    if (list.some((e) => e.column === column)) return; // one message per cell
    list.push({ row, column, message: translate(key, 'zh-CN', params) });
    this.byRow.set(row, list);
  }

  has(row: number) {
    return this.byRow.has(row);
  }

  messagesOf(row: number): string[] {
    return (this.byRow.get(row) ?? []).map((e) => `${e.column}:${e.message}`);
  }

  list(): ImportError[] {
    const pos = (c: string) => {
      const i = this.order.indexOf(c);
      return i < 0 ? this.order.length : i;
    };
    return [...this.byRow.values()].flat().sort((a, b) => a.row - b.row || pos(a.column) - pos(b.column));
  }
}

/** A household named by 户号 in a people file. */
interface HouseholdPlan {
  countyCode: string;
  number: string;
  gridCode: string;
  address: string | null;
  firstRow: number;
  headRow: number | null;
  members: Parsed[];
  /** Set when it is already registered, or once created. */
  id: string | null;
  /** The number is taken by a household in another grid: its rows are rejected. */
  taken: boolean;
}

/** What a check of the rows against the database found. */
interface Checked {
  /** Rows (by row number) whose record is already registered. */
  existing: Set<number>;
  households: Map<string, HouseholdPlan>;
}

/**
 * Spreadsheet import. Every row is checked: required cells, enum values, ID numbers (GB 11643),
 * phones, credit codes (GB 32100), grids that exist, are grids and lie inside the caller's scope,
 * households, and duplicates within the file. A dry run stops there. A real import then writes all
 * valid new rows in one transaction — or nothing, in all_or_nothing mode when any row is bad — with
 * a first version row for each record and one audit entry for the import. Rows already registered
 * are counted as unchanged, so importing a file twice changes nothing; received = inserted +
 * unchanged + rejected + skipped, always.
 */
export class ImportService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly cipher: PersonalDataCipher,
    private readonly people: PersonService,
  ) {}

  async run(actor: Actor, kind: ElementKind, file: Buffer, opts: ImportOptions): Promise<ImportResult> {
    const sheet = await readSheet(file, opts.format);
    const columns = COLUMNS[kind];
    const problems = new Problems(columns.map((c) => c.header));
    const missing = columns.filter((c) => c.required && !sheet.headers.includes(c.header));
    for (const c of missing) problems.add(1, c.header, 'import_missing_column');
    const parsed = missing.length > 0 ? [] : this.parseRows(kind, sheet.rows, problems);
    const sha256 = crypto.createHash('sha256').update(file).digest('hex');

    const outcome = await this.db.transaction().execute(async (trx) => {
      // Imports of one element queue behind each other, so "already registered?" stays true until the write.
      if (!opts.dryRun) await checks.lockImportsOf(trx, LOCK_BASE + ELEMENT_KINDS.indexOf(kind));
      const checked = await this.check(trx, actor, kind, parsed, problems);
      const valid = parsed.filter((p) => !problems.has(p.row.row));
      const rejectedRows = missing.length > 0 ? sheet.rows : sheet.rows.filter((r) => problems.has(r.row));
      const fresh = valid.filter((p) => !checked.existing.has(p.row.row));
      const committed = !opts.dryRun && (opts.mode === 'valid_only' || rejectedRows.length === 0);
      const written = committed ? await this.write(trx, actor, kind, fresh, checked.households) : { inserted: 0, alreadyThere: 0 };
      const unchanged = valid.length - fresh.length + written.alreadyThere;
      const counts: ImportCounts = {
        received: sheet.rows.length, valid: valid.length, inserted: written.inserted, unchanged, rejected: rejectedRows.length,
        skipped: valid.length - written.inserted - unchanged,
      };
      const fileProblems = missing.length > 0 ? problems.messagesOf(1) : [];
      const report: ReportRow[] = rejectedRows.map((r) => ({ row: r.row, cells: r.cells, messages: [...fileProblems, ...problems.messagesOf(r.row)] }));
      const job = await jobs.insertImportJob(trx, {
          scope_code: actor.scope.code, element: kind, dry_run: opts.dryRun, mode: opts.mode, file_sha256: sha256, actor_id: actor.userId, actor_name: actor.username,
          created_at: this.clock.now(), counts: JSON.stringify(counts), headers: JSON.stringify(sheet.headers),
          // The rejected rows hold ID numbers and phones: kept encrypted like every personal field.
          rejected: JSON.stringify(report.length > 0 ? { enc: this.cipher.encrypt(JSON.stringify(report)) } : []),
      });
      if (!opts.dryRun) {
        await this.audit.record(trx, actor, {
          action: 'registry.import', entityType: 'import_job', entityId: job.id, areaCode: actor.scope.code || null,
          after: { element: kind, format: opts.format, mode: opts.mode, fileSha256: sha256, committed, ...counts },
        });
      }
      return { jobId: job.id, committed, counts };
    });
    await this.eraseOldReports();
    return {
      jobId: outcome.jobId, ...(outcome.counts.rejected > 0 ? { reportId: outcome.jobId } : {}), committed: outcome.committed, ...outcome.counts,
      errors: problems.list(),
    };
  }

  /** Cell by cell: required, format, enum; then duplicates within the file. */
  private parseRows(kind: ElementKind, rows: SheetRow[], problems: Problems): Parsed[] {
    const today = this.clock.now();
    const seen = new Map<string, number>();
    return rows.map((row) => {
      const values: Values = {};
      for (const c of COLUMNS[kind]) {
        const raw = row.cells[c.header] ?? '';
        if (row.lossy.includes(c.header)) {
          problems.add(row.row, c.header, 'import_number_as_text');
          continue;
        }
        if (!raw) {
          if (c.required) problems.add(row.row, c.header, 'required');
          continue;
        }
        const r = c.parse ? c.parse(raw, today) : { value: raw };
        if ('problem' in r) problems.add(row.row, c.header, r.problem, r.params);
        else values[c.key] = r.value;
      }
      const identity = this.identity(kind, values);
      if (identity) {
        const first = seen.get(identity.key);
        if (first !== undefined) problems.add(row.row, headerOf(kind, identity.column), 'import_duplicate_in_file', { row: first });
        else seen.set(identity.key, row.row);
      }
      return { row, values };
    });
  }

  /** What makes two rows the same record, and the column a duplicate is reported on. */
  private identity(kind: ElementKind, v: Values): { key: string; column: string } | null {
    const has = (...keys: string[]) => keys.every((k) => v[k] !== undefined);
    switch (kind) {
      case 'people':
        return has('idNumber') ? { key: need(v, 'idNumber'), column: 'idNumber' } : null;
      case 'houses':
        return has('gridCode', 'address') ? { key: `${need(v, 'gridCode')}|${need(v, 'address')}`, column: 'address' } : null;
      case 'organizations':
        if (has('creditCode')) return { key: need(v, 'creditCode'), column: 'creditCode' };
        return has('gridCode', 'name', 'address') ? { key: `${need(v, 'gridCode')}|${need(v, 'name')}|${need(v, 'address')}`, column: 'name' } : null;
      case 'places':
      case 'things':
        return has('name', 'lng', 'lat') ? { key: `${need(v, 'name')}|${need(v, 'lng')},${need(v, 'lat')}`, column: 'name' } : null;
    }
  }

  private async check(ex: Executor, actor: Actor, kind: ElementKind, parsed: Parsed[], problems: Problems): Promise<Checked> {
    const ok = () => parsed.filter((p) => !problems.has(p.row.row));
    if (kind === 'places' || kind === 'things') await this.checkLocations(ex, actor, kind, ok(), problems);
    else await this.checkGrids(ex, actor, kind, ok(), problems);
    const households = kind === 'people' ? await this.checkHouseholds(ex, ok(), problems) : new Map<string, HouseholdPlan>();
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
  private async checkLocations(ex: Executor, actor: Actor, kind: 'places' | 'things', rows: Parsed[], problems: Problems) {
    for (const p of rows) {
      if (kind === 'things') {
        const thingKind = need(p.values, 'kind') as keyof typeof THING_SUBTYPES;
        if (!THING_SUBTYPES[thingKind].includes(need(p.values, 'subtype'))) problems.add(p.row.row, headerOf(kind, 'subtype'), 'thing_subtype_unknown');
      }
      const hit = await locateArea(ex, actor.scope, 'grid', needNumber(p.values, 'lng'), needNumber(p.values, 'lat'));
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
        plan = { countyCode: gridCode.slice(0, 6), number, gridCode, address: null, firstRow: r, headRow: null, members: [], id: null, taken: false };
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
      if (plan.id === null && !plan.taken && plan.address === null) for (const m of plan.members) problems.add(m.row.row, col('address'), 'import_household_address');
    }
    return plans;
  }

  /**
   * The valid rows whose record is already registered: people by ID number (its keyed hash),
   * organisations by credit code (else grid, name and address), houses by grid and address,
   * places and things by name and point. A credit code registered outside the caller's scope is
   * a problem, not "unchanged".
   */
  private async findExisting(ex: Executor, actor: Actor, kind: ElementKind, rows: Parsed[], problems: Problems): Promise<Set<number>> {
    const existing = new Set<number>();
    const mark = (row: number | undefined) => {
      if (row !== undefined) existing.add(row);
    };
    if (kind === 'people') {
      const byHash = new Map(rows.map((p) => [this.cipher.lookupHash('id_number', need(p.values, 'idNumber')), p.row.row]));
      for (const part of chunks([...byHash.keys()], 5000)) {
        for (const f of await checks.registeredIdHashes(ex, part)) mark(byHash.get(f.id_number_hash));
      }
    } else if (kind === 'houses') {
      const byKey = new Map(rows.map((p) => [`${need(p.values, 'gridCode')}|${need(p.values, 'address')}`, p.row.row]));
      for (const part of chunks(rows)) {
        const found = await checks.registeredHouses(ex, part.map((p) => [need(p.values, 'gridCode'), need(p.values, 'address')]));
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
      const byKey = new Map(uncoded.map((p) => [`${need(p.values, 'gridCode')}|${need(p.values, 'name')}|${need(p.values, 'address')}`, p.row.row]));
      for (const part of chunks(uncoded)) {
        const keys = part.map((p): [string, string, string] => [need(p.values, 'gridCode'), need(p.values, 'name'), need(p.values, 'address')]);
        const found = await checks.registeredUncodedOrganizations(ex, keys);
        for (const f of found) mark(byKey.get(`${f.grid_code}|${f.name}|${f.address}`));
      }
    } else {
      const table = kind === 'places' ? 'place' : 'thing';
      const byKey = new Map(rows.map((p) => [`${need(p.values, 'name')}|${needNumber(p.values, 'lng')},${needNumber(p.values, 'lat')}`, p.row.row]));
      for (const part of chunks(rows)) {
        const keys = part.map((p): [string, number, number] => [need(p.values, 'name'), needNumber(p.values, 'lng'), needNumber(p.values, 'lat')]);
        const found = await checks.registeredLocated(ex, table, keys);
        for (const f of found) mark(byKey.get(`${f.name}|${f.lng},${f.lat}`));
      }
    }
    return existing;
  }

  /** Writes the new rows in batches, each record with its first version row. */
  private async write(trx: Executor, actor: Actor, kind: ElementKind, fresh: Parsed[], households: Map<string, HouseholdPlan>): Promise<{ inserted: number; alreadyThere: number }> {
    const now = this.clock.now();
    const versions = async (type: ElementType, rows: Array<{ id: string; county_code: string; grid_code: string; after: Record<string, unknown> }>) => {
      for (const part of chunks(rows)) {
        if (part.length === 0) continue;
        await writes.insertVersions(trx, part.map((r) => ({
          county_code: r.county_code, grid_code: r.grid_code, element_type: type, element_id: r.id, version: 1, at: now,
          actor_id: actor.userId, actor_name: actor.username, action: 'import', changes: JSON.stringify(diffFields(null, r.after)), reason: null,
        })));
      }
    };

    if (kind === 'people') {
      const freshRows = new Set(fresh.map((p) => p.row.row));
      const toOpen = [...households.values()].filter((h) => h.id === null && h.members.some((m) => freshRows.has(m.row.row)));
      for (const part of chunks(toOpen)) {
        const created = await writes.insertHouseholds(
          trx,
          part.map((h) => ({ county_code: h.countyCode, grid_code: h.gridCode, number: h.number, address: h.address ?? h.number, created_at: now, updated_at: now })),
        );
        for (const c of created) households.get(`${c.county_code}|${c.number}`)!.id = c.id;
        await versions('household', created.map((c) => ({ ...c, after: { number: c.number, address: c.address, houseId: null, headPersonId: null, gridCode: c.grid_code, status: 'active' } })));
      }
      const householdOf = new Map<number, string>();
      for (const h of households.values()) for (const m of h.members) if (h.id) householdOf.set(m.row.row, h.id);
      const people: BulkPerson[] = fresh.map((p) => {
        const v = p.values;
        return {
          name: need(v, 'name'), idNumber: need(v, 'idNumber'), phone: text(v, 'phone'), ethnicity: text(v, 'ethnicity') ?? '汉族',
          registrationType: need(v, 'registrationType') as BulkPerson['registrationType'], gridCode: need(v, 'gridCode'),
          householdId: householdOf.get(p.row.row) ?? null, relationToHead: text(v, 'relationToHead'), houseId: null,
        };
      });
      const r = await this.people.insertMany(trx, people, { now, actorId: actor.userId, actorName: actor.username, action: 'import', reason: null });
      const withNewHead = new Set(fresh.filter((p) => text(p.values, 'relationToHead') === '户主' && householdOf.has(p.row.row)).map((p) => householdOf.get(p.row.row)!));
      await this.people.linkHouseholdHeads(trx, [...withNewHead]);
      return { inserted: r.inserted.length, alreadyThere: r.existing.length };
    }

    const base = (p: Parsed) => ({ county_code: need(p.values, 'gridCode').slice(0, 6), grid_code: need(p.values, 'gridCode'), created_at: now, updated_at: now });
    let inserted = 0;
    let alreadyThere = 0;
    for (const part of chunks(fresh)) {
      if (kind === 'houses') {
        const rows = await writes.insertHouses(trx, part.map((p) => ({
            ...base(p), address: need(p.values, 'address'), lng: numberOf(p.values, 'lng'), lat: numberOf(p.values, 'lat'), use: need(p.values, 'use'),
            rental_status: text(p.values, 'rentalStatus') ?? 'owner_occupied', floors: numberOf(p.values, 'floors'), owner_name: text(p.values, 'ownerName'),
        })));
        inserted += rows.length;
        await versions('house', rows.map((h) => ({
          ...h, after: { address: h.address, lng: h.lng, lat: h.lat, gridCode: h.grid_code, use: h.use, rentalStatus: h.rental_status, floors: h.floors, areaM2: null, ownerName: h.owner_name, status: h.status },
        })));
      } else if (kind === 'organizations') {
        const rows = await writes.insertOrganizations(trx, part.map((p) => {
            const phone = text(p.values, 'contactPhone');
            return {
              ...base(p), name: need(p.values, 'name'), kind: need(p.values, 'kind'), credit_code: text(p.values, 'creditCode'), address: need(p.values, 'address'),
              contact_name: text(p.values, 'contactName'), contact_phone_enc: phone ? this.cipher.encrypt(phone) : null,
              contact_phone_hash: phone ? this.cipher.lookupHash('phone', phone) : null, employee_count: numberOf(p.values, 'employeeCount'),
            };
        }));
        inserted += rows.length;
        alreadyThere += part.length - rows.length;
        await versions('organization', rows.map((o) => ({
          ...o, after: {
            name: o.name, kind: o.kind, creditCode: o.credit_code, address: o.address, lng: o.lng, lat: o.lat, gridCode: o.grid_code, contactName: o.contact_name,
            // A personal field: the version row only says it was set (diffFields hides the value).
            contactPhone: o.contact_phone_enc ? 'set' : null, employeeCount: o.employee_count, status: o.status,
          },
        })));
      } else if (kind === 'places') {
        const rows = await writes.insertPlaces(
          trx,
          part.map((p) => ({ ...base(p), name: need(p.values, 'name'), kind: need(p.values, 'kind'), address: need(p.values, 'address'), lng: needNumber(p.values, 'lng'), lat: needNumber(p.values, 'lat') })),
        );
        inserted += rows.length;
        await versions('place', rows.map((r) => ({ ...r, after: { name: r.name, kind: r.kind, address: r.address, lng: r.lng, lat: r.lat, gridCode: r.grid_code, status: r.status } })));
      } else {
        const rows = await writes.insertThings(trx, part.map((p) => ({
            ...base(p), kind: need(p.values, 'kind') as 'facility' | 'hazard' | 'camera', subtype: need(p.values, 'subtype'), name: need(p.values, 'name'),
            lng: needNumber(p.values, 'lng'), lat: needNumber(p.values, 'lat'), status: text(p.values, 'status') ?? 'normal', details: '{}',
        })));
        inserted += rows.length;
        await versions('thing', rows.map((r) => ({ ...r, after: { kind: r.kind, subtype: r.subtype, name: r.name, lng: r.lng, lat: r.lat, gridCode: r.grid_code, status: r.status } })));
      }
    }
    return { inserted, alreadyThere };
  }

  /** Rejected rows are personal data: erased from the job record once they can no longer be downloaded. */
  private async eraseOldReports() {
    const cutoff = new Date(this.clock.now().getTime() - REPORT_TTL_MS);
    await jobs.eraseReportsBefore(this.db, cutoff);
  }

  /** The error report of one of the caller's own imports (or dry runs), while it is kept. */
  async report(actor: Actor, jobId: string): Promise<Buffer> {
    if (!actor.userId) throw notFound();
    const job = await jobs.findOwnImportJob(this.db, actor.scope, actor.userId, jobId);
    if (!job || job.created_at.getTime() < this.clock.now().getTime() - REPORT_TTL_MS) throw notFound();
    const stored: unknown = job.rejected;
    let rows: ReportRow[] = [];
    if (Array.isArray(stored)) rows = stored as ReportRow[];
    else if (stored && typeof stored === 'object' && 'enc' in stored && typeof stored.enc === 'string') rows = JSON.parse(this.cipher.decrypt(stored.enc)) as ReportRow[];
    return errorReportWorkbook(job.headers, rows);
  }
}
