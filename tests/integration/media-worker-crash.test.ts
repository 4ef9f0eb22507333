import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Role } from '../../src/auth/roles';
import { startWorkers, type WorkerHost } from '../../workers/host';
import { createInstitution, gid, seedUnits } from '../helpers/catalogue-fixtures';
import { databaseUrl } from '../helpers/database';
import { COMPLETE_UPLOAD, makeVideo, putUpload, waitForAsset } from '../helpers/media-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let workers: WorkerHost | null = null;
let child: ChildProcess | null = null;

beforeAll(async () => {
  api = await startTestApi({ MEDIA_LOCK_MS: '2000', MEDIA_RELAY_INTERVAL_MS: '100' });
}, 60_000);

afterAll(async () => {
  child?.kill('SIGKILL');
  await workers?.close();
  await api.close();
});

it('finishes a video whose worker process was killed in the middle of a transcode', async () => {
  const admin = await api.adminContext();
  const units = await seedUnits(admin);
  const institution = await createInstitution(admin, units.longAn, 'Bảo tàng tỉnh');
  const staff = (await api.account(Role.INSTITUTION_STAFF, { institutionId: institution.id })).token;
  const uploadId = await putUpload(api, staff, gid('Institution', institution.id), await makeVideo(6, 1280, 720), { filename: 'v.mp4', contentType: 'video/mp4' });
  const s3Endpoint = new URL(await api.runtime.storage.presignGet('x', 60)).origin;

  // A separate worker process, as in production, on the same database, S3 server and queues.
  child = spawn(process.execPath, [path.resolve(__dirname, '../../dist/workers/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: databaseUrl(api.databaseName),
      S3_ENDPOINT: s3Endpoint,
      QUEUE_PREFIX: api.config.queuePrefix,
      MEDIA_LOCK_MS: '2000',
      MEDIA_RELAY_INTERVAL_MS: '100',
    },
    stdio: 'ignore',
  });
  const completed = await api.gql(COMPLETE_UPLOAD, { input: { uploadId } }, { token: staff });
  const assetId = completed.data?.completeUpload.asset.id;

  const em = api.runtime.orm.em.fork();
  let killedStep: string | null = null;
  for (let i = 0; i < 600 && !killedStep; i += 1) {
    const rows = await em.execute<{ name: string }[]>(`select name from media_step where status = 'PROCESSING' and name in ('VIDEO_360P', 'VIDEO_720P')`);
    killedStep = rows[0]?.name ?? null;
    if (!killedStep) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(killedStep).not.toBeNull();
  child.kill('SIGKILL');
  await new Promise((resolve) => child?.once('exit', resolve));

  // Another worker takes the job over once the dead worker's lock has expired.
  workers = await startWorkers(api.runtime);
  const asset = await waitForAsset(api, staff, assetId, 90_000);
  expect(asset.status).toBe('READY');
  expect(asset.steps.find((step: { name: string }) => step.name === killedStep)).toMatchObject({ status: 'READY', error: null, attempts: 2 });
  expect(asset.renditions.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['video-360p', 'video-720p', 'audio']));
}, 120_000);
