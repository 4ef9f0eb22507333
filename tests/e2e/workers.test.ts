import { RefreshToken } from '../../src/auth/account.entity';
import { Role } from '../../src/core/roles';
import { hashOpaqueToken } from '../../src/auth/tokens';
import { QueueName } from '../../src/infra/queue';
import { JobName } from '../../workers/jobs';
import { startWorkers, type WorkerHost } from '../../workers/host';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let workers: WorkerHost;

beforeAll(async () => {
  api = await startTestApi();
  workers = await startWorkers(api.runtime);
});

afterAll(async () => {
  await workers.close();
  await api.close();
});

it('schedules the daily refresh-token purge at 03:00 in Vietnam with a job scheduler', async () => {
  const queue = workers.queues.get(QueueName.Maintenance);
  const schedulers = await queue?.getJobSchedulers();
  expect(schedulers).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ key: 'purge-refresh-tokens-daily', name: JobName.PurgeRefreshTokens, pattern: '0 3 * * *', tz: 'Asia/Ho_Chi_Minh' }),
    ]),
  );
});

it('purges refresh tokens expired or revoked over a week ago and keeps the rest', async () => {
  const em = api.runtime.orm.em.fork();
  const account = await api.account(Role.CITIZEN);
  const day = 86_400_000;
  const now = Date.now();
  const token = (name: string, expiresAt: number, revokedAt: number | null) =>
    em.create(RefreshToken, { account: account.id, tokenHash: hashOpaqueToken(name), expiresAt: new Date(expiresAt), revokedAt: revokedAt === null ? null : new Date(revokedAt) });
  token('expired-long-ago', now - 10 * day, null);
  token('revoked-long-ago', now + 10 * day, now - 8 * day);
  token('expired-yesterday', now - day, null);
  token('live', now + 10 * day, null);
  await em.flush();

  const queue = workers.queues.get(QueueName.Maintenance);
  const job = await queue?.add(JobName.PurgeRefreshTokens, {});
  let state = await job?.getState();
  for (let attempt = 0; attempt < 50 && state !== 'completed' && state !== 'failed'; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    state = await job?.getState();
  }
  expect(state).toBe('completed');
  const finished = await queue?.getJob(job?.id as string);
  expect(finished?.returnvalue).toEqual({ status: 'done', detail: { deleted: 2 } });

  const left = await api.runtime.orm.em.fork().find(RefreshToken, { account: account.id });
  expect(left.map((t) => t.tokenHash).sort()).toEqual([hashOpaqueToken('expired-yesterday'), hashOpaqueToken('live')].sort());
});

it('schedules the media reconciler every five minutes and the cleanup of abandoned uploads hourly', async () => {
  const schedulers = await workers.queues.get(QueueName.Maintenance)?.getJobSchedulers();
  expect(schedulers).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ key: 'media-reconcile', name: JobName.MediaReconcile, pattern: '*/5 * * * *', tz: 'Asia/Ho_Chi_Minh' }),
      expect.objectContaining({ key: 'media-cleanup-uploads-hourly', name: JobName.MediaCleanupUploads, pattern: '17 * * * *', tz: 'Asia/Ho_Chi_Minh' }),
    ]),
  );
});
