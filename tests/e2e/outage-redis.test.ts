import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../src/core/roles';
import { toGlobalId } from '../../src/graphql/global-id';
import { todayInVietnam } from '../../src/core/time';
import { startWorkers, type WorkerHost } from '../../workers/host';
import { TcpProxy } from '../helpers/tcp-proxy';
import { startTestApi, type TestApi } from '../helpers/test-api';
import { insertUnit, type UnitRow } from '../helpers/titles-fixtures';

const YEAR = Number(todayInVietnam().slice(0, 4)) - 1;
const redis = new TcpProxy('127.0.0.1', 6379);
let api: TestApi;
let workers: WorkerHost;
let em: EntityManager;
let commune: UnitRow;
let adminToken: string;

/** The bound of a queue call in this test (QUEUE_ANSWER_MS), and what a request may take beyond it. */
const ANSWER_MS = 1_000;
const SLACK_MS = 1_500;

const RECALCULATE = `mutation($input: RecalculateTitlesInput!) { recalculateTitles(input: $input) { run { id status } errors { code } } }`;

beforeAll(async () => {
  const port = await redis.start();
  api = await startTestApi({
    REDIS_URL: `redis://127.0.0.1:${port}`,
    QUEUE_ANSWER_MS: String(ANSWER_MS),
    TITLES_DISPATCH_INTERVAL_MS: '200',
    // On, so the limiter meets the outage; high enough never to refuse this test.
    RATE_LIMIT_PER_MINUTE: '10000',
    RATE_LIMIT_PER_MINUTE_SIGNED_IN: '10000',
  });
  workers = await startWorkers(api.runtime);
  em = api.runtime.orm.em.fork();
  const province = await insertUnit(em, 'PROVINCE', null);
  commune = await insertUnit(em, 'COMMUNE', province);
  adminToken = (await api.account(Role.PROVINCE_ADMIN)).token;
});

afterAll(async () => {
  // The test ends with Redis reachable; closing the API cleans its keys there.
  await workers.close();
  await api.close();
  await redis.stop();
});

/** The response and how long it took. */
async function timed<T>(call: () => Promise<T>): Promise<{ answer: T; ms: number }> {
  const started = Date.now();
  const answer = await call();
  return { answer, ms: Date.now() - started };
}

const readiness = async () => {
  const response = await fetch(`${api.url}/readyz`);
  return { status: response.status, body: (await response.json()) as { rateLimit: { enforced: boolean; failingOpenSince?: string } } };
};

it('answers QUEUE_UNAVAILABLE within the bound while Redis is down, keeps the run it recorded, and runs it by itself once Redis is back', async () => {
  // Opens the titles queue while Redis is up, so the cut below hits a connection in use.
  expect((await api.gql('{ jobQueues { name } }', {}, { token: adminToken })).errors).toBeUndefined();
  expect((await readiness()).body.rateLimit).toEqual({ enforced: true });
  await redis.stop();

  const recalculation = await timed(() => api.gql(RECALCULATE, { input: { unitId: toGlobalId('AdministrativeUnit', commune.id), year: YEAR } }, { token: adminToken }));
  expect(recalculation.answer.errors?.[0]?.extensions).toEqual({ code: 'QUEUE_UNAVAILABLE', runId: expect.any(String) });
  expect(recalculation.ms).toBeLessThan(ANSWER_MS + SLACK_MS);
  const runGlobalId = recalculation.answer.errors?.[0]?.extensions?.runId as string;
  const runId = Buffer.from(runGlobalId, 'base64url').toString().split(':')[1] as string;
  expect(await em.execute('select status from title_run where id = ?', [runId])).toEqual([{ status: 'QUEUED' }]);

  const queues = await timed(() => api.gql('{ jobQueues { name paused } }', {}, { token: adminToken }));
  expect(queues.answer.errors?.map((error) => error.extensions?.code)).toEqual(['QUEUE_UNAVAILABLE']);
  expect(queues.ms).toBeLessThan(ANSWER_MS + SLACK_MS);
  const pause = await timed(() => api.gql('mutation { pauseJobQueue(input: { queue: TITLES }) { errors { code } } }', {}, { token: adminToken }));
  expect(pause.answer.errors?.[0]?.extensions?.code).toBe('QUEUE_UNAVAILABLE');
  expect(pause.ms).toBeLessThan(ANSWER_MS + SLACK_MS);
  // The API keeps serving what needs only PostgreSQL (the rate limiter lets requests through), and says the limit is not enforced.
  expect((await api.gql('{ institutions { totalCount } }')).errors).toBeUndefined();
  expect((await readiness()).body.rateLimit).toEqual({ enforced: false, failingOpenSince: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });

  // Nobody asks again: the workers hand the QUEUED run to the queue once Redis answers, and it runs to the end.
  await redis.start(redis.port);
  const runQuery = `query($id: ID!) { titleRun(id: $id) { status error } }`;
  let run = await api.gql(runQuery, { id: runGlobalId }, { token: adminToken });
  for (let attempt = 0; attempt < 150 && run.data?.titleRun?.status !== 'SUCCEEDED' && run.data?.titleRun?.status !== 'FAILED'; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    run = await api.gql(runQuery, { id: runGlobalId }, { token: adminToken });
  }

  expect(run.data?.titleRun).toEqual({ status: 'SUCCEEDED', error: null });
  expect((await readiness()).body.rateLimit).toEqual({ enforced: true });
  // The pause answered QUEUE_UNAVAILABLE did not happen later either.
  const after = await api.gql<{ jobQueues: { name: string; paused: boolean }[] }>('{ jobQueues { name paused } }', {}, { token: adminToken });
  expect(after.data?.jobQueues.find((queue) => queue.name === 'TITLES')?.paused).toBe(false);
  // Asking again now starts a new run: the one recorded during the outage is finished.
  const again = await api.gql(RECALCULATE, { input: { unitId: toGlobalId('AdministrativeUnit', commune.id), year: YEAR } }, { token: adminToken });
  expect(again.errors).toBeUndefined();
  expect(again.data?.recalculateTitles.run.id).not.toBe(runGlobalId);
}, 60_000);
