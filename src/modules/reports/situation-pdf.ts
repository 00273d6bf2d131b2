import PDFDocument from 'pdfkit';
import { registerCjkFonts } from '../../lib/cjk-font.js';
import type { SituationReport } from './situation-report.presenter.js';
import { type DocTable, reportTables, reportTitle } from './situation-rows.js';

/**
 * The situation report as an A4 PDF: summary, tables and two charts drawn as vectors (grouped bars
 * by category, a monthly line), in Noto Sans Hans from the shared font helper.
 */
const M = 50;
const W = 595.28 - 2 * M;
const BOTTOM = 841.89 - M;
const COLORS = { cur: '#2563eb', prev: '#94a3b8', ly: '#f59e0b', grid: '#e5e7eb', text: '#111827', muted: '#6b7280' };

type Doc = PDFKit.PDFDocument;

function ensure(doc: Doc, h: number) {
  if (doc.y + h > BOTTOM) doc.addPage();
}

function heading(doc: Doc, text: string) {
  ensure(doc, 40);
  doc.moveDown(0.6).font('cjk-bold').fontSize(13).fillColor(COLORS.text).text(text, M, doc.y, { width: W });
  doc.moveDown(0.3);
}

function table(doc: Doc, t: DocTable) {
  heading(doc, t.title);
  const cols = t.head.length;
  // The first column takes the rest: names are long, numbers short.
  const numW = Math.min(70, (W * 0.6) / Math.max(1, cols - 1));
  const widths = [W - numW * (cols - 1), ...Array<number>(cols - 1).fill(numW)];
  const max = Math.max(1, ...(t.bars ?? [0]));
  const row = (cells: string[], bold: boolean, i: number | null) => {
    doc.font(bold ? 'cjk-bold' : 'cjk').fontSize(9);
    const h =
      Math.max(16, ...cells.map((c, j) => doc.heightOfString(c, { width: widths[j]! - 8 }) + 6)) +
      (t.bars && i !== null ? 4 : 0);
    ensure(doc, h);
    const y = doc.y;
    if (bold) doc.rect(M, y, W, h).fill('#f3f4f6');
    // A bar under the first cell shows the row's size at a glance.
    if (i !== null && t.bars?.[i] !== undefined)
      doc.rect(M, y + h - 3, ((widths[0]! - 8) * t.bars[i]!) / max, 2.5).fill(COLORS.cur);
    let x = M;
    cells.forEach((c, j) => {
      doc.fillColor(COLORS.text).text(c, x + 4, y + 4, { width: widths[j]! - 8, align: j === 0 ? 'left' : 'right' });
      x += widths[j]!;
    });
    doc
      .moveTo(M, y + h)
      .lineTo(M + W, y + h)
      .lineWidth(0.5)
      .strokeColor(COLORS.grid)
      .stroke();
    doc.y = y + h;
  };
  row(t.head, true, null);
  t.rows.forEach((r, i) => {
    row(r, false, i);
  });
}

function legend(doc: Doc, x: number, y: number, items: Array<[string, string]>) {
  doc.font('cjk').fontSize(8);
  for (const [color, label] of items) {
    doc.rect(x, y + 2, 8, 8).fill(color);
    doc.fillColor(COLORS.muted).text(label, x + 11, y, { lineBreak: false });
    x += 16 + doc.widthOfString(label);
  }
}

function axes(doc: Doc, x0: number, y0: number, w: number, h: number, max: number) {
  doc.font('cjk').fontSize(7).fillColor(COLORS.muted);
  for (let i = 0; i <= 4; i++) {
    const y = y0 + h - (h * i) / 4;
    doc
      .moveTo(x0, y)
      .lineTo(x0 + w, y)
      .lineWidth(0.5)
      .strokeColor(COLORS.grid)
      .stroke();
    doc.fillColor(COLORS.muted).text(String(Math.round((max * i) / 4)), x0 - 30, y - 4, { width: 26, align: 'right' });
  }
}

/** An axis maximum that four ticks divide into round numbers. */
const niceMax = (v: number) => {
  if (v <= 4) return 4;
  const unit = 10 ** Math.floor(Math.log10(v / 4));
  return Math.ceil(v / (4 * unit)) * 4 * unit;
};

function barChart(doc: Doc, r: SituationReport) {
  const h = 150;
  ensure(doc, h + 50);
  const x0 = M + 34;
  const y0 = doc.y + 18;
  const w = W - 40;
  legend(doc, x0, doc.y, [
    [COLORS.cur, `本期 ${r.period.label}`],
    [COLORS.prev, '上期'],
    [COLORS.ly, '去年同期'],
  ]);
  const max = niceMax(Math.max(1, ...r.categories.flatMap((c) => [c.current, c.previous, c.lastYear])));
  axes(doc, x0, y0, w, h, max);
  const slot = w / r.categories.length;
  const bw = Math.min(14, (slot - 10) / 3);
  r.categories.forEach((c, i) => {
    const sx = x0 + i * slot + (slot - bw * 3) / 2;
    [c.current, c.previous, c.lastYear].forEach((v, k) => {
      const bh = (h * v) / max;
      doc.rect(sx + k * bw, y0 + h - bh, bw - 1, bh).fill([COLORS.cur, COLORS.prev, COLORS.ly][k]!);
    });
    doc
      .font('cjk')
      .fontSize(7)
      .fillColor(COLORS.text)
      .text(c.name, x0 + i * slot, y0 + h + 3, { width: slot, align: 'center' });
  });
  doc.y = y0 + h + 24;
}

function lineChart(doc: Doc, r: SituationReport) {
  const h = 110;
  ensure(doc, h + 50);
  const x0 = M + 34;
  const y0 = doc.y + 18;
  const w = W - 40;
  legend(doc, x0, doc.y, [
    [COLORS.cur, '本期'],
    [COLORS.ly, '去年同期'],
  ]);
  const max = niceMax(Math.max(1, ...r.trend.flatMap((t) => [t.current, t.lastYear])));
  axes(doc, x0, y0, w, h, max);
  const n = r.trend.length;
  const px = (i: number) => x0 + (n === 1 ? w / 2 : (w * i) / (n - 1));
  const py = (v: number) => y0 + h - (h * v) / max;
  for (const [key, color] of [
    ['lastYear', COLORS.ly],
    ['current', COLORS.cur],
  ] as const) {
    r.trend.forEach((t, i) => {
      if (i === 0) doc.moveTo(px(i), py(t[key]));
      else doc.lineTo(px(i), py(t[key]));
    });
    doc.lineWidth(1.5).strokeColor(color).stroke();
    r.trend.forEach((t, i) => {
      doc.circle(px(i), py(t[key]), 2).fill(color);
    });
  }
  r.trend.forEach((t, i) => {
    doc
      .font('cjk')
      .fontSize(7)
      .fillColor(COLORS.text)
      .text(t.month, px(i) - 25, y0 + h + 3, { width: 50, align: 'center' });
  });
  doc.y = y0 + h + 22;
}

export function situationPdf(r: SituationReport): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: M, info: { Title: reportTitle(r), Author: 'Fengqiao 枫桥' } });
  registerCjkFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('cjk-bold').fontSize(18).fillColor(COLORS.text).text(reportTitle(r), { align: 'center' });
  doc
    .font('cjk')
    .fontSize(9)
    .fillColor(COLORS.muted)
    .text(
      `统计期间 ${r.period.from} 至 ${r.period.to};对比上期 ${r.previous.from} 至 ${r.previous.to},去年同期 ${r.lastYear.from} 至 ${r.lastYear.to}。`,
      { align: 'center' },
    );
  heading(doc, '一、总体情况');
  doc.font('cjk').fontSize(10.5).fillColor(COLORS.text);
  for (const s of r.summary) doc.text(s, { width: W, indent: 21, lineGap: 3, paragraphGap: 4 });

  const [byCategory, ...rest] = reportTables(r);
  table(doc, byCategory!);
  doc.moveDown(0.5);
  barChart(doc, r);
  ensure(doc, 200);
  heading(doc, '月度趋势');
  lineChart(doc, r);
  for (const t of rest) table(doc, t);
  doc
    .moveDown(1)
    .font('cjk')
    .fontSize(8)
    .fillColor(COLORS.muted)
    .text(`生成时间 ${r.generatedAt}(数据来自事件与调解记录,已合并的重复事件不计)`, M, doc.y, { width: W });
  doc.end();
  return done;
}
