import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ITableCellBorders,
} from 'docx';
import { NATIONAL_MOTTO, NATIONAL_TITLE } from '../../core/national-heading';
import { CHART_HEIGHT, CHART_WIDTH } from './charts';
import { cellText, type Cell, type DocumentTable, type ReportDocument } from './report-document';

/** Decree 30/2020/NĐ-CP: Times New Roman, 13–14 pt, A4 with margins 20–25 mm top and bottom, 30–35 left, 15–20 right. */
const FONT = 'Times New Roman';
const SIZE = 28;
const SMALL = 24;
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS: ITableCellBorders = { top: NONE, bottom: NONE, left: NONE, right: NONE };

function text(value: string, options: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}): TextRun {
  return new TextRun({ text: value, font: FONT, size: options.size ?? SIZE, bold: options.bold, italics: options.italics, underline: options.underline ? {} : undefined });
}

function centred(runs: TextRun[], after = 0): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children: runs });
}

/** The heading: issuer and number on the left, the national title and motto on the right, then place and date. */
function heading(doc: ReportDocument): Table {
  const left = [
    ...(doc.superiorBody ? [centred([text(doc.superiorBody, { size: 26 })])] : []),
    centred([text(doc.issuingBody, { bold: true, size: 26 })]),
    centred([text('―――――', { size: 20 })], 120),
    centred([text(doc.numberAndSymbol, { size: 26 })]),
  ];
  const right = [
    centred([text(NATIONAL_TITLE, { bold: true, size: 26 })]),
    centred([text(NATIONAL_MOTTO, { bold: true })]),
    centred([text('―――――――――――', { size: 20 })], 120),
    centred([text(doc.placeAndDate, { italics: true })]),
  ];
  return twoColumns(left, right, 40);
}

function table(data: DocumentTable): (Paragraph | Table)[] {
  const row = (cells: Cell[], bold: boolean) =>
    new TableRow({
      tableHeader: bold,
      children: cells.map(
        (value) =>
          new TableCell({
            children: [new Paragraph({ alignment: typeof value === 'number' ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [text(cellText(value), { bold, size: SMALL })] })],
          }),
      ),
    });
  return [
    new Paragraph({ spacing: { before: 240, after: 120 }, children: [text(data.title, { bold: true })] }),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(data.columns, true), ...data.rows.map((cells) => row(cells, false))] }),
  ];
}

function chart(png: Buffer, title: string): Paragraph[] {
  const width = 600;
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240 },
      children: [new ImageRun({ type: 'png', data: png, transformation: { width, height: Math.round((width * CHART_HEIGHT) / CHART_WIDTH) }, altText: { name: title, title, description: title } })],
    }),
  ];
}

function closing(doc: ReportDocument): Table {
  const recipients = [
    new Paragraph({ children: [text('Nơi nhận:', { bold: true, italics: true, size: 24 })] }),
    ...doc.recipients.map((recipient) => new Paragraph({ children: [text(`- ${recipient}`, { size: 22 })] })),
  ];
  const signature = [
    centred([text(doc.signature.capacity, { bold: true })]),
    ...(doc.signature.title ? [centred([text(doc.signature.title, { bold: true })])] : []),
    centred([text('(Ký, ghi rõ họ tên và đóng dấu)', { italics: true, size: 24 })], 1400),
  ];
  return twoColumns(recipients, signature, 50);
}

/** The report as a DOCX file in the layout of a Vietnamese administrative document, the charts as PNG images. */
export async function renderDocx(doc: ReportDocument, charts: Buffer[]): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [
    heading(doc),
    centred([text(doc.title, { bold: true })], 0),
    centred([text(doc.subtitle, { bold: true })], 240),
  ];
  for (const section of doc.sections) {
    body.push(new Paragraph({ spacing: { before: 200, after: 120 }, children: [text(section.heading, { bold: true })] }));
    for (const paragraph of section.paragraphs) body.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: convertMillimetersToTwip(10) }, spacing: { after: 120 }, children: [text(paragraph)] }));
  }
  for (const data of doc.tables) body.push(...table(data));
  doc.charts.forEach((spec, index) => body.push(...chart(charts[index] as Buffer, spec.title)));
  body.push(new Paragraph({ spacing: { before: 200, after: 240 }, children: [text(doc.basisNote, { italics: true, size: 22 })] }), closing(doc));
  const file = new Document({
    creator: doc.issuingBody,
    title: `${doc.title} ${doc.subtitle}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: { top: convertMillimetersToTwip(20), bottom: convertMillimetersToTwip(20), left: convertMillimetersToTwip(30), right: convertMillimetersToTwip(15) },
          },
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(file);
}

/** Two borderless columns side by side, as Decree 30 lays out the heading and the closing; `leftPercent` of the width on the left. */
function twoColumns(left: Paragraph[], right: Paragraph[], leftPercent: number): Table {
  const cell = (children: Paragraph[], percent: number) => new TableCell({ width: { size: percent, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, children });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { ...NO_BORDERS, insideHorizontal: NONE, insideVertical: NONE },
    rows: [new TableRow({ children: [cell(left, leftPercent), cell(right, 100 - leftPercent)] })],
  });
}
