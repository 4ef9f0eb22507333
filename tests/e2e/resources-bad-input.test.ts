import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { makeAudio, makeJpeg, makePdf, makeVideo, putUpload, stepFailures, waitForAsset } from '../helpers/media-fixtures';
import { closeMediaWorkbench, completeUpload, openMediaWorkbench, processedAsset, type MediaWorkbench } from '../helpers/media-workbench';
import type { TestApi } from '../helpers/test-api';

let bench: MediaWorkbench;
let api: TestApi;
let staff: string;
let provinceAdmin: string;
let institutionId: string;

beforeAll(async () => {
  bench = await openMediaWorkbench('Trung tâm học tập cộng đồng');
  ({ api, staff, provinceAdmin, institutionId } = bench);
}, 60_000);

afterAll(() => closeMediaWorkbench(bench));

const CREATE_UPLOAD = `mutation($input: CreateUploadInput!) { createUpload(input: $input) { upload { id } errors { field code message } } }`;

async function count(table: string): Promise<number> {
  const [row] = await api.runtime.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from ${table}`);
  return Number(row?.n);
}

const complete = (uploadId: string) => completeUpload(bench, uploadId);

/** Asserts completeUpload refuses with a code and writes no asset or step; the upload stays open (jobs are only ever written with steps). */
async function expectRefusedAtCompletion(bytes: Buffer, options: { filename: string; contentType: string; declaredSize?: number; sha256?: string }, code: string, message: RegExp) {
  const before = [await count('media_asset'), await count('media_step')];
  const uploadId = await putUpload(api, staff, institutionId, bytes, options);
  const payload = await complete(uploadId);
  expect(payload.asset).toBeNull();
  expect(payload.errors).toEqual([{ field: ['input', 'uploadId'], code, message: expect.stringMatching(message) }]);
  expect([await count('media_asset'), await count('media_step')]).toEqual(before);
  const [upload] = await api.runtime.orm.em.fork().execute<{ status: string; asset_id: string | null }[]>('select status, asset_id from media_upload order by created_at desc limit 1');
  expect(upload).toEqual({ status: 'PENDING', asset_id: null });
}

/** Uploads a file that passes the checks at completion and returns the asset once its steps settle. */
const processed = (bytes: Buffer, filename: string, contentType: string) => processedAsset(bench, bytes, filename, contentType);

it('refuses an empty file when asked for an upload, and when the file that arrived is empty', async () => {
  const refused = await api.gql(CREATE_UPLOAD, { input: { institutionId, filename: 'x.jpg', contentType: 'image/jpeg', sizeBytes: 0 } }, { token: staff });
  expect(refused.data?.createUpload).toEqual({ upload: null, errors: [{ field: ['input', 'sizeBytes'], code: 'EMPTY_FILE', message: 'Tệp rỗng.' }] });
  await expectRefusedAtCompletion(Buffer.alloc(0), { filename: 'x.jpg', contentType: 'image/jpeg', declaredSize: 10 }, 'EMPTY_FILE', /^Tệp rỗng\.$/);
});

it('refuses files over the size limit of their kind, and types it cannot process', async () => {
  const big = await api.gql(CREATE_UPLOAD, { input: { institutionId, filename: 'x.jpg', contentType: 'image/jpeg', sizeBytes: 51 * 1024 * 1024 } }, { token: staff });
  expect(big.data?.createUpload.errors).toEqual([{ field: ['input', 'sizeBytes'], code: 'FILE_TOO_LARGE', message: 'Tệp lớn hơn mức cho phép: tối đa 50 MiB, tệp này 51 MiB.' }]);
  const video = await api.gql(CREATE_UPLOAD, { input: { institutionId, filename: 'x.mp4', contentType: 'video/mp4', sizeBytes: 51 * 1024 * 1024 } }, { token: staff });
  expect(video.data?.createUpload.errors).toEqual([]);
  const zip = await api.gql(CREATE_UPLOAD, { input: { institutionId, filename: 'x.zip', contentType: 'application/zip', sizeBytes: 100 } }, { token: staff });
  expect(zip.data?.createUpload.errors[0]).toMatchObject({ field: ['input', 'contentType'], code: 'UNSUPPORTED_TYPE' });
});

it('refuses a file whose size does not match the declared size', async () => {
  const jpeg = await makeJpeg(64, 64);
  await expectRefusedAtCompletion(jpeg, { filename: 'a.jpg', contentType: 'image/jpeg', declaredSize: jpeg.length + 100 }, 'SIZE_MISMATCH', /không phải \d+ byte như đã khai báo/);
});

it('refuses a file whose SHA-256 does not match the declared one, and accepts it when it does', async () => {
  const jpeg = await makeJpeg(64, 64);
  await expectRefusedAtCompletion(jpeg, { filename: 'a.jpg', contentType: 'image/jpeg', sha256: 'ab'.repeat(32) }, 'CHECKSUM_MISMATCH', /SHA-256/);
  const uploadId = await putUpload(api, staff, institutionId, jpeg, { filename: 'a.jpg', contentType: 'image/jpeg', sha256: createHash('sha256').update(jpeg).digest('hex') });
  expect((await complete(uploadId)).errors).toEqual([]);
});

it('refuses a .jpg that is really a program, and a PDF that is really HTML', async () => {
  const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200)]);
  await expectRefusedAtCompletion(exe, { filename: 'anh-dep.jpg', contentType: 'image/jpeg' }, 'FILE_TYPE_MISMATCH', /"anh-dep.jpg" thực ra là application\/x-msdownload,/);
  const html = Buffer.from('<!DOCTYPE html><html><body>Not a PDF</body></html>');
  await expectRefusedAtCompletion(html, { filename: 'tai-lieu.pdf', contentType: 'application/pdf' }, 'FILE_TYPE_MISMATCH', /"tai-lieu.pdf" thực ra là \S+, không đúng loại đã khai báo/);
});

it('returns the same asset from a second completeUpload of the same upload', async () => {
  const uploadId = await putUpload(api, staff, institutionId, makePdf('Lan hai'), { filename: 'b.pdf', contentType: 'application/pdf' });
  const first = await complete(uploadId);
  const assets = await count('media_asset');
  const second = await complete(uploadId);
  // The worker may have started on the asset between the two calls, so only its status may differ.
  expect(first.asset.id).toEqual(expect.any(String));
  expect(second.errors).toEqual([]);
  expect({ ...second.asset, status: undefined }).toEqual({ ...first.asset, status: undefined });
  expect(await count('media_asset')).toBe(assets);
});

it('fails the step of a truncated JPEG with a coded reason, at the first attempt; only a province admin reads the raw error', async () => {
  const jpeg = await makeJpeg(800, 600);
  const asset = await processed(jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'cut.jpg', 'image/jpeg');
  expect(asset.status).toBe('FAILED');
  expect(asset.steps).toEqual([{ name: 'IMAGE_RENDITIONS', status: 'FAILED', attempts: 1, error: null }]);
  expect(asset.renditions).toEqual([]);
  expect(await stepFailures(api, staff, asset.id)).toEqual({ IMAGE_RENDITIONS: { failureReason: 'IMAGE_UNREADABLE', failureReasonLabel: 'Không đọc được hình ảnh', error: null } });
  expect(await stepFailures(api, staff, asset.id, 'en')).toEqual({ IMAGE_RENDITIONS: { failureReason: 'IMAGE_UNREADABLE', failureReasonLabel: 'The image cannot be read', error: null } });
  expect(await stepFailures(api, provinceAdmin, asset.id)).toEqual({
    IMAGE_RENDITIONS: { failureReason: 'IMAGE_UNREADABLE', failureReasonLabel: 'Không đọc được hình ảnh', error: expect.stringMatching(/^The file cannot be processed: the image cannot be read: .+/) },
  });
});

it('fails the steps of a truncated MP4 as an unreadable video; the raw tool output is for province admins', async () => {
  const video = await makeVideo(1, 320, 240);
  const asset = await processed(video.subarray(0, 4096), 'cut.mp4', 'video/mp4');
  expect(asset.status).toBe('FAILED');
  const seen = await stepFailures(api, staff, asset.id);
  expect(seen.VIDEO_PROBE).toEqual({ failureReason: 'VIDEO_UNREADABLE', failureReasonLabel: 'Không đọc được tệp video', error: null });
  const admin = await stepFailures(api, provinceAdmin, asset.id, 'en');
  expect(admin.VIDEO_PROBE).toEqual({ failureReason: 'VIDEO_UNREADABLE', failureReasonLabel: 'The video file cannot be read', error: expect.stringMatching(/^The file cannot be processed: ffprobe: exited with 1: .+/) });
});

it('fails a PNG of 30,000 × 30,000 pixels before decoding it', async () => {
  const crc32 = (data: Buffer) => {
    let c = ~0;
    for (const byte of data) {
      c ^= byte;
      for (let k = 0; k < 8; k += 1) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(30_000, 0);
  header.writeUInt32BE(30_000, 4);
  header.set([8, 0, 0, 0, 0], 8);
  // The first rows only: a bomb's header is all a decoder needs to allocate for the whole.
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc(30_001 * 4))), chunk('IEND', Buffer.alloc(0))]);
  const asset = await processed(png, 'bom.png', 'image/png');
  expect(asset.steps).toEqual([{ name: 'IMAGE_RENDITIONS', status: 'FAILED', attempts: 1, error: null }]);
  expect(await stepFailures(api, provinceAdmin, asset.id)).toEqual({
    IMAGE_RENDITIONS: { failureReason: 'TOO_MANY_PIXELS', failureReasonLabel: 'Hình ảnh quá lớn (quá nhiều điểm ảnh)', error: 'The file cannot be processed: the image is 30000 × 30000 pixels, more than the 100,000,000 allowed' },
  });
});

it('fails the video steps of a video with no video stream, saying so', async () => {
  const asset = await processed(await makeAudio(1, 'mp4'), 'khong-hinh.mp4', 'video/mp4');
  expect(asset.status).toBe('FAILED');
  const byName = Object.fromEntries(asset.steps.map((s: { name: string }) => [s.name, s]));
  for (const step of ['VIDEO_PROBE', 'VIDEO_360P', 'VIDEO_720P']) {
    expect(byName[step]).toMatchObject({ status: 'FAILED', attempts: 1, error: null });
  }
  const failures = await stepFailures(api, provinceAdmin, asset.id);
  for (const step of ['VIDEO_PROBE', 'VIDEO_360P', 'VIDEO_720P']) {
    expect(failures[step]).toEqual({ failureReason: 'NO_VIDEO_STREAM', failureReasonLabel: 'Tệp không có hình video', error: 'The file cannot be processed: the file has no video stream' });
  }
  expect(failures.AUDIO_TRACK).toEqual({ failureReason: null, failureReasonLabel: null, error: null });
  expect(byName.AUDIO_TRACK).toMatchObject({ status: 'READY' });
});

it('retries the failed steps of an asset on request (they fail again on the same file, counted afresh)', async () => {
  const asset = await processed((await makeJpeg(300, 200)).subarray(0, 400), 'cut2.jpg', 'image/jpeg');
  const RETRY = `mutation($input: RetryProcessingInput!) { retryProcessing(input: $input) { asset { id status steps { status attempts } } errors { code } } }`;
  const retried = await api.gql(RETRY, { input: { assetId: asset.id } }, { token: staff });
  expect(retried.data?.retryProcessing).toMatchObject({ errors: [], asset: { status: 'PROCESSING', steps: [{ status: 'PENDING', attempts: 0 }] } });
  const again = await waitForAsset(api, staff, asset.id);
  expect(again.steps).toEqual([expect.objectContaining({ status: 'FAILED', attempts: 1 })]);
  const nothing = await api.gql(RETRY, { input: { assetId: (await processed(await makeJpeg(50, 50), 'ok.jpg', 'image/jpeg')).id } }, { token: staff });
  expect(nothing.data?.retryProcessing.errors).toEqual([{ code: 'NOTHING_TO_RETRY' }]);
});
