import PDFDocument from 'pdfkit';
import { makePdf, stepFailures } from '../helpers/media-fixtures';
import { closeMediaWorkbench, openMediaWorkbench, processedAsset, type MediaWorkbench } from '../helpers/media-workbench';
import type { TestApi } from '../helpers/test-api';

const MAX_PAGES = 5;

let bench: MediaWorkbench;
let api: TestApi;
let staff: string;
let provinceAdmin: string;

beforeAll(async () => {
  bench = await openMediaWorkbench('Thư viện tài liệu', { MEDIA_MAX_DOCUMENT_PAGES: String(MAX_PAGES) });
  ({ api, staff, provinceAdmin } = bench);
}, 60_000);

afterAll(() => closeMediaWorkbench(bench));

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

const processed = (bytes: Buffer, filename: string) => processedAsset(bench, bytes, filename, 'application/pdf');

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
