import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { COLUMNS, type ElementKind } from './columns.js';

export interface SheetRow {
  /** The row number the user sees in Excel (the header is row 1). */
  row: number;
  cells: Record<string, string>;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if (v instanceof Date) return v.toISOString().slice(0, 10);
  }
  return String(v);
}

/** Reads the first sheet of an .xlsx or a UTF-8 CSV into rows keyed by header text. Blank rows are skipped. */
export async function readSheet(data: Buffer, format: 'xlsx' | 'csv'): Promise<{ headers: string[]; rows: SheetRow[] }> {
  const wb = new ExcelJS.Workbook();
  const sheet =
    format === 'xlsx'
      ? (await wb.xlsx.load(data as unknown as ArrayBuffer), wb.worksheets[0])
      : await wb.csv.read(Readable.from([data.toString('utf8').replace(/^\uFEFF/, '')]), { parserOptions: { delimiter: ',' } });
  if (!sheet) return { headers: [], rows: [] };
  const headers: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = cellText(cell.value).trim();
  });
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, string> = {};
    let any = false;
    headers.forEach((h, i) => {
      const text = cellText(r.getCell(i + 1).value).trim();
      if (text) any = true;
      cells[h] = text;
    });
    if (any) rows.push({ row: rowNumber, cells });
  });
  return { headers, rows };
}

/** The downloadable template: headers, an example row, and a sheet of notes. */
export async function templateWorkbook(kind: ElementKind): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  const cols = COLUMNS[kind];
  ws.columns = cols.map((c) => ({ header: c.header, key: c.key, width: Math.max(12, c.example.length + 4) }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(Object.fromEntries(cols.map((c) => [c.key, c.example])));
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [{ header: '列', width: 18 }, { header: '必填', width: 8 }, { header: '说明', width: 60 }];
  for (const c of cols) notes.addRow([c.header, c.required ? '是' : '', c.note ?? '']);
  notes.addRow([]);
  notes.addRow(['', '', '第一行为表头,请勿修改;示例行导入前请删除。同一文件重复导入不会产生重复记录。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The rejected rows with an 错误说明 column, for the user to fix and import again. */
export async function errorReportWorkbook(headers: string[], rows: Array<{ row: number; cells: Record<string, string>; messages: string[] }>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('错误报告');
  ws.addRow(['原行号', ...headers, '错误说明']).font = { bold: true };
  for (const r of rows) {
    const line = ws.addRow([r.row, ...headers.map((h) => r.cells[h] ?? ''), r.messages.join(';')]);
    line.getCell(headers.length + 2).font = { color: { argb: 'FFC00000' } };
  }
  ws.getColumn(headers.length + 2).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
