import { Role } from '../../src/core/roles';
import { QueueName } from '../../src/infra/queue';
import { startWorkers, type WorkerHost } from '../../workers/host';
import { createInstitution, gid, seedUnits } from '../helpers/catalogue-fixtures';
import { COMPLETE_UPLOAD, makeJpeg, putUpload } from '../helpers/media-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let workers: WorkerHost;

beforeAll(async () => {
  api = await startTestApi({ MEDIA_RELAY_INTERVAL_MS: '100' });
  workers = await startWorkers(api.runtime);
}, 60_000);

afterAll(async () => {
  await workers.close();
  await api.close();
});

it("does not hold one institution's first upload behind another's bulk upload", async () => {
  const ctx = await api.adminContext();
  const units = await seedUnits(ctx);
  const archive = await createInstitution(ctx, units.longAn, 'Thư viện tỉnh');
  const newcomer = await createInstitution(ctx, units.longAn, 'Trung tâm học tập cộng đồng');
  const staffOf = async (institutionId: string) => (await api.account(Role.INSTITUTION_STAFF, { institutionId })).token;
  const upload = async (institutionId: string, token: string, name: string): Promise<string> => {
    const uploadId = await putUpload(api, token, gid('Institution', institutionId), await makeJpeg(320, 240), { filename: `${name}.jpg`, contentType: 'image/jpeg' });
    const completed = await api.gql(COMPLETE_UPLOAD, { input: { uploadId } }, { token });
    expect(completed.data?.completeUpload.errors).toEqual([]);
    return completed.data?.completeUpload.asset.id;
  };

  // The image worker is paused while the archive's 20 images are queued, then the newcomer's one.
  const imageQueue = api.runtime.services.queues.get(QueueName.MediaImage);
  await imageQueue.pause();
  const archiveStaff = await staffOf(archive.id);
  for (let i = 0; i < 20; i += 1) await upload(archive.id, archiveStaff, `archive-${i}`);
  await upload(newcomer.id, await staffOf(newcomer.id), 'first');
  for (let i = 0; i < 100; i += 1) {
    const counts = await imageQueue.getJobCounts('waiting', 'prioritized');
    if ((counts.waiting ?? 0) + (counts.prioritized ?? 0) === 21) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(await imageQueue.getJobCounts('waiting', 'prioritized', 'active', 'completed')).toEqual({ waiting: 0, prioritized: 21, active: 0, completed: 0 });

  await imageQueue.resume();
  const em = api.runtime.orm.em.fork();
  const finished = async () =>
    em.execute<{ institution_id: string }[]>(
      `select a.institution_id from media_step s join media_asset a on a.id = s.asset_id where s.name = 'IMAGE_RENDITIONS' and s.status = 'READY' order by s.updated_at, s.id`,
    );
  for (let i = 0; i < 600 && (await finished()).length < 21; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  const order = (await finished()).map((row) => (row.institution_id === newcomer.id ? 'newcomer' : 'archive'));
  expect(order).toHaveLength(21);
  // Queued last, done among the first: at most the archive's first few (as many as run at once) go before it.
  const archiveAfter = order.slice(order.indexOf('newcomer') + 1).length;
  expect(archiveAfter).toBeGreaterThanOrEqual(20 - api.config.media.concurrency.image);
}, 120_000);
