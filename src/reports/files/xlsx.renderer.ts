import ExcelJS from 'exceljs';
import type { ReportDocument } from './report-document';

/** Excel's limit on a sheet name, and characters it refuses in one. */
const SHEET_NAME_MAX = 31;

/** Every table of the report on a sheet of its own, numbers as numeric cells; a first sheet says what the report is. */
export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = doc.issuingBody;
  book.title = `${doc.title} ${doc.subtitle}`;
  const about = book.addWorksheet('Thông tin');
  about.columns = [{ width: 28 }, { width: 90 }];
  const facts: [string, string][] = [
    ['Cơ quan báo cáo', doc.issuingBody],
    ['Số, ký hiệu', doc.numberAndSymbol],
    ['Địa danh, ngày', doc.placeAndDate],
    ['Tên báo cáo', `${doc.title}: ${doc.subtitle}`],
    ['Nguồn số liệu', doc.basisNote],
  ];
  for (const fact of facts) about.addRow(fact).getCell(1).font = { bold: true };
  for (const table of doc.tables) {
    const sheet = book.addWorksheet(table.sheet.replace(/[*?:\\/[\]]/gu, ' ').slice(0, SHEET_NAME_MAX));
    sheet.addRow([table.title]).font = { bold: true, size: 13 };
    const header = sheet.addRow(table.columns);
    header.font = { bold: true };
    header.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } }));
    for (const row of table.rows) sheet.addRow(row);
    sheet.views = [{ state: 'frozen', ySplit: 2 }];
    table.columns.forEach((name, index) => {
      const widest = Math.max(name.length, ...table.rows.map((row) => String(row[index] ?? '').length));
      sheet.getColumn(index + 1).width = Math.min(60, Math.max(8, widest + 2));
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
