import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { SituationReport } from './situation-report.presenter.js';
import { type DocTable, reportTables, reportTitle } from './situation-rows.js';

/**
 * The situation report as DOCX. Charts are tables: each bar is a shaded cell whose width is the
 * value's share of the largest, so Word, WPS and LibreOffice show them alike without images.
 */
const FONT = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: '宋体' };
const PAGE_W = 9000; // twips inside A4 margins
const BAR_W = 2600;
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE };

const text = (s: string, bold = false, size = 20) => new TextRun({ text: s, bold, size, font: FONT });
const para = (
  s: string,
  opts: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; size?: number } = {},
) => new Paragraph({ alignment: opts.align, children: [text(s, opts.bold, opts.size)] });

/** A bar: one shaded cell sized to the value, one blank cell for the rest, no borders. */
function bar(value: number, max: number, color: string): Table {
  const filled = Math.max(1, Math.round((BAR_W * value) / Math.max(1, max)));
  const cells = [
    new TableCell({
      width: { size: filled, type: WidthType.DXA },
      shading: { type: ShadingType.CLEAR, color: 'auto', fill: value > 0 ? color : 'FFFFFF' },
      borders: NO_BORDERS,
      children: [para('')],
    }),
  ];
  if (BAR_W - filled > 0)
    cells.push(
      new TableCell({
        width: { size: BAR_W - filled, type: WidthType.DXA },
        borders: NO_BORDERS,
        children: [para('')],
      }),
    );
  return new Table({
    width: { size: BAR_W, type: WidthType.DXA },
    columnWidths: cells.length === 2 ? [filled, BAR_W - filled] : [filled],
    borders: { ...NO_BORDERS, insideHorizontal: NONE, insideVertical: NONE },
    rows: [new TableRow({ height: { value: 160, rule: 'exact' }, children: cells })],
  });
}

function cell(children: Array<Paragraph | Table>, width: number, header = false) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'F3F4F6' } : undefined,
    children,
  });
}

function docTable(t: DocTable): Array<Paragraph | Table> {
  const withBars = !!t.bars;
  const cols = t.head.length;
  const numW = 950;
  const rest = PAGE_W - numW * (cols - 1) - (withBars ? BAR_W + 200 : 0);
  const widths = [rest, ...Array<number>(cols - 1).fill(numW), ...(withBars ? [BAR_W + 200] : [])];
  const max = Math.max(1, ...(t.bars ?? [0]));
  const head = new TableRow({
    tableHeader: true,
    children: [...t.head, ...(withBars ? ['图示'] : [])].map((h, j) =>
      cell([para(h, { bold: true, size: 18 })], widths[j]!, true),
    ),
  });
  const rows = t.rows.map(
    (r, i) =>
      new TableRow({
        children: [
          ...r.map((c, j) =>
            cell([para(c, { size: 18, align: j === 0 ? AlignmentType.LEFT : AlignmentType.RIGHT })], widths[j]!),
          ),
          ...(withBars ? [cell([bar(t.bars![i] ?? 0, max, '2563EB')], widths[cols]!)] : []),
        ],
      }),
  );
  return [
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      spacing: { before: 240, after: 120 },
      children: [text(t.title, true, 26)],
    }),
    new Table({ width: { size: PAGE_W, type: WidthType.DXA }, columnWidths: widths, rows: [head, ...rows] }),
  ];
}

/** Month by month, this period against the same months last year, as two bars per month. */
function trendTable(r: SituationReport): Array<Paragraph | Table> {
  const max = Math.max(1, ...r.trend.flatMap((t) => [t.current, t.lastYear]));
  const widths = [1800, 1100, 1100, PAGE_W - 4000];
  const rows = r.trend.map(
    (t) =>
      new TableRow({
        children: [
          cell([para(t.month, { size: 18 })], widths[0]!),
          cell([para(String(t.current), { size: 18, align: AlignmentType.RIGHT })], widths[1]!),
          cell([para(String(t.lastYear), { size: 18, align: AlignmentType.RIGHT })], widths[2]!),
          cell([bar(t.current, max, '2563EB'), bar(t.lastYear, max, 'F59E0B')], widths[3]!),
        ],
      }),
  );
  const head = new TableRow({
    tableHeader: true,
    children: ['月份', '本期', '去年同期', '图示(蓝:本期 橙:去年同期)'].map((h, j) =>
      cell([para(h, { bold: true, size: 18 })], widths[j]!, true),
    ),
  });
  return [
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      spacing: { before: 240, after: 120 },
      children: [text('月度趋势', true, 26)],
    }),
    new Table({ width: { size: PAGE_W, type: WidthType.DXA }, columnWidths: widths, rows: [head, ...rows] }),
  ];
}

export async function situationDocx(r: SituationReport): Promise<Buffer> {
  const [byCategory, ...rest] = reportTables(r);
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [text(reportTitle(r), true, 36)],
    }),
    para(
      `统计期间 ${r.period.from} 至 ${r.period.to};对比上期 ${r.previous.from} 至 ${r.previous.to},去年同期 ${r.lastYear.from} 至 ${r.lastYear.to}。`,
      { align: AlignmentType.CENTER, size: 18 },
    ),
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      spacing: { before: 240, after: 120 },
      children: [text('一、总体情况', true, 26)],
    }),
    ...r.summary.map(
      (s) =>
        new Paragraph({
          indent: { firstLine: 420 },
          spacing: { after: 80, line: 360 },
          children: [text(s, false, 21)],
        }),
    ),
    ...docTable(byCategory!),
    ...trendTable(r),
    ...rest.flatMap(docTable),
    new Paragraph({
      spacing: { before: 240 },
      children: [text(`生成时间 ${r.generatedAt}(数据来自事件与调解记录,已合并的重复事件不计)`, false, 16)],
    }),
  ];
  const doc = new Document({
    creator: 'Fengqiao 枫桥',
    title: reportTitle(r),
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    sections: [{ properties: { page: { margin: { top: 1200, bottom: 1200, left: 1450, right: 1450 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
