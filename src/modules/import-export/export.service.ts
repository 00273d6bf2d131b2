import { PassThrough, type Readable } from 'node:stream';
import type { Db } from '../../db/database.js';
import { type Scope, withinScope } from '../../db/scope.js';
import { levelOfCode, subtreePrefix } from '../../kernel/area-code.js';
import type { Actor } from '../../lib/context.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { loadExcelJS } from '../../lib/lazy-libraries.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import type { AuditService } from '../audit/audit.service.js';
import { may } from '../registry/registry.policy.js';
import { type Cell, houseCells, organizationCells, personalFields, personCells } from './export.presenter.js';
import * as repo from './export.repository.js';

export type ExportKind = 'people' | 'houses' | 'organizations';
export type ExportFormat = 'xlsx' | 'csv';

/** Rows per database page: the export holds one page at a time, whatever the table size. */
export const EXPORT_PAGE = 5000;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Headers follow the import templates where the column is the same, so a list can be edited and imported again. */
export const EXPORT_HEADERS: Record<ExportKind, string[]> = {
  people: [
    '姓名',
    '身份证号',
    '性别',
    '出生日期',
    '民族',
    '联系电话',
    '户籍类型',
    '网格编码',
    '户号',
    '与户主关系',
    '状态',
  ],
  houses: ['地址', '网格编码', '经度', '纬度', '用途', '居住状态', '层数', '产权人', '状态'],
  organizations: ['名称', '类型', '统一社会信用代码', '地址', '网格编码', '联系人', '联系电话', '从业人数', '状态'],
};

type Page = Cell[][];

/** Waits until the reader has taken what was written (or has gone away). */
function drained(out: PassThrough): Promise<void> {
  if (!out.writableNeedDrain || out.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/** A cell that Excel would read as a formula (=, +, -, @) is written as text. */
function csvCell(v: Cell): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Streams an element list as .xlsx or .csv with constant memory: keyset pages of EXPORT_PAGE rows
 * (ordered by id) from the database straight into exceljs's streaming workbook writer, waiting for
 * the client to take each page before reading the next. ID numbers and phones are masked unless
 * `full` is asked for (the route checks personal:read_full); a full export is audited.
 */
export class ExportService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** The area to export: the one asked for, narrowed to the caller's scope; 404 when the two do not meet. */
  area(scope: Scope, areaCode: string | undefined): { code: string; prefix: string } {
    if (!areaCode) return { code: scope.code, prefix: scope.prefix };
    const level = levelOfCode(areaCode);
    if (!level) throw notFound();
    const prefix = subtreePrefix(areaCode, level);
    if (withinScope(scope, prefix)) return { code: areaCode, prefix };
    if (scope.prefix.startsWith(prefix)) return { code: scope.code, prefix: scope.prefix };
    throw notFound();
  }

  async start(
    actor: Actor,
    kind: ExportKind,
    opts: { areaCode?: string; format: ExportFormat; full: boolean },
  ): Promise<Readable> {
    if (opts.full && !may(actor, 'seeFullPersonalData')) throw forbidden();
    const area = this.area(actor.scope, opts.areaCode);
    if (opts.full) {
      await this.db.transaction().execute((trx) =>
        this.audit.record(trx, actor, {
          action: 'personal.export',
          entityType: kind,
          entityId: area.code || '*',
          areaCode: area.code || null,
          after: { element: kind, format: opts.format, full: true },
        }),
      );
    }
    const out = new PassThrough();
    const pages = this.pages(actor.scope, kind, area.prefix, opts.full);
    const write =
      opts.format === 'csv'
        ? this.writeCsv(out, EXPORT_HEADERS[kind], pages)
        : this.writeXlsx(out, EXPORT_HEADERS[kind], pages);
    write.catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
    return out;
  }

  private async writeXlsx(out: PassThrough, headers: string[], pages: AsyncGenerator<Page>) {
    const ExcelJS = await loadExcelJS();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
    const ws = wb.addWorksheet('数据');
    ws.addRow(headers).commit();
    for await (const page of pages) {
      if (out.destroyed) return;
      for (const r of page) ws.addRow(r).commit();
      await drained(out);
    }
    ws.commit();
    await wb.commit();
  }

  private async writeCsv(out: PassThrough, headers: string[], pages: AsyncGenerator<Page>) {
    // A BOM, so Excel on a Chinese system reads the file as UTF-8.
    out.write(`\uFEFF${headers.join(',')}\r\n`);
    for await (const page of pages) {
      if (out.destroyed) return;
      out.write(`${page.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`);
      await drained(out);
    }
    out.end();
  }

  private async *pages(scope: Scope, kind: ExportKind, prefix: string, full: boolean): AsyncGenerator<Page> {
    const personal = personalFields(this.cipher, full);
    let after = NIL_UUID;
    for (;;) {
      let page: Page;
      if (kind === 'people') {
        const rows = await repo.peoplePage(this.db, scope, prefix, after, EXPORT_PAGE);
        if (rows.length === 0) return;
        after = rows[rows.length - 1]!.id;
        page = rows.map((r) => personCells(r, personal));
      } else if (kind === 'houses') {
        const rows = await repo.housesPage(this.db, scope, prefix, after, EXPORT_PAGE);
        if (rows.length === 0) return;
        after = rows[rows.length - 1]!.id;
        page = rows.map(houseCells);
      } else {
        const rows = await repo.organizationsPage(this.db, scope, prefix, after, EXPORT_PAGE);
        if (rows.length === 0) return;
        after = rows[rows.length - 1]!.id;
        page = rows.map((r) => organizationCells(r, personal));
      }
      yield page;
    }
  }
}
