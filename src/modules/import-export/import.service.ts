import crypto from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { notFound } from '../../lib/errors.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import type { AreaService } from '../areas/area.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { PersonService } from '../registry/person.service.js';
import { COLUMNS, ELEMENT_KINDS, type ElementKind, headerOf } from './columns.js';
import * as checks from './import-check.repository.js';
import { ImportChecker } from './import-checker.js';
import * as jobs from './import-job.repository.js';
import {
  type ImportCounts,
  type ImportOptions,
  type ImportResult,
  LOCK_BASE,
  type Parsed,
  Problems,
  REPORT_TTL_MS,
  rowIdentity,
  type Values,
} from './import-rows.js';
import { ImportWriter } from './import-writer.js';
import { errorReportWorkbook, type ReportRow, readSheet, type SheetRow } from './spreadsheet.js';

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
  private readonly checker: ImportChecker;
  private readonly writer: ImportWriter;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly cipher: PersonalDataCipher,
    people: PersonService,
    areas: AreaService,
  ) {
    this.checker = new ImportChecker(cipher, areas);
    this.writer = new ImportWriter(clock, cipher, people);
  }

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
      const checked = await this.checker.check(trx, actor, kind, parsed, problems);
      const valid = parsed.filter((p) => !problems.has(p.row.row));
      const rejectedRows = missing.length > 0 ? sheet.rows : sheet.rows.filter((r) => problems.has(r.row));
      const fresh = valid.filter((p) => !checked.existing.has(p.row.row));
      const committed = !opts.dryRun && (opts.mode === 'valid_only' || rejectedRows.length === 0);
      const written = committed
        ? await this.writer.write(trx, actor, kind, fresh, checked.households)
        : { inserted: 0, alreadyThere: 0 };
      const unchanged = valid.length - fresh.length + written.alreadyThere;
      const counts: ImportCounts = {
        received: sheet.rows.length,
        valid: valid.length,
        inserted: written.inserted,
        unchanged,
        rejected: rejectedRows.length,
        skipped: valid.length - written.inserted - unchanged,
      };
      const fileProblems = missing.length > 0 ? problems.messagesOf(1) : [];
      const report: ReportRow[] = rejectedRows.map((r) => ({
        row: r.row,
        cells: r.cells,
        messages: [...fileProblems, ...problems.messagesOf(r.row)],
      }));
      const job = await jobs.insertImportJob(trx, {
        scope_code: actor.scope.code,
        element: kind,
        dry_run: opts.dryRun,
        mode: opts.mode,
        file_sha256: sha256,
        actor_id: actor.userId,
        actor_name: actor.username,
        created_at: this.clock.now(),
        counts: JSON.stringify(counts),
        headers: JSON.stringify(sheet.headers),
        // The rejected rows hold ID numbers and phones: kept encrypted like every personal field.
        rejected: JSON.stringify(report.length > 0 ? { enc: this.cipher.encrypt(JSON.stringify(report)) } : []),
      });
      if (!opts.dryRun) {
        await this.audit.record(trx, actor, {
          action: 'registry.import',
          entityType: 'import_job',
          entityId: job.id,
          areaCode: actor.scope.code || null,
          after: { element: kind, format: opts.format, mode: opts.mode, fileSha256: sha256, committed, ...counts },
        });
      }
      return { jobId: job.id, committed, counts };
    });
    await this.eraseOldReports();
    return {
      jobId: outcome.jobId,
      ...(outcome.counts.rejected > 0 ? { reportId: outcome.jobId } : {}),
      committed: outcome.committed,
      ...outcome.counts,
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
      const identity = rowIdentity(kind, values);
      if (identity) {
        const first = seen.get(identity.key);
        if (first !== undefined)
          problems.add(row.row, headerOf(kind, identity.column), 'import_duplicate_in_file', { row: first });
        else seen.set(identity.key, row.row);
      }
      return { row, values };
    });
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
    else if (stored && typeof stored === 'object' && 'enc' in stored && typeof stored.enc === 'string')
      rows = JSON.parse(this.cipher.decrypt(stored.enc)) as ReportRow[];
    return errorReportWorkbook(job.headers, rows);
  }
}
