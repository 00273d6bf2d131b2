import { Readable } from 'node:stream';
import type { CellValue } from 'exceljs';
import { AppError } from '../../lib/errors.js';
import { loadExcelJS } from '../../lib/lazy-libraries.js';
import { COLUMNS, type ElementKind } from './columns.js';

export interface SheetRow {
  /** The row number the user sees in Excel (the header is row 1). */
  row: number;
  cells: Record<string, string>;
  /** Headers whose cell held a number too long for Excel to keep every digit (an ID number typed as a number). */
  lossy: string[];
}

export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

/** More rows than this are refused whole: the file is read into memory to check every row. */
export const MAX_ROWS = 200_000;

/**
 * Header text as people write it: surrounding blanks, a required-field star and a hint in
 * brackets are dropped, so 「户籍类型(户籍/流动/境外)」 and 「*姓名」 match the template.
 */
export function normaliseHeader(raw: string): string {
  return raw
    .replace(/[（(][^)）]*[)）]\s*$/, '')
    .replace(/^[\s*＊]+|[\s*＊]+$/g, '')
    .trim();
}

interface CellText {
  text: string;
  lossy: boolean;
}

function cellText(v: CellValue): CellText {
  if (v === null || v === undefined) return { text: '', lossy: false };
  if (typeof v === 'number')
    return {
      text: Number.isInteger(v) && !Number.isSafeInteger(v) ? BigInt(v).toString() : String(v),
      lossy: Number.isInteger(v) && !Number.isSafeInteger(v),
    };
  if (typeof v === 'string') return { text: v, lossy: false };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE', lossy: false };
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10), lossy: false };
  if ('richText' in v) return { text: v.richText.map((r) => r.text).join(''), lossy: false };
  if ('result' in v) return cellText((v.result ?? null) as CellValue);
  if ('text' in v && typeof v.text === 'string') return { text: v.text, lossy: false };
  if ('error' in v) return { text: '', lossy: false };
  return { text: '', lossy: false };
}

function unreadable(): AppError {
  return new AppError('validation_failed', 'import_unreadable');
}

class RowCollector {
  readonly headers: string[] = [];
  readonly rows: SheetRow[] = [];

  setHeaders(values: string[]) {
    values.forEach((v, i) => {
      this.headers[i] = normaliseHeader(v);
    });
  }

  add(row: number, values: CellText[]) {
    const cells: Record<string, string> = {};
    const lossy: string[] = [];
    let any = false;
    this.headers.forEach((h, i) => {
      if (!h || Object.hasOwn(cells, h)) return;
      const v = values[i] ?? { text: '', lossy: false };
      const text = v.text.trim();
      if (text) any = true;
      cells[h] = text;
      if (v.lossy) lossy.push(h);
    });
    if (!any) return;
    if (this.rows.length >= MAX_ROWS)
      throw new AppError('validation_failed', 'import_too_many_rows', [], { max: MAX_ROWS });
    this.rows.push({ row, cells, lossy });
  }
}

/**
 * Reads the first worksheet of an .xlsx with exceljs's streaming reader (no workbook model is
 * built, so a 100k-row file costs the rows and little more).
 */
async function readXlsx(data: Buffer): Promise<Sheet> {
  const out = new RowCollector();
  let first = true;
  const ExcelJS = await loadExcelJS();
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([data]), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    for await (const sheet of reader) {
      for await (const r of sheet) {
        if (!first) continue; // later sheets (the notes) are read through and ignored
        const values: CellText[] = [];
        r.eachCell({ includeEmpty: false }, (cell, col) => (values[col - 1] = cellText(cell.value)));
        if (out.headers.length === 0 && r.number === 1) out.setHeaders(values.map((v) => v?.text ?? ''));
        else if (r.number > 1) out.add(r.number, values);
      }
      first = false;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unreadable();
  }
  if (first) throw unreadable();
  return { headers: out.headers, rows: out.rows };
}

/** UTF-8 (with or without a BOM), else GB 18030, which is what Excel on a Chinese system saves as "CSV". */
function decodeText(data: Buffer): string {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return data.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. Every value stays text. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

function readCsv(data: Buffer): Sheet {
  const out = new RowCollector();
  const records = parseCsv(decodeText(data));
  if (records.length === 0) throw unreadable();
  out.setHeaders(records[0]!);
  for (let i = 1; i < records.length; i++)
    out.add(
      i + 1,
      records[i]!.map((text) => ({ text, lossy: false })),
    );
  return { headers: out.headers, rows: out.rows };
}

/** Reads the first sheet of an .xlsx or a CSV into rows keyed by header. Blank rows are skipped. */
export async function readSheet(data: Buffer, format: 'xlsx' | 'csv'): Promise<Sheet> {
  return format === 'xlsx' ? readXlsx(data) : readCsv(data);
}

/** The downloadable template: headers (text-formatted where digits matter), an example row, and a sheet of notes. */
export async function templateWorkbook(kind: ElementKind): Promise<Buffer> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据', { views: [{ state: 'frozen', ySplit: 1 }] });
  const cols = COLUMNS[kind];
  ws.columns = cols.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.max(12, c.example.length + 4),
    ...(c.text ? { style: { numFmt: '@' } } : {}),
  }));
  ws.getRow(1).font = { bold: true };
  cols.forEach((c, i) => {
    if (c.required) ws.getRow(1).getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  ws.addRow(Object.fromEntries(cols.map((c) => [c.key, c.example])));
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [
    { header: '列', width: 18 },
    { header: '必填', width: 8 },
    { header: '说明', width: 70 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of cols) notes.addRow([c.header, c.required ? '是' : '', c.note ?? '']);
  notes.addRow([]);
  for (const line of [
    '第一行为表头,请勿修改;红色表头为必填列。示例行导入前请删除。',
    '身份证号、电话、网格编码、户号等列已设为文本格式,请勿改为数字格式,否则 Excel 会截断长数字。',
    '可先"试导入"检查全部数据,下载错误报告修改后再正式导入。',
    '同一文件重复导入不会产生重复记录:已登记的记录计为"未变化"。',
  ]) {
    notes.addRow(['', '', line]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ReportRow {
  row: number;
  cells: Record<string, string>;
  messages: string[];
}

/** The rejected rows with an 错误说明 column, for the user to fix and import again. */
export async function errorReportWorkbook(headers: string[], rows: ReportRow[]): Promise<Buffer> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('错误报告', { views: [{ state: 'frozen', ySplit: 1 }] });
  const shown = headers.filter((h) => h);
  ws.columns = [
    { width: 8 },
    ...shown.map((h) => ({ width: Math.max(10, h.length * 2 + 4), style: { numFmt: '@' } })),
    { width: 60 },
  ];
  ws.addRow(['原行号', ...shown, '错误说明']).font = { bold: true };
  for (const r of rows) {
    const line = ws.addRow([r.row, ...shown.map((h) => r.cells[h] ?? ''), r.messages.join(';')]);
    line.getCell(shown.length + 2).font = { color: { argb: 'FFC00000' } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
