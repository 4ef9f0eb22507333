import { Role } from '../../src/core/roles';
import { startWorkers, type WorkerHost } from '../../workers/host';
import { createInstitution, gid, seedUnits } from '../helpers/catalogue-fixtures';
import { COMPLETE_UPLOAD, makeJpeg, putUpload, stepFailures, waitForAsset } from '../helpers/media-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let workers: WorkerHost;
let admin: string;

beforeAll(async () => {
  // Two attempts per step, 1.5 s apart, so a job fails for good within the test.
  api = await startTestApi({ MEDIA_ATTEMPTS: '2', MEDIA_RETRY_BACKOFF_MS: '1500', MEDIA_RELAY_INTERVAL_MS: '100' });
  workers = await startWorkers(api.runtime);
  admin = (await api.account(Role.PROVINCE_ADMIN)).token;
}, 60_000);

afterAll(async () => {
  await workers.close();
  await api.close();
});

const QUEUES = `{ jobQueues { name paused counts { waiting prioritized active delayed failed completed }
  failedJobs(first: 10) { id name failedReason attemptsMade failedAt data } } }`;

async function imageQueue(): Promise<Record<string, any>> {
  const result = await api.gql(QUEUES, {}, { token: admin });
  expect(result.errors).toBeUndefined();
  return result.data?.jobQueues.find((queue: { name: string }) => queue.name === 'MEDIA_IMAGE');
}

async function steer(mutation: 'pauseJobQueue' | 'resumeJobQueue' | 'retryFailedJob', input: Record<string, unknown>): Promise<Record<string, any>> {
  const result = await api.gql(
    `mutation($input: ${mutation === 'retryFailedJob' ? 'RetryFailedJobInput' : 'JobQueueInput'}!) { ${mutation}(input: $input) { queue { name paused counts { waiting prioritized failed } } errors { field code message } } }`,
    { input },
    { token: admin },
  );
  expect(result.errors).toBeUndefined();
  return result.data?.[mutation];
}

it('shows a job that failed for good with its reason, runs it again on retry, and pauses and resumes a queue', async () => {
  const ctx = await api.adminContext();
  const units = await seedUnits(ctx);
  const institution = await createInstitution(ctx, units.longAn, 'Thư viện tỉnh');
  const staff = (await api.account(Role.INSTITUTION_STAFF, { institutionId: institution.id })).token;
  const jpeg = await makeJpeg(640, 480);

  // Paused: the upload's job waits, and the admin sees it waiting.
  const paused = await steer('pauseJobQueue', { queue: 'MEDIA_IMAGE' });
  expect(paused).toMatchObject({ queue: { name: 'MEDIA_IMAGE', paused: true }, errors: [] });
  const uploadId = await putUpload(api, staff, gid('Institution', institution.id), jpeg, { filename: 'a.jpg', contentType: 'image/jpeg' });
  const assetId = (await api.gql(COMPLETE_UPLOAD, { input: { uploadId } }, { token: staff })).data?.completeUpload.asset.id;
  let queued: Record<string, any> | null = null;
  for (let i = 0; i < 100 && !queued; i += 1) {
    const queue = await imageQueue();
    if (queue.counts.waiting + queue.counts.prioritized === 1) queued = queue;
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(queued).toMatchObject({ paused: true, counts: { active: 0, failed: 0, completed: 0 } });

  // The original vanishes from storage before the worker reads it: every attempt fails.
  const em = api.runtime.orm.em.fork();
  const [asset] = await em.execute<{ original_key: string }[]>('select original_key from media_asset');
  await api.runtime.storage.remove([asset!.original_key]);
  expect(await steer('resumeJobQueue', { queue: 'MEDIA_IMAGE' })).toMatchObject({ queue: { paused: false }, errors: [] });
  const failed = await waitForAsset(api, staff, assetId, 30_000);
  expect(failed).toMatchObject({ status: 'FAILED', steps: [{ name: 'IMAGE_RENDITIONS', status: 'FAILED', attempts: 2 }] });
  expect(failed.steps[0].error).toBeNull();
  expect((await stepFailures(api, staff, assetId)).IMAGE_RENDITIONS).toEqual({ failureReason: 'STORAGE_FAILED', failureReasonLabel: 'Lỗi kho lưu trữ tệp', error: null });
  expect((await stepFailures(api, admin, assetId)).IMAGE_RENDITIONS).toMatchObject({ failureReason: 'STORAGE_FAILED', error: expect.stringMatching(/^Attempt 2 failed: .*(not exist|Not Found)/i) });

  let queue = await imageQueue();
  for (let i = 0; i < 50 && queue.counts.failed === 0; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    queue = await imageQueue();
  }
  expect(queue).toMatchObject({ paused: false, counts: { waiting: 0, prioritized: 0, active: 0, failed: 1 } });
  expect(queue.failedJobs).toHaveLength(1);
  const [job] = queue.failedJobs;
  expect(job).toMatchObject({ name: 'media.image-step', attemptsMade: 2 });
  expect(job.failedReason).toMatch(/not exist|Not Found/i);
  expect(JSON.parse(job.data)).toMatchObject({ step: 'IMAGE_RENDITIONS', dispatch: 1 });
  expect(Date.parse(job.failedAt)).not.toBeNaN();

  // The admin runs the failed job again: it gets both its attempts afresh. The first fails (the file
  // is still missing), the file comes back during the backoff, and the second makes the asset.
  const retried = await steer('retryFailedJob', { queue: 'MEDIA_IMAGE', jobId: job.id });
  expect(retried).toMatchObject({ queue: { name: 'MEDIA_IMAGE', counts: { failed: 0 } }, errors: [] });
  for (let i = 0; i < 100 && (await imageQueue()).counts.delayed === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await imageQueue()).toMatchObject({ counts: { delayed: 1, failed: 0 } });
  await api.runtime.storage.put(asset!.original_key, jpeg, 'image/jpeg');
  for (let i = 0; i < 300 && (await imageQueue()).counts.completed === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  const ready = await waitForAsset(api, staff, assetId, 30_000);
  expect(ready).toMatchObject({ status: 'READY', steps: [{ name: 'IMAGE_RENDITIONS', status: 'READY', error: null, attempts: 2 }] });
  expect((await stepFailures(api, admin, assetId)).IMAGE_RENDITIONS).toEqual({ failureReason: null, failureReasonLabel: null, error: null });
  expect(ready.renditions.map((r: { name: string }) => r.name).sort()).toEqual(['thumbnail-160', 'thumbnail-480', 'thumbnail-640']);
  queue = await imageQueue();
  expect(queue).toMatchObject({ counts: { failed: 0, completed: 1 }, failedJobs: [] });

  // A job that has not failed cannot be retried.
  const again = await steer('retryFailedJob', { queue: 'MEDIA_IMAGE', jobId: job.id });
  expect(again).toMatchObject({ queue: null, errors: [{ field: ['input', 'jobId'], code: 'JOB_NOT_FAILED' }] });
}, 90_000);
