import PDFDocument from 'pdfkit';
import { Role } from '../../src/core/roles';
import { startWorkers, type WorkerHost } from '../../workers/host';
import { createInstitution, gid, seedUnits } from '../helpers/catalogue-fixtures';
import { COMPLETE_UPLOAD, makePdf, putUpload, stepFailures, waitForAsset } from '../helpers/media-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let workers: WorkerHost;
let staff: string;
let provinceAdmin: string;
let institutionId: string;

const MAX_PAGES = 5;

beforeAll(async () => {
  api = await startTestApi({ MEDIA_RELAY_INTERVAL_MS: '100', MEDIA_RETRY_BACKOFF_MS: '100', MEDIA_MAX_DOCUMENT_PAGES: String(MAX_PAGES) });
  workers = await startWorkers(api.runtime);
  const admin = await api.adminContext();
  const units = await seedUnits(admin);
  const institution = await createInstitution(admin, units.longAn, 'Thư viện tài liệu');
  institutionId = gid('Institution', institution.id);
  staff = (await api.account(Role.INSTITUTION_STAFF, { institutionId: institution.id })).token;
  provinceAdmin = (await api.account(Role.PROVINCE_ADMIN)).token;
}, 60_000);

afterAll(async () => {
  await workers.close();
  await api.close();
});

/** A PDF that opens only with a password, as office software saves one. */
function lockedPdf(password: string): Promise<Buffer> {
  const pdf = new PDFDocument({ userPassword: password, ownerPassword: `${password}-owner`, pdfVersion: '1.7' });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.text('Tai lieu mat');
  pdf.end();
  return done;
}

async function processed(bytes: Buffer, filename: string) {
  const uploadId = await putUpload(api, staff, institutionId, bytes, { filename, contentType: 'application/pdf' });
  const completed = (await api.gql(COMPLETE_UPLOAD, { input: { uploadId } }, { token: staff })).data?.completeUpload;
  expect(completed.errors).toEqual([]);
  return waitForAsset(api, staff, completed.asset.id, 60_000);
}

it('fails both steps of a PDF locked with a password at the first attempt, saying it is protected', async () => {
  const asset = await processed(await lockedPdf('mat-khau'), 'bi-mat.pdf');
  expect(asset.status).toBe('FAILED');
  expect(asset.steps).toEqual([
    { name: 'DOCUMENT_PREVIEW', status: 'FAILED', attempts: 1, error: null },
    { name: 'DOCUMENT_TEXT', status: 'FAILED', attempts: 1, error: null },
  ]);
  const failure = { failureReason: 'DOCUMENT_ENCRYPTED', failureReasonLabel: 'The document is protected by a password', error: 'The file cannot be processed: the PDF is protected by a password' };
  expect(await stepFailures(api, provinceAdmin, asset.id, 'en')).toEqual({ DOCUMENT_PREVIEW: failure, DOCUMENT_TEXT: failure });
  expect((await stepFailures(api, staff, asset.id)).DOCUMENT_PREVIEW).toEqual({ failureReason: 'DOCUMENT_ENCRYPTED', failureReasonLabel: 'Tài liệu được bảo vệ bằng mật khẩu', error: null });
}, 120_000);

it('fails a PDF of one page more than MEDIA_MAX_DOCUMENT_PAGES, and processes one of exactly that many', async () => {
  const over = await processed(makePdf('Qua nhieu trang', MAX_PAGES + 1), 'dai.pdf');
  expect(over.status).toBe('FAILED');
  const failure = { failureReason: 'TOO_MANY_PAGES', failureReasonLabel: 'Tài liệu có quá nhiều trang', error: `The file cannot be processed: the PDF has ${MAX_PAGES + 1} pages, more than the ${MAX_PAGES} allowed` };
  expect(await stepFailures(api, provinceAdmin, over.id)).toEqual({ DOCUMENT_PREVIEW: failure, DOCUMENT_TEXT: failure });
  expect(over.steps.map((step: { attempts: number }) => step.attempts)).toEqual([1, 1]);

  const limit = await processed(makePdf('Vua du trang', MAX_PAGES), 'vua.pdf');
  expect(limit).toMatchObject({ status: 'READY', pages: MAX_PAGES });
}, 120_000);
