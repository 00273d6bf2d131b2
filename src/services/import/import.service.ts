import crypto from 'node:crypto';
import type { Db, Executor } from '../../db/database.js';
import { inScope } from '../../db/scope.js';
import { translate } from '../../http/messages.js';
import type { Clock } from '../../lib/clock.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import { type BulkPerson, bulkInsertPeople, linkHouseholdHeads } from '../../repositories/registry-bulk.repository.js';
import type { AuditService } from '../audit.service.js';
import { locateArea } from '../../repositories/area.repository.js';
import type { Actor } from '../context.js';
import { THING_SUBTYPES } from '../place-thing.service.js';
import { notFound } from '../errors.js';
import { COLUMNS, type ElementKind } from './columns.js';
import { errorReportWorkbook, readSheet, type SheetRow } from './spreadsheet.js';

export interface ImportError {
  row: number;
  column: string;
  message: string;
}

export interface ImportResult {
  jobId: string;
  received: number;
  valid: number;
  inserted: number;
  unchanged: number;
  rejected: number;
  errors: ImportError[];
}

type Parsed = { row: SheetRow; values: Record<string, unknown> };

/**
 * Spreadsheet import: every row is checked (required cells, ID numbers, phones, credit codes,
 * grids inside the caller's scope, duplicates within the file); a dry run stops there. A real
 * import writes the valid rows in one transaction — or nothing, in all_or_nothing mode when any row
 * is bad. Rows already registered are reported as unchanged, so importing a file twice is harmless.
 */
export class ImportService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async run(actor: Actor, kind: ElementKind, file: Buffer, opts: { format: 'xlsx' | 'csv'; dryRun: boolean; mode: 'valid_only' | 'all_or_nothing' }): Promise<ImportResult> {
    const { headers, rows } = await readSheet(file, opts.format);
    const errors: ImportError[] = [];
    const columns = COLUMNS[kind];
    for (const c of columns.filter((c) => c.required && !headers.includes(c.header))) {
      errors.push({ row: 1, column: c.header, message: translate('import_missing_column', 'zh-CN') });
    }
    const parsed = errors.length > 0 ? [] : this.parseRows(kind, rows, errors);
    await this.checkGrids(actor, kind, parsed, errors);
    const badRows = new Set(errors.map((e) => e.row));
    const valid = parsed.filter((p) => !badRows.has(p.row.row));
    const write = !opts.dryRun && !(opts.mode === 'all_or_nothing' && errors.length > 0);

    const sha = crypto.createHash('sha256').update(file).digest('hex');
    const result = await this.db.transaction().execute(async (trx) => {
      const outcome = write ? await this.write(trx, actor, kind, valid) : { inserted: 0, unchanged: opts.dryRun ? await this.countExisting(trx, kind, valid) : 0 };
      const counts = { received: rows.length, valid: valid.length, inserted: outcome.inserted, unchanged: outcome.unchanged, rejected: badRows.size };
      const rejected = rows
        .filter((r) => badRows.has(r.row))
        .map((r) => ({ row: r.row, cells: r.cells, messages: errors.filter((e) => e.row === r.row).map((e) => `${e.column}:${e.message}`) }));
      const job = await trx
        .insertInto('import_job')
        .values({
          scope_code: actor.scope.code, element: kind, dry_run: opts.dryRun, mode: opts.mode, file_sha256: sha, actor_id: actor.userId, actor_name: actor.username,
          created_at: this.clock.now(), counts: JSON.stringify(counts), headers: JSON.stringify(headers), rejected: JSON.stringify(rejected),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (write) {
        await this.audit.record(trx, actor, {
          action: 'registry.import', entityType: 'import_job', entityId: job.id, areaCode: actor.scope.code || null,
          after: { element: kind, mode: opts.mode, fileSha256: sha, ...counts },
        });
      }
      return { jobId: job.id, ...counts };
    });
    return { ...result, errors: errors.sort((a, b) => a.row - b.row) };
  }

  private parseRows(kind: ElementKind, rows: SheetRow[], errors: ImportError[]): Parsed[] {
    const today = this.clock.now();
    const seen = new Map<string, number>();
    const uniqueKey = kind === 'people' ? 'idNumber' : kind === 'organizations' ? 'creditCode' : kind === 'houses' ? 'address' : 'name';
    return rows.map((row) => {
      const values: Record<string, unknown> = {};
      for (const c of COLUMNS[kind]) {
        const raw = row.cells[c.header] ?? '';
        if (!raw) {
          if (c.required) errors.push({ row: row.row, column: c.header, message: translate('required', 'zh-CN') });
          continue;
        }
        const r = c.parse ? c.parse(raw, today) : { value: raw };
        if ('problem' in r) errors.push({ row: row.row, column: c.header, message: translate(r.problem, 'zh-CN') });
        else values[c.key] = r.value;
      }
      const scopePart = kind === 'houses' ? `${String(values.gridCode)}|` : kind === 'places' || kind === 'things' ? `${String(values.lng)},${String(values.lat)}|` : '';
      const key = values[uniqueKey] === undefined ? undefined : `${scopePart}${String(values[uniqueKey])}`;
      if (key !== undefined) {
        const first = seen.get(key);
        if (first !== undefined) {
          const header = COLUMNS[kind].find((c) => c.key === uniqueKey)!.header;
          errors.push({ row: row.row, column: header, message: translate('import_duplicate_in_file', 'zh-CN', { row: first }) });
        } else seen.set(key, row.row);
      }
      if (kind === 'people' && values.householdNumber && !values.address) {
        // The address is only needed when the household is new; checked again when writing.
        values.address = undefined;
      }
      return { row, values };
    });
  }

  /** Every grid code must be an active grid inside the caller's scope; located rows get theirs from the point. */
  private async checkGrids(actor: Actor, kind: ElementKind, parsed: Parsed[], errors: ImportError[]) {
    if (kind === 'places' || kind === 'things') {
      for (const p of parsed) {
        if (typeof p.values.lng !== 'number' || typeof p.values.lat !== 'number') continue;
        if (kind === 'things' && !(THING_SUBTYPES[p.values.kind as 'facility'] ?? []).includes(String(p.values.subtype))) {
          errors.push({ row: p.row.row, column: '子类', message: translate('thing_subtype_unknown', 'zh-CN') });
        }
        const hit = await locateArea(this.db, actor.scope, 'grid', p.values.lng, p.values.lat);
        if (hit) p.values.gridCode = hit.code;
        else errors.push({ row: p.row.row, column: '经度', message: translate('location_outside_grids', 'zh-CN') });
      }
      return;
    }
    const codes = [...new Set(parsed.map((p) => p.values.gridCode).filter((c): c is string => typeof c === 'string'))];
    const ok = new Set<string>();
    for (let i = 0; i < codes.length; i += 1000) {
      const found = await this.db.selectFrom('area').select('code').where('code', 'in', codes.slice(i, i + 1000)).where('level', '=', 'grid').where('status', '=', 'active').where(inScope(actor.scope, 'code')).execute();
      for (const f of found) ok.add(f.code);
    }
    const header = COLUMNS[kind].find((c) => c.key === 'gridCode')!.header;
    for (const p of parsed) {
      if (typeof p.values.gridCode === 'string' && !ok.has(p.values.gridCode)) errors.push({ row: p.row.row, column: header, message: translate('import_grid_outside', 'zh-CN') });
    }
  }

  private async countExisting(trx: Executor, kind: ElementKind, valid: Parsed[]): Promise<number> {
    if (kind !== 'people' || valid.length === 0) return 0;
    const hashes = valid.map((p) => this.cipher.lookupHash('id_number', String(p.values.idNumber)));
    let n = 0;
    for (let i = 0; i < hashes.length; i += 5000) {
      n += (await trx.selectFrom('person').select('id').where('id_number_hash', 'in', hashes.slice(i, i + 5000)).execute()).length;
    }
    return n;
  }

  private async write(trx: Executor, actor: Actor, kind: ElementKind, valid: Parsed[]): Promise<{ inserted: number; unchanged: number }> {
    const now = this.clock.now();
    if (kind === 'people') {
      const householdIds = await this.ensureHouseholds(trx, valid, now);
      const people: BulkPerson[] = valid.map((p) => ({
        name: String(p.values.name), idNumber: String(p.values.idNumber), phone: (p.values.phone as string | undefined) ?? null,
        ethnicity: (p.values.ethnicity as string | undefined) ?? '汉族', registrationType: p.values.registrationType as BulkPerson['registrationType'],
        gridCode: String(p.values.gridCode), householdId: p.values.householdNumber ? (householdIds.get(String(p.values.householdNumber)) ?? null) : null,
        relationToHead: (p.values.relationToHead as string | undefined) ?? null, houseId: null,
      }));
      const r = await bulkInsertPeople(trx, this.cipher, people, { now, actorId: actor.userId, actorName: actor.username, action: 'import', reason: null });
      await linkHouseholdHeads(trx, [...householdIds.values()]);
      return { inserted: r.inserted.length, unchanged: r.existing.length };
    }
    if (kind === 'houses') {
      let inserted = 0;
      for (const p of valid) {
        const exists = await trx.selectFrom('house').select('id').where('grid_code', '=', String(p.values.gridCode)).where('address', '=', String(p.values.address)).executeTakeFirst();
        if (exists) continue;
        await trx
          .insertInto('house')
          .values({
            county_code: String(p.values.gridCode).slice(0, 6), grid_code: String(p.values.gridCode), address: String(p.values.address), lng: (p.values.lng as number | undefined) ?? null,
            lat: (p.values.lat as number | undefined) ?? null, use: String(p.values.use), rental_status: (p.values.rentalStatus as string | undefined) ?? 'owner_occupied',
            floors: (p.values.floors as number | undefined) ?? null, owner_name: (p.values.ownerName as string | undefined) ?? null, created_at: now, updated_at: now,
          })
          .execute();
        inserted++;
      }
      return { inserted, unchanged: valid.length - inserted };
    }
    if (kind === 'places' || kind === 'things') return this.writeLocated(trx, kind, valid, now);
    let inserted = 0;
    for (const p of valid) {
      if (p.values.creditCode && (await trx.selectFrom('organization').select('id').where('credit_code', '=', String(p.values.creditCode)).executeTakeFirst())) continue;
      const phone = (p.values.contactPhone as string | undefined) ?? null;
      await trx
        .insertInto('organization')
        .values({
          county_code: String(p.values.gridCode).slice(0, 6), grid_code: String(p.values.gridCode), name: String(p.values.name), kind: String(p.values.kind),
          credit_code: (p.values.creditCode as string | undefined) ?? null, address: String(p.values.address), contact_name: (p.values.contactName as string | undefined) ?? null,
          contact_phone_enc: phone ? this.cipher.encrypt(phone) : null, contact_phone_hash: phone ? this.cipher.lookupHash('phone', phone) : null,
          employee_count: (p.values.employeeCount as number | undefined) ?? null, created_at: now, updated_at: now,
        })
        .execute();
      inserted++;
    }
    return { inserted, unchanged: valid.length - inserted };
  }

  /** Places and things; one already at the same point with the same name counts as unchanged. */
  private async writeLocated(trx: Executor, kind: 'places' | 'things', valid: Parsed[], now: Date) {
    const table = kind === 'places' ? 'place' : 'thing';
    let inserted = 0;
    for (const p of valid) {
      const v = p.values as { name: string; lng: number; lat: number; gridCode: string; kind: string; address?: string; subtype?: string; status?: string };
      const exists = await trx.selectFrom(table).select('id').where('name', '=', v.name).where('lng', '=', v.lng).where('lat', '=', v.lat).executeTakeFirst();
      if (exists) continue;
      const base = { county_code: v.gridCode.slice(0, 6), grid_code: v.gridCode, name: v.name, lng: v.lng, lat: v.lat, created_at: now, updated_at: now };
      if (kind === 'places') await trx.insertInto('place').values({ ...base, kind: v.kind, address: v.address ?? '' }).execute();
      else await trx.insertInto('thing').values({ ...base, kind: v.kind as 'camera', subtype: v.subtype ?? 'other', status: v.status ?? 'normal', details: '{}' }).execute();
      inserted++;
    }
    return { inserted, unchanged: valid.length - inserted };
  }

  /** Households named in the file: existing ones (same county and number) are reused, new ones are opened. */
  private async ensureHouseholds(trx: Executor, valid: Parsed[], now: Date): Promise<Map<string, string>> {
    const byNumber = new Map<string, Parsed>();
    for (const p of valid) if (p.values.householdNumber && !byNumber.has(String(p.values.householdNumber))) byNumber.set(String(p.values.householdNumber), p);
    const ids = new Map<string, string>();
    for (const [number, p] of byNumber) {
      const grid = String(p.values.gridCode);
      const existing = await trx.selectFrom('household').select('id').where('county_code', '=', grid.slice(0, 6)).where('number', '=', number).executeTakeFirst();
      if (existing) {
        ids.set(number, existing.id);
        continue;
      }
      const created = await trx
        .insertInto('household')
        .values({ county_code: grid.slice(0, 6), grid_code: grid, number, address: String(p.values.address ?? number), created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(number, created.id);
    }
    return ids;
  }

  async report(actor: Actor, jobId: string): Promise<Buffer> {
    const job = await this.db.selectFrom('import_job').select(['headers', 'rejected']).where('id', '=', jobId).where(inScope(actor.scope, 'scope_code')).executeTakeFirst();
    if (!job) throw notFound();
    return errorReportWorkbook(job.headers, job.rejected);
  }
}
