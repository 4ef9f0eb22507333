import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { pdfPreview, pdfText } from '../../src/infra/pdf';
import { ToolError } from '../../src/infra/tool-process';
import { makePdf } from '../helpers/media-fixtures';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'media-pdf-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function pdfFile(name: string, bytes: Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return file;
}

it('counts the pages, draws the first page 1280 px wide and reads the text of every page', async () => {
  const file = await pdfFile('three.pdf', makePdf('Lop hoc cong dong', 3));
  const preview = await pdfPreview(file, path.join(dir, 'three.png'), 1280, 100_000_000, 60_000);
  expect(preview.pages).toBe(3);
  // US Letter (612 × 792 pt) at 1280 px wide.
  expect(await sharp(preview.png).metadata()).toMatchObject({ format: 'png', width: 1280, height: 1656 });
  expect((await pdfText(file, 1024 * 1024, 60_000)).match(/Lop hoc cong dong/g)).toHaveLength(3);
});

it('keeps at most the given bytes of text', async () => {
  const file = await pdfFile('long.pdf', makePdf('Mot hai ba bon nam', 200));
  expect(Buffer.byteLength(await pdfText(file, 1000, 60_000))).toBeLessThanOrEqual(1000);
});

it('fails a file pdf.js cannot read as a tool failure, not a timeout', async () => {
  const file = await pdfFile('broken.pdf', Buffer.from('%PDF-1.4\nthis is not a PDF body at all\n%%EOF\n'));
  const error = await pdfText(file, 1000, 60_000).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ToolError);
  expect(error).toMatchObject({ timedOut: false, message: expect.stringMatching(/^pdf: .+/) });
});

it('stops a PDF thread at its time limit, and the next document is read as usual', async () => {
  const file = await pdfFile('big.pdf', makePdf('Trang', 3000));
  await expect(pdfText(file, 64 * 1024 * 1024, 20)).rejects.toMatchObject({ timedOut: true, message: 'pdf: stopped after running longer than 0 s' });
  const small = await pdfFile('small.pdf', makePdf('Van con chay'));
  expect(await pdfText(small, 1000, 60_000)).toContain('Van con chay');
});

it('refuses to draw a first page larger than the pixel limit', async () => {
  const file = await pdfFile('tall.pdf', Buffer.from(makePdf('Cao').toString('latin1').replace('/MediaBox [0 0 612 792]', '/MediaBox [0 0 612 14400]'), 'latin1'));
  await expect(pdfPreview(file, path.join(dir, 'tall.png'), 1280, 10_000_000, 60_000)).rejects.toMatchObject({ timedOut: false, message: expect.stringMatching(/^pdf: the first page would be 1280 × 30118 pixels/) });
});
