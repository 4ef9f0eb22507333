import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Body } from '../../src/bodies/body.entity';
import { pdfText } from '../../src/infra/pdf';
import { startWorkers, type WorkerHost } from '../../workers/host';
import { gid } from '../helpers/catalogue-fixtures';
import { openAnnualPeriod, reportingCommunes } from '../helpers/reporting-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let workers: WorkerHost;
let adminToken: string;
let longAnToken: string;
let departmentToken: string;
let tanAnToken: string;
let longAn: Body;
let tanAn: Body;
let longAnReportId: string;
let periodId: string;
let consolidatedReportId: string;
let dir: string;

const FILE = 'format status sizeBytes sha256 downloadUrl createdAt';
const REQUEST = `mutation($input: RequestReportFileInput!) { requestReportFile(input: $input) { file { ${FILE} } errors { field code } } }`;
const FILES = `query($id: ID!) { node(id: $id) { ... on Report { files { ${FILE} } } ... on ConsolidatedReport { files { ${FILE} } } } }`;

interface FileView {
  format: string;
  status: string;
  sizeBytes: number | null;
  sha256: string | null;
  downloadUrl: string | null;
  createdAt: string;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'report-files-e2e-'));
  api = await startTestApi({ MEDIA_RELAY_INTERVAL_MS: '100', MEDIA_RETRY_BACKOFF_MS: '100' });
  const communes = await reportingCommunes(api);
  ({ adminToken, departmentToken, longAn, tanAn } = communes);
  longAnToken = communes.longAnOfficer.token;
  tanAnToken = communes.tanAnOfficer.token;
  periodId = await openAnnualPeriod(api, adminToken, 2026);
  workers = await startWorkers(api.runtime);
});

afterAll(async () => {
  await workers?.close();
  await api?.close();
  await rm(dir, { recursive: true, force: true });
});

async function draft(): Promise<string> {
  const prepared = await api.gql(`mutation($input: PrepareReportInput!) { prepareReport(input: $input) { report { id } errors { code } } }`, { input: { periodId, bodyId: gid('Body', longAn.id) } }, { token: longAnToken });
  expect(prepared.data?.prepareReport.errors).toEqual([]);
  return prepared.data?.prepareReport.report.id;
}

async function readyFiles(sourceId: string, token = longAnToken, expected = 3): Promise<FileView[]> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const files: FileView[] = (await api.gql(FILES, { id: sourceId }, { token })).data?.node.files ?? [];
    if (files.some((file) => file.status === 'FAILED')) throw new Error(`a file failed: ${JSON.stringify(files)}`);
    if (files.length === expected && files.every((file) => file.status === 'READY')) return files;
    if (Date.now() > deadline) throw new Error(`files not ready: ${JSON.stringify(files)}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function download(url: string): Promise<Buffer> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

describe('files of a report', () => {
  it('refuses a draft, renders a submitted report to DOCX, XLSX and PDF once, and keeps it from another commune', async () => {
    const reportId = await draft();
    longAnReportId = reportId;
    const updated = await api.gql(`mutation($input: UpdateReportDraftInput!) { updateReportDraft(input: $input) { errors { code } } }`, { input: { reportId, achievements: 'Phường đã mở 12 lớp tin học cho người cao tuổi.' } }, { token: longAnToken });
    expect(updated.data?.updateReportDraft.errors).toEqual([]);

    const refused = await api.gql(REQUEST, { input: { reportId, format: 'DOCX' } }, { token: longAnToken });
    expect(refused.data?.requestReportFile).toEqual({ file: null, errors: [{ field: ['input', 'reportId'], code: 'REPORT_IS_DRAFT' }] });
    const neither = await api.gql(REQUEST, { input: { format: 'DOCX' } }, { token: longAnToken });
    expect(neither.data?.requestReportFile.errors.map((error: { code: string }) => error.code)).toEqual(['REPORT_SOURCE_REQUIRED']);

    const submitted = await api.gql(`mutation($input: ReportInput!) { submitReport(input: $input) { errors { code } } }`, { input: { reportId } }, { token: longAnToken });
    expect(submitted.data?.submitReport.errors).toEqual([]);

    const stranger = await api.gql(REQUEST, { input: { reportId, format: 'PDF' } }, { token: tanAnToken });
    expect(stranger.data?.requestReportFile ?? null).toBeNull();
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const firstRequested = new Map<string, FileView>();
    for (const format of ['DOCX', 'XLSX', 'PDF']) {
      const requested = await api.gql(REQUEST, { input: { reportId, format } }, { token: longAnToken });
      expect(requested.data?.requestReportFile.errors).toEqual([]);
      expect(requested.data?.requestReportFile.file).toMatchObject({ format, downloadUrl: null });
      firstRequested.set(format, requested.data?.requestReportFile.file);
    }
    const again = await api.gql(REQUEST, { input: { reportId, format: 'DOCX' } }, { token: longAnToken });
    expect(again.data?.requestReportFile.errors).toEqual([]);
    expect(again.data?.requestReportFile.file.createdAt).toBe(firstRequested.get('DOCX')?.createdAt);

    const files = await readyFiles(reportId);
    expect(files).toHaveLength(3);
    const byFormat = new Map(files.map((file) => [file.format, file]));

    const docx = await download(byFormat.get('DOCX')?.downloadUrl ?? '');
    expect(docx.length).toBe(byFormat.get('DOCX')?.sizeBytes);
    const zip = await JSZip.loadAsync(docx);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml.replace(/<[^>]+>/g, '')).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(xml.replace(/<[^>]+>/g, '')).toContain('Phường đã mở 12 lớp tin học cho người cao tuổi.');

    const xlsx = await download(byFormat.get('XLSX')?.downloadUrl ?? '');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer);
    // Bảng 1: STT, Mã, Chỉ tiêu, Đơn vị, Giá trị, … from row 3 on; every value a number cell equal to the frozen figure.
    const frozen = await api.gql(`query($id: ID!) { node(id: $id) { ... on Report { figures { code value } } } }`, { id: reportId }, { token: longAnToken });
    const figures: { code: string; value: number }[] = frozen.data?.node.figures ?? [];
    expect(figures.length).toBeGreaterThan(0);
    const values = new Map<string, unknown>();
    book.getWorksheet('Chỉ tiêu')?.eachRow((row, rowNumber) => {
      if (rowNumber > 2) values.set(String(row.getCell(2).value), row.getCell(5).value);
    });
    expect(Object.fromEntries(values)).toEqual(Object.fromEntries(figures.map((figure) => [figure.code, figure.value])));

    const pdf = await download(byFormat.get('PDF')?.downloadUrl ?? '');
    const file = path.join(dir, 'report.pdf');
    await writeFile(file, pdf);
    const text = await pdfText(file, 1024 * 1024, 60_000);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Sở Giáo dục và Đào tạo (để tổng hợp)');

    const strangerView = await api.gql(FILES, { id: reportId }, { token: tanAnToken });
    expect(strangerView.data?.node ?? null).toBeNull();
  });

  it('renders the province’s consolidated report for the Department, with the bodies that did not report, and for nobody else', async () => {
    const reports = await api.gql(`query($p: ID!) { submissionBoard(periodId: $p) { lines { report { id status } } } }`, { p: periodId }, { token: departmentToken });
    const submitted = (reports.data?.submissionBoard.lines ?? []).map((line: { report: { id: string; status: string } | null }) => line.report).filter((report: { status: string } | null) => report?.status === 'SUBMITTED');
    expect(submitted).toHaveLength(1);
    const accepted = await api.gql(`mutation($input: ReportInput!) { acceptReport(input: $input) { errors { code } } }`, { input: { reportId: submitted[0].id } }, { token: departmentToken });
    expect(accepted.data?.acceptReport.errors).toEqual([]);
    const consolidated = await api.gql(`mutation($input: ReportPeriodInput!) { consolidateReports(input: $input) { consolidatedReport { id } errors { code } } }`, { input: { periodId } }, { token: departmentToken });
    expect(consolidated.data?.consolidateReports.errors).toEqual([]);
    consolidatedReportId = consolidated.data?.consolidateReports.consolidatedReport.id;

    const officer = await api.gql(REQUEST, { input: { consolidatedReportId, format: 'PDF' } }, { token: longAnToken });
    expect(officer.data?.requestReportFile ?? null).toBeNull();
    expect(officer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const requested = await api.gql(REQUEST, { input: { consolidatedReportId, format: 'PDF' } }, { token: departmentToken });
    expect(requested.data?.requestReportFile.errors).toEqual([]);
    const [pdfFile] = await readyFiles(consolidatedReportId, departmentToken, 1);
    const file = path.join(dir, 'consolidated.pdf');
    await writeFile(file, await download(pdfFile.downloadUrl ?? ''));
    const text = await pdfText(file, 1024 * 1024, 60_000);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    // Long An's accepted report is among those consolidated; Tân An, which never submitted, among the missing.
    const lower = text.toLocaleLowerCase('vi');
    const reportedAt = lower.indexOf('các báo cáo đã tổng hợp');
    const missingAt = lower.indexOf('các đơn vị chưa báo cáo');
    const longAnAt = lower.indexOf('ủy ban nhân dân phường long an', reportedAt);
    expect(reportedAt).toBeGreaterThan(-1);
    expect(missingAt).toBeGreaterThan(reportedAt);
    expect(longAnAt).toBeGreaterThan(reportedAt);
    expect(longAnAt).toBeLessThan(missingAt);
    expect(lower.indexOf('ủy ban nhân dân phường tân an', missingAt)).toBeGreaterThan(missingAt);
  });

  it('retries a file whose storage was down instead of failing it', async () => {
    const put = jest.spyOn(api.runtime.storage, 'put').mockRejectedValueOnce(new Error('connect ECONNREFUSED 127.0.0.1:9000'));
    try {
      const requested = await api.gql(REQUEST, { input: { consolidatedReportId, format: 'XLSX' } }, { token: departmentToken });
      expect(requested.data?.requestReportFile.errors).toEqual([]);
      const files = await readyFiles(consolidatedReportId, departmentToken, 2);
      expect(files.map((file) => file.format).sort()).toEqual(['PDF', 'XLSX']);
      const xlsxKeys = put.mock.calls.map(([key]) => key).filter((key) => key.endsWith('.xlsx'));
      expect(xlsxKeys).toHaveLength(2);
      expect(new Set(xlsxKeys).size).toBe(1);
    } finally {
      put.mockRestore();
    }
  });

  it('reads the files of a page of reports in one statement, however many reports', async () => {
    const prepared = await api.gql(`mutation($input: PrepareReportInput!) { prepareReport(input: $input) { report { id } errors { code } } }`, { input: { periodId, bodyId: gid('Body', tanAn.id) } }, { token: tanAnToken });
    expect(prepared.data?.prepareReport.errors).toEqual([]);
    const tanAnReportId: string = prepared.data?.prepareReport.report.id;
    const submitted = await api.gql(`mutation($input: ReportInput!) { submitReport(input: $input) { errors { code } } }`, { input: { reportId: tanAnReportId } }, { token: tanAnToken });
    expect(submitted.data?.submitReport.errors).toEqual([]);
    const requested = await api.gql(REQUEST, { input: { reportId: tanAnReportId, format: 'DOCX' } }, { token: tanAnToken });
    expect(requested.data?.requestReportFile.errors).toEqual([]);

    const ids = [longAnReportId, tanAnReportId];
    const statements = async (selection: string) => {
      const result = await api.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Report { ${selection} } } }`, { ids }, { token: departmentToken });
      expect(result.errors).toBeUndefined();
      return { nodes: result.data?.nodes as { id: string; files?: FileView[] }[], statements: result.extensions?.sqlStatements as number };
    };
    const withoutFiles = await statements('id');
    const withFiles = await statements(`id files { ${FILE} }`);
    expect(withFiles.nodes.map((node) => node.files?.map((file) => file.format).sort())).toEqual([['DOCX', 'PDF', 'XLSX'], ['DOCX']]);
    expect(withFiles.statements).toBe(withoutFiles.statements + 1);
  });
});
