import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Role } from '../../src/core/roles';
import { startWorkers, type WorkerHost } from '../../workers/host';
import { createInstitution, gid, seedUnits } from '../helpers/catalogue-fixtures';
import { databaseUrl } from '../helpers/database';
import { COMPLETE_UPLOAD, makeVideo, putUpload, waitForAsset } from '../helpers/media-fixtures';
import { descendantsOf, isGone, processInfo, waitFor, type ProcessInfo } from '../helpers/processes';
import { startTestApi, type TestApi } from '../helpers/test-api';
import { KILL_AFTER_SECONDS } from '../../src/infra/tool-process';

let api: TestApi;
let workers: WorkerHost | null = null;
let child: ChildProcess | null = null;
let transcode: ProcessInfo | null = null;
/** Long enough for the transcodes of the clip on a busy machine, short enough to wait for. */
const VIDEO_LIMIT_SECONDS = 20;
const SETTINGS = { MEDIA_LOCK_MS: '2000', MEDIA_RELAY_INTERVAL_MS: '100', MEDIA_VIDEO_TIMEOUT_SECONDS: String(VIDEO_LIMIT_SECONDS) };

beforeAll(async () => {
  api = await startTestApi(SETTINGS);
}, 60_000);

afterAll(async () => {
  child?.kill('SIGKILL');
  if (transcode && !isGone(transcode.pid)) process.kill(transcode.pid, 'SIGKILL');
  await workers?.close();
  await api.close();
});

it('finishes a video whose worker process was killed in the middle of a transcode, and its ffmpeg stops at the limit', async () => {
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
      ...SETTINGS,
    },
    stdio: 'ignore',
  });
  const completed = await api.gql(COMPLETE_UPLOAD, { input: { uploadId } }, { token: staff });
  const assetId = completed.data?.completeUpload.asset.id;

  // The worker's ffmpeg transcoding the clip (under its `timeout`).
  const workerPid = child.pid as number;
  transcode = await waitFor(() => descendantsOf(workerPid).find((p) => path.basename(p.args[0] ?? '') === 'ffmpeg' && p.args.some((arg) => /video-(360|720)p\.mp4$/.test(arg))), 60_000);
  expect(transcode).not.toBeNull();
  const ffmpeg = transcode as ProcessInfo;
  const killedStep = /video-(360|720)p/.exec(ffmpeg.args.join(' '))?.[1] === '360' ? 'VIDEO_360P' : 'VIDEO_720P';
  const killedAt = Date.now();
  child.kill('SIGKILL');
  await new Promise((resolve) => child?.once('exit', resolve));
  // The worker is dead and its ffmpeg runs on. Frozen, it stands for a hung ffmpeg that would never
  // end by itself. (Frozen before the worker's death, the kernel would wake it with SIGHUP, as it does
  // a stopped process group that loses its parent.)
  expect(isGone(ffmpeg.pid)).toBe(false);
  process.kill(ffmpeg.pid, 'SIGSTOP');
  expect(await waitFor(() => processInfo(ffmpeg.pid)?.state === 'T', 2_000)).toBe(true);
  // Another worker takes the job over once the dead worker's lock has expired.
  workers = await startWorkers(api.runtime);
  const asset = await waitForAsset(api, staff, assetId, 90_000);
  expect(asset.status).toBe('READY');
  expect(asset.steps.find((step: { name: string }) => step.name === killedStep)).toMatchObject({ status: 'READY', error: null, attempts: 2 });
  expect(asset.renditions.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['video-360p', 'video-720p', 'audio']));

  // The orphaned ffmpeg was stopped by its own time limit, not left running.
  expect(await waitFor(() => isGone(ffmpeg.pid), (VIDEO_LIMIT_SECONDS + KILL_AFTER_SECONDS) * 1000 + 5_000, 100)).toBe(true);
  expect(Date.now() - killedAt).toBeLessThan((VIDEO_LIMIT_SECONDS + KILL_AFTER_SECONDS + 5) * 1000);
}, 120_000);
