import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import sharp from 'sharp';
import { pdfText } from '../../src/infra/pdf';
import { renderChart } from '../../src/reports/files/charts';
import { renderDocx } from '../../src/reports/files/docx.renderer';
import { renderPdf } from '../../src/reports/files/pdf.renderer';
import { documentOfConsolidated, documentOfReport } from '../../src/reports/files/report-document';
import { renderXlsx } from '../../src/reports/files/xlsx.renderer';
import { SAMPLE_CONSOLIDATED, SAMPLE_REPORT } from '../helpers/report-document-fixtures';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'report-files-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('report document', () => {
  it('lays out the heading of an administrative document and labels categories in Vietnamese', () => {
    const doc = documentOfReport(SAMPLE_REPORT);
    expect(doc).toMatchObject({
      superiorBody: 'ỦY BAN NHÂN DÂN TỈNH TÂY NINH',
      issuingBody: 'ỦY BAN NHÂN DÂN PHƯỜNG LONG AN',
      placeAndDate: 'Long An, ngày 05 tháng 12 năm 2026',
      signature: { capacity: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH' },
    });
    const breakdown = doc.tables.find((table) => table.sheet === 'Phân tổ');
    expect(breakdown?.rows).toContainEqual(['PARTICIPANTS_15_PLUS', 'Người từ 15 tuổi tham gia học tập', 'Giới tính', 'Nữ', 700, 'người']);
    expect(breakdown?.rows).toContainEqual(['PARTICIPANTS_15_PLUS', 'Người từ 15 tuổi tham gia học tập', 'Nhóm tuổi', '15–24 tuổi', 300, 'người']);
    expect(doc.charts.map((chart) => chart.title)).toEqual(['Tỷ lệ đạt danh hiệu so với mục tiêu', 'Xu hướng qua các kỳ báo cáo']);
  });

  it('lists the consolidated reports, the missing bodies and a chart per unit', () => {
    const doc = documentOfConsolidated(SAMPLE_CONSOLIDATED);
    expect(doc.sections[1]?.paragraphs).toEqual(['Ủy ban nhân dân Xã Bến Lức.']);
    const perUnit = doc.charts.find((chart) => chart.title.includes('theo đơn vị'));
    expect(perUnit).toMatchObject({ categories: ['Phường Long An', 'Phường Khánh Hậu'], series: [{ values: [42.5, 31.4] }] });
  });
});

describe('renderers', () => {
  const doc = documentOfReport(SAMPLE_REPORT);
  const charts = doc.charts.map(renderChart);

  it('draws charts as PNG images', async () => {
    const meta = await sharp(charts[0] as Buffer).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 1200, height: 640 });
  });

  it('writes a DOCX whose XML holds the national title, the figures and the charts', async () => {
    const zip = await JSZip.loadAsync(await renderDocx(doc, charts));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('1.234');
    expect(Object.keys(zip.files).filter((name) => /^word\/media\/.+\.png$/.test(name))).toHaveLength(2);
  });

  it('writes an XLSX whose figures are numeric cells', async () => {
    const book = new ExcelJS.Workbook();
    const bytes = await renderXlsx(doc);
    // exceljs types its input as its own Buffer, an ArrayBuffer: hand it the file's bytes as one.
    await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = book.getWorksheet('Chỉ tiêu');
    const row = sheet?.getRow(3);
    expect(row?.getCell(2).value).toBe('PARTICIPANTS_15_PLUS');
    expect(row?.getCell(5).value).toBe(1234);
    expect(book.getWorksheet('Phân tổ')?.getRow(3).getCell(5).value).toBe(700);
  });

  it('writes a PDF whose text is Vietnamese, intact', async () => {
    const file = path.join(dir, 'report.pdf');
    await writeFile(file, await renderPdf(doc, charts));
    const text = await pdfText(file, 1024 * 1024, 60_000);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Người từ 15 tuổi tham gia học tập');
    expect(text).toContain('1.234');
  });
});
