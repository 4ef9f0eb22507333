import { Role } from '../../src/core/roles';
import { QueueName } from '../../src/infra/queue';
import { startWorkers, type WorkerHost } from '../../workers/host';
import { createInstitution, gid, seedUnits } from '../helpers/catalogue-fixtures';
import { COMPLETE_UPLOAD, makeJpeg, putUpload, waitForAsset } from '../helpers/media-fixtures';
import { TcpProxy } from '../helpers/tcp-proxy';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let workers: WorkerHost;
let proxy: TcpProxy;

beforeAll(async () => {
  const redis = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  proxy = new TcpProxy(redis.hostname, Number(redis.port || 6379));
  const port = await proxy.start();
  api = await startTestApi({ REDIS_URL: `redis://127.0.0.1:${port}`, MEDIA_RELAY_INTERVAL_MS: '100' });
  workers = await startWorkers(api.runtime);
}, 60_000);

afterAll(async () => {
  await workers.close();
  await api.close();
  await proxy.stop();
});

it('completes an upload while Redis is down, keeps the jobs in the outbox, and processes them once Redis is back', async () => {
  const admin = await api.adminContext();
  const units = await seedUnits(admin);
  const institution = await createInstitution(admin, units.longAn, 'Nhà văn hóa');
  const staff = (await api.account(Role.INSTITUTION_STAFF, { institutionId: institution.id })).token;
  const uploadId = await putUpload(api, staff, gid('Institution', institution.id), await makeJpeg(600, 400), { filename: 'a.jpg', contentType: 'image/jpeg' });

  await proxy.stop();
  const completed = await api.gql(COMPLETE_UPLOAD, { input: { uploadId } }, { token: staff });
  expect(completed.data?.completeUpload.errors).toEqual([]);
  const assetId = completed.data?.completeUpload.asset.id;
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const em = api.runtime.orm.em.fork();
  expect(await em.execute(`select queue, job_name, priority from job_outbox`)).toEqual([{ queue: QueueName.MediaImage, job_name: 'media.image-step', priority: 1 }]);
  expect(await em.execute(`select status from media_step`)).toEqual([{ status: 'PENDING' }]);

  await proxy.start(proxy.port);
  const asset = await waitForAsset(api, staff, assetId, 30_000);
  expect(asset.status).toBe('READY');
  expect(await api.runtime.orm.em.fork().execute('select count(*)::int as n from job_outbox')).toEqual([{ n: 0 }]);
});
