import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import PDFDocument from 'pdfkit';
import { registerCjkFonts } from '../../lib/cjk-font.js';
import type { ReportModel } from './risk-report.js';

const FONT = { ascii: 'SimSun', eastAsia: '宋体', hAnsi: 'SimSun' };

/** The report as a Word document; Word picks a Chinese system font for the East Asian runs. */
export async function reportDocx(r: ReportModel): Promise<Buffer> {
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, font: FONT, size: 20 })] })] });
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      heading: HeadingLevel.TITLE,
      children: [new TextRun({ text: r.title, bold: true, font: FONT, size: 36 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: `编号:${r.number}`, font: FONT, size: 22 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 300 },
      children: [new TextRun({ text: r.byline, font: FONT, size: 22 })],
    }),
  ];
  for (const s of r.sections) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        spacing: { before: 240, after: 120 },
        children: [new TextRun({ text: s.heading, bold: true, font: FONT, size: 28 })],
      }),
    );
    for (const p of s.paragraphs)
      children.push(
        new Paragraph({
          indent: { firstLine: 480 },
          spacing: { after: 80 },
          children: [new TextRun({ text: p, font: FONT, size: 24 })],
        }),
      );
    if (s.table && s.table.rows.length > 0) {
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: s.table.head.map((h) => cell(h, true)) }),
            ...s.table.rows.map((row) => new TableRow({ children: row.map((c) => cell(c)) })),
          ],
        }),
      );
    }
  }
  return Packer.toBuffer(new Document({ creator: 'Fengqiao', title: r.title, sections: [{ children }] }));
}

/** The report as a PDF with the embedded CJK font (subset by pdfkit), readable offline anywhere. */
export function reportPdf(r: ReportModel): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 64, bottom: 64, left: 64, right: 64 },
      info: { Title: r.title, Creator: 'Fengqiao' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    registerCjkFonts(doc);
    const width = doc.page.width - 128;
    doc.font('cjk-bold').fontSize(18).text(r.title, { align: 'center' });
    doc
      .moveDown(0.4)
      .font('cjk')
      .fontSize(10.5)
      .text(`编号:${r.number}`, { align: 'center' })
      .text(r.byline, { align: 'center' });
    for (const s of r.sections) {
      doc.moveDown(0.8).font('cjk-bold').fontSize(13).text(s.heading);
      doc.moveDown(0.3).font('cjk').fontSize(10.5);
      for (const p of s.paragraphs) doc.text(p, { indent: 21, lineGap: 3, paragraphGap: 4 });
      if (s.table && s.table.rows.length > 0) table(doc, s.table, width);
    }
    doc.end();
  });
}

/** A plain ruled table: pdfkit has none, and the report's tables are short. */
function table(doc: PDFKit.PDFDocument, t: { head: string[]; rows: string[][] }, width: number) {
  const colW = width / t.head.length;
  const left = doc.page.margins.left;
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'cjk-bold' : 'cjk').fontSize(9);
    const h = Math.max(...cells.map((c) => doc.heightOfString(c || ' ', { width: colW - 8 }))) + 8;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    cells.forEach((c, i) => {
      doc
        .rect(left + i * colW, y, colW, h)
        .strokeColor('#999999')
        .lineWidth(0.5)
        .stroke();
      doc.text(c, left + i * colW + 4, y + 4, { width: colW - 8 });
    });
    doc.x = left;
    doc.y = y + h;
  };
  doc.moveDown(0.3);
  drawRow(t.head, true);
  for (const row of t.rows) drawRow(row, false);
  doc.moveDown(0.5);
}
