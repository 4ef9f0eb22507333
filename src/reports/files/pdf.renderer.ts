import { NATIONAL_MOTTO, NATIONAL_TITLE } from '../../core/national-heading';
import { DEJAVU_SANS } from '../../infra/fonts';
import { openPdf } from '../../infra/pdf-writer';
import { CHART_HEIGHT, CHART_WIDTH } from './charts';
import { cellText, type Cell, type DocumentTable, type ReportDocument } from './report-document';

type Pdf = PDFKit.PDFDocument;

const MM = 72 / 25.4;
/** Decree 30's margins: 20 mm top and bottom, 30 mm left, 15 mm right. */
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const SIZE = 12;
const TABLE_SIZE = 9;
const CELL_PADDING = 3;

function contentWidth(pdf: Pdf): number {
  return pdf.page.width - MARGINS.left - MARGINS.right;
}

function ensureRoom(pdf: Pdf, height: number): void {
  if (pdf.y + height > pdf.page.height - MARGINS.bottom) pdf.addPage();
}

/** Two centred columns side by side, starting at the same height; leaves the cursor under the taller one. */
interface Line {
  text: string;
  font: string;
  size: number;
  align?: 'left' | 'center';
}

function columns(pdf: Pdf, left: Line[], right: Line[], split: number): void {
  const top = pdf.y;
  const width = contentWidth(pdf);
  const column = (lines: typeof left, x: number, w: number) => {
    pdf.y = top;
    for (const line of lines) pdf.font(line.font).fontSize(line.size).text(line.text, x, pdf.y, { width: w, align: line.align ?? 'center' });
    return pdf.y;
  };
  const bottom = Math.max(column(left, MARGINS.left, width * split), column(right, MARGINS.left + width * split, width * (1 - split)));
  pdf.x = MARGINS.left;
  pdf.y = bottom;
}

/**
 * Column widths: each column gets room for its longest word (a number is one word, never broken),
 * and what is left goes to the columns whose whole texts are longer, in proportion to what they lack.
 */
function widthsOf(pdf: Pdf, table: DocumentTable): number[] {
  const widthOf = (text: string, font: string) => pdf.font(font).fontSize(TABLE_SIZE).widthOfString(text) + 2 * CELL_PADDING + 1;
  const texts = table.columns.map((name, index) => [{ text: name, font: 'bold' }, ...table.rows.map((row) => ({ text: cellText(row[index] ?? null), font: 'regular' }))]);
  const least = texts.map((column) => Math.max(...column.flatMap((cell) => cell.text.split(/\s+/u).map((word) => widthOf(word, cell.font)))));
  const wanted = texts.map((column, index) => Math.max(least[index] as number, ...column.map((cell) => widthOf(cell.text, cell.font))));
  const available = contentWidth(pdf);
  const base = least.reduce((sum, width) => sum + width, 0);
  const lacking = wanted.reduce((sum, width, index) => sum + width - (least[index] as number), 0);
  if (base >= available || lacking === 0) return least.map((width) => (width * available) / base);
  const share = Math.min(1, (available - base) / lacking);
  const widths = wanted.map((width, index) => (least[index] as number) + (width - (least[index] as number)) * share);
  const total = widths.reduce((sum, width) => sum + width, 0);
  return widths.map((width) => (width * available) / total);
}

function tableRow(pdf: Pdf, cells: Cell[], widths: number[], header: boolean): void {
  pdf.font(header ? 'bold' : 'regular').fontSize(TABLE_SIZE);
  const heights = cells.map((value, index) => pdf.heightOfString(cellText(value), { width: (widths[index] ?? 0) - 2 * CELL_PADDING }));
  const height = Math.max(...heights) + 2 * CELL_PADDING;
  ensureRoom(pdf, height);
  const top = pdf.y;
  let x = MARGINS.left;
  cells.forEach((value, index) => {
    const width = widths[index] ?? 0;
    if (header) pdf.rect(x, top, width, height).fillAndStroke('#dce6f1', '#555555').fillColor('#000000');
    else pdf.rect(x, top, width, height).stroke('#555555');
    pdf.text(cellText(value), x + CELL_PADDING, top + CELL_PADDING, { width: width - 2 * CELL_PADDING, align: typeof value === 'number' ? 'right' : 'left' });
    x += width;
  });
  pdf.x = MARGINS.left;
  pdf.y = top + height;
}

function table(pdf: Pdf, data: DocumentTable): void {
  // The title, the header and a first row go on one page.
  ensureRoom(pdf, 90);
  pdf.moveDown(0.8).font('bold').fontSize(SIZE).text(data.title, MARGINS.left, pdf.y).moveDown(0.3);
  const widths = widthsOf(pdf, data);
  tableRow(pdf, data.columns, widths, true);
  for (const row of data.rows) tableRow(pdf, row, widths, false);
}

function heading(pdf: Pdf, doc: ReportDocument): void {
  columns(
    pdf,
    [
      ...(doc.superiorBody ? [{ text: doc.superiorBody, font: 'regular', size: 10 }] : []),
      { text: doc.issuingBody, font: 'bold', size: 10 },
      { text: '―――――', font: 'regular', size: 9 },
      { text: doc.numberAndSymbol, font: 'regular', size: 10 },
    ],
    [
      { text: NATIONAL_TITLE, font: 'bold', size: 11 },
      { text: NATIONAL_MOTTO, font: 'bold', size: 12 },
      { text: '――――――――――', font: 'regular', size: 9 },
      { text: doc.placeAndDate, font: 'italic', size: 11 },
    ],
    0.42,
  );
  pdf.moveDown(1.5);
  const width = contentWidth(pdf);
  pdf.font('bold').fontSize(14).text(doc.title, MARGINS.left, pdf.y, { width, align: 'center' });
  pdf.font('bold').fontSize(SIZE).text(doc.subtitle, { width, align: 'center' }).moveDown(1);
}

function closing(pdf: Pdf, doc: ReportDocument): void {
  ensureRoom(pdf, 150);
  pdf.moveDown(1);
  columns(
    pdf,
    [{ text: 'Nơi nhận:', font: 'bold', size: 11, align: 'left' }, ...doc.recipients.map((recipient): Line => ({ text: `- ${recipient}`, font: 'regular', size: 10, align: 'left' }))],
    [
      { text: doc.signature.capacity, font: 'bold', size: SIZE },
      ...(doc.signature.title ? [{ text: doc.signature.title, font: 'bold', size: SIZE }] : []),
      { text: '(Ký, ghi rõ họ tên và đóng dấu)', font: 'italic', size: 10 },
    ],
    0.5,
  );
}

/** The report as a PDF with the DejaVu font embedded (every Vietnamese glyph, a licence that allows shipping it). */
export function renderPdf(doc: ReportDocument, charts: Buffer[]): Promise<Buffer> {
  const { pdf, finish } = openPdf({ size: 'A4', margins: MARGINS, info: { Title: `${doc.title} ${doc.subtitle}`, Author: doc.issuingBody }, bufferPages: false }, DEJAVU_SANS);
  heading(pdf, doc);
  const width = contentWidth(pdf);
  for (const section of doc.sections) {
    ensureRoom(pdf, 50);
    pdf.moveDown(0.5).font('bold').fontSize(SIZE).text(section.heading, MARGINS.left, pdf.y, { width }).moveDown(0.3);
    for (const paragraph of section.paragraphs) pdf.font('regular').fontSize(SIZE).text(paragraph, { width, align: 'justify', indent: 10 * MM, paragraphGap: 4 });
  }
  for (const data of doc.tables) table(pdf, data);
  for (const png of charts) {
    const height = (width * CHART_HEIGHT) / CHART_WIDTH;
    ensureRoom(pdf, height + 20);
    pdf.moveDown(1);
    pdf.image(png, MARGINS.left, pdf.y, { width, height });
    pdf.x = MARGINS.left;
    pdf.y += height;
  }
  pdf.moveDown(1).font('italic').fontSize(9).text(doc.basisNote, MARGINS.left, pdf.y, { width });
  closing(pdf, doc);
  return finish();
}
