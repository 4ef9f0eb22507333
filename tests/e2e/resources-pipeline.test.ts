import sharp from 'sharp';
import { Role } from '../../src/core/roles';
import { fromGlobalId } from '../../src/graphql/global-id';
import { blurHashAverage } from '../../src/infra/blurhash';
import { startWorkers, type WorkerHost } from '../../workers/host';
import { createInstitution, gid, seedUnits, type UnitsFixture } from '../helpers/catalogue-fixtures';
import { createCitizen } from '../helpers/learning-fixtures';
import { COMPLETE_UPLOAD, makeAudio, makeJpeg, makePdf, makeVideo, putUpload, waitForAsset } from '../helpers/media-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let workers: WorkerHost;
let staff: string;
let citizen: string;
let institutionId: string;
let units: UnitsFixture;

beforeAll(async () => {
  api = await startTestApi({ MEDIA_RELAY_INTERVAL_MS: '100', MEDIA_RETRY_BACKOFF_MS: '200' });
  workers = await startWorkers(api.runtime);
  const admin = await api.adminContext();
  units = await seedUnits(admin);
  const institution = await createInstitution(admin, units.longAn, 'Thư viện tỉnh');
  institutionId = gid('Institution', institution.id);
  staff = (await api.account(Role.INSTITUTION_STAFF, { institutionId: institution.id })).token;
  citizen = (await api.account(Role.CITIZEN)).token;
}, 60_000);

afterAll(async () => {
  await workers.close();
  await api.close();
});

async function uploadAsset(bytes: Buffer, filename: string, contentType: string): Promise<string> {
  const uploadId = await putUpload(api, staff, institutionId, bytes, { filename, contentType });
  const completed = await api.gql(COMPLETE_UPLOAD, { input: { uploadId } }, { token: staff });
  expect(completed.data?.completeUpload.errors).toEqual([]);
  return completed.data?.completeUpload.asset.id;
}

async function publishResource(assetId: string, kind: string, title: string, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await api.gql(
    `mutation($input: CreateLearningResourceInput!) { createLearningResource(input: $input) { resource { id status } errors { code message } } }`,
    { input: { institutionId, title, kind, topics: ['AGRICULTURE'], licence: 'CC_BY', assetId, ...extra } },
    { token: staff },
  );
  expect(created.data?.createLearningResource.errors).toEqual([]);
  const id = created.data?.createLearningResource.resource.id;
  const published = await api.gql(`mutation($input: LearningResourceInput!) { publishLearningResource(input: $input) { resource { status } errors { code } } }`, { input: { id } }, { token: staff });
  expect(published.data?.publishLearningResource.errors).toEqual([]);
  return id;
}

async function download(url: string): Promise<Buffer> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

it('makes WebP thumbnails, dimensions and a placeholder of an uploaded JPEG, then publishes its resource', async () => {
  const assetId = await uploadAsset(await makeJpeg(2000, 1500), 'ruong-lua.jpg', 'image/jpeg');
  const resourceId = await publishResource(assetId, 'IMAGE', 'Ruộng lúa mùa nước nổi');
  const asset = await waitForAsset(api, staff, assetId);
  expect(asset).toMatchObject({ status: 'READY', kind: 'IMAGE', contentType: 'image/jpeg', width: 2000, height: 1500 });
  expect(asset.steps).toEqual([{ name: 'IMAGE_RENDITIONS', status: 'READY', error: null, attempts: 1 }]);
  expect(asset.renditions.map((r: { name: string; width: number; height: number; format: string }) => [r.name, r.format, r.width, r.height])).toEqual([
    ['thumbnail-160', 'WEBP', 160, 120],
    ['thumbnail-480', 'WEBP', 480, 360],
    ['thumbnail-1280', 'WEBP', 1280, 960],
  ]);
  const bytes = await download(asset.renditions[1].url);
  expect(await sharp(bytes).metadata()).toMatchObject({ format: 'webp', width: 480, height: 360 });
  expect(asset.placeholder).toHaveLength(4 + 2 * 12);
  // The average colour is between the gradient's blue and yellow, with the red disc: not black, not white.
  expect(blurHashAverage(asset.placeholder).some((c) => c > 40 && c < 220)).toBe(true);

  // The public sees the published resource, with the thumbnail nearest to the width it asks for.
  const found = await api.gql(`{ learningResources(filter: { search: "ruong lua" }) { totalCount edges { node { id status thumbnail(width: 300) mediaAsset { status } } } } }`);
  expect(found.data?.learningResources.totalCount).toBe(1);
  expect(found.data?.learningResources.edges[0].node).toMatchObject({ id: resourceId, status: 'PUBLISHED', mediaAsset: { status: 'READY' } });
  expect(await sharp(await download(found.data?.learningResources.edges[0].node.thumbnail)).metadata()).toMatchObject({ width: 480 });
});

it('reads the page count, a first-page thumbnail and the text of a PDF, and finds the resource by that text', async () => {
  const assetId = await uploadAsset(makePdf('Ky thuat tuoi nho giot cho cay thanh long'), 'tai-lieu.pdf', 'application/pdf');
  const resourceId = await publishResource(assetId, 'DOCUMENT', 'Tài liệu tập huấn');
  const asset = await waitForAsset(api, staff, assetId);
  expect(asset).toMatchObject({ status: 'READY', kind: 'DOCUMENT', pages: 1 });
  expect(asset.renditions.map((r: { name: string }) => r.name)).toEqual(['thumbnail-160', 'thumbnail-480', 'thumbnail-1280']);
  const found = await api.gql(`{ learningResources(filter: { search: "tưới nhỏ giọt" }) { edges { node { id pages } } } }`);
  expect(found.data?.learningResources.edges).toEqual([{ node: { id: resourceId, pages: 1 } }]);
});

it('probes a video, makes a poster, 360p and 720p H.264/AAC renditions and an audio-only track', async () => {
  const assetId = await uploadAsset(await makeVideo(2, 1280, 720), 'bai-giang.mp4', 'video/mp4');
  await publishResource(assetId, 'VIDEO', 'Bài giảng kỹ năng số');
  const asset = await waitForAsset(api, staff, assetId, 90_000);
  expect(asset).toMatchObject({ status: 'READY', kind: 'VIDEO', width: 1280, height: 720, videoCodec: 'h264', audioCodec: 'aac' });
  expect(asset.durationSeconds).toBeCloseTo(2, 0);
  const byName = Object.fromEntries(asset.renditions.map((r: { name: string }) => [r.name, r]));
  expect(Object.keys(byName).sort()).toEqual(['audio', 'poster', 'thumbnail-1280', 'thumbnail-160', 'thumbnail-480', 'video-360p', 'video-720p']);
  expect(byName['video-360p']).toMatchObject({ format: 'MP4', width: 640, height: 360 });
  expect(byName['video-720p']).toMatchObject({ format: 'MP4', width: 1280, height: 720 });
  expect(byName.audio).toMatchObject({ format: 'M4A', kind: 'AUDIO' });
  const mp4 = await download(byName['video-360p'].url);
  expect(mp4.subarray(4, 8).toString('latin1')).toBe('ftyp');
});

it('makes no 720p rendition of a smaller video, and still finishes the step', async () => {
  const assetId = await uploadAsset(await makeVideo(1, 320, 240), 'nho.mp4', 'video/mp4');
  const asset = await waitForAsset(api, staff, assetId, 60_000);
  expect(asset.status).toBe('READY');
  expect(asset.steps.find((s: { name: string }) => s.name === 'VIDEO_720P')).toMatchObject({ status: 'READY' });
  expect(asset.renditions.map((r: { name: string }) => r.name)).not.toContain('video-720p');
  expect(asset.renditions.find((r: { name: string }) => r.name === 'video-360p')).toMatchObject({ height: 360 });
});

it('reads the duration and waveform peaks of audio and makes an AAC rendition', async () => {
  const assetId = await uploadAsset(await makeAudio(2), 'bai-hat.m4a', 'audio/mp4');
  const asset = await waitForAsset(api, staff, assetId);
  expect(asset).toMatchObject({ status: 'READY', kind: 'AUDIO', audioCodec: 'aac' });
  expect(asset.durationSeconds).toBeCloseTo(2, 0);
  expect(asset.waveform).toHaveLength(200);
  expect(Math.max(...asset.waveform)).toBeGreaterThan(0.05);
  expect(asset.renditions.map((r: { name: string }) => r.name)).toEqual(['audio']);
});

it('counts a download once per account and day and hands out a URL of the original signed for two 15-minute windows', async () => {
  const bytes = await makeJpeg(400, 300);
  const assetId = await uploadAsset(bytes, 'anh.jpg', 'image/jpeg');
  await waitForAsset(api, staff, assetId);
  const resourceId = await publishResource(assetId, 'IMAGE', 'Ảnh tư liệu');
  const DOWNLOAD = `mutation($input: ResourceUseInput!) { downloadLearningResource(input: $input) { url resource { downloadCount } errors { code } } }`;
  const first = await api.gql(DOWNLOAD, { input: { resourceId } }, { token: citizen });
  expect(first.data?.downloadLearningResource.resource.downloadCount).toBe(1);
  expect(new URL(first.data?.downloadLearningResource.url).searchParams.get('X-Amz-Expires')).toBe('1800');
  expect((await download(first.data?.downloadLearningResource.url)).equals(bytes)).toBe(true);
  const again = await api.gql(DOWNLOAD, { input: { resourceId } }, { token: citizen });
  expect(again.data?.downloadLearningResource.resource.downloadCount).toBe(1);
  const VIEW = `mutation($input: ResourceUseInput!) { recordResourceView(input: $input) { resource { viewCount } errors { code } } }`;
  await api.gql(VIEW, { input: { resourceId } }, { token: citizen });
  const viewed = await api.gql(VIEW, { input: { resourceId } }, { token: staff });
  expect(viewed.data?.recordResourceView.resource.viewCount).toBe(2);
  const mostUsed = await api.gql(`{ learningResources(orderBy: MOST_USED, first: 1) { edges { node { id } } } }`);
  expect(mostUsed.data?.learningResources.edges[0].node.id).toBe(resourceId);
});

it('records the study of a published resource as a verified self-study log, once per key, at most twice its length', async () => {
  const assetId = await uploadAsset(await makeAudio(20), 'bai-giang.m4a', 'audio/mp4');
  await waitForAsset(api, staff, assetId);
  const resourceId = await publishResource(assetId, 'AUDIO', 'Bài giảng kỹ thuật tưới tiết kiệm');
  const learner = await createCitizen(api, units.longAn);
  const STUDY = `mutation($input: RecordStudyInput!) { recordStudy(input: $input) {
    log { id source status hours topics activityTitle } resource { viewCount } errors { field code } } }`;
  const study = (token: string | undefined, input: Record<string, unknown>) => api.gql(STUDY, { input: { resourceId, ...input } }, { token });

  const first = await study(learner.token, { minutes: 1, idempotencyKey: 'nghe-1' });
  expect(first.data?.recordStudy).toMatchObject({
    log: { source: 'RESOURCE_STUDY', status: 'VERIFIED', hours: 0.02, topics: ['AGRICULTURE'], activityTitle: 'Bài giảng kỹ thuật tưới tiết kiệm' },
    resource: { viewCount: 1 },
    errors: [],
  });
  const retried = await study(learner.token, { minutes: 1, idempotencyKey: 'nghe-1' });
  expect(retried.data?.recordStudy.log.id).toBe(first.data?.recordStudy.log.id);

  // Hours are kept to two decimals (1 minute = 0.02 h). 20 seconds of audio: at most 1 minute (twice its length, rounded up).
  expect((await study(learner.token, { minutes: 2 })).data?.recordStudy).toMatchObject({ log: null, errors: [{ field: ['input', 'minutes'], code: 'STUDY_LONGER_THAN_RESOURCE' }] });
  expect((await study(learner.token, { minutes: 0 })).data?.recordStudy.errors[0].code).toBe('INVALID_HOURS');
  expect((await study(citizen, { minutes: 1 })).data?.recordStudy.errors[0].code).toBe('CITIZEN_PROFILE_REQUIRED');
  expect((await api.gql(STUDY, { input: { resourceId, minutes: 1 } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

  const logs = await api.runtime.orm.em.fork().execute('select source, resource_id from learning_log where citizen_id = ?', [learner.citizen.id]);
  expect(logs).toEqual([{ source: 'RESOURCE_STUDY', resource_id: fromGlobalId(resourceId).id }]);
});

it('refuses the study of a resource that is not published, and hides it from citizens', async () => {
  const created = await api.gql(
    `mutation($input: CreateLearningResourceInput!) { createLearningResource(input: $input) { resource { id } errors { code } } }`,
    { input: { institutionId, title: 'Bản nháp', kind: 'LINK', topics: ['LAW'], linkUrl: 'https://thuvienphapluat.vn' } },
    { token: staff },
  );
  const resourceId = created.data?.createLearningResource.resource.id;
  const staffCitizen = await createCitizen(api, units.longAn);
  const result = await api.gql(`mutation($input: RecordStudyInput!) { recordStudy(input: $input) { log { id } errors { code } } }`, { input: { resourceId, minutes: 5 } }, { token: staff });
  expect(result.data?.recordStudy).toEqual({ log: null, errors: [{ code: 'RESOURCE_NOT_PUBLISHED' }] });
  const hidden = await api.gql(`mutation($input: RecordStudyInput!) { recordStudy(input: $input) { log { id } errors { code } } }`, { input: { resourceId, minutes: 5 } }, { token: staffCitizen.token });
  expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
});
