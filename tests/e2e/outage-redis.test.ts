import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../src/core/roles';
import { toGlobalId } from '../../src/graphql/global-id';
import { QueueName } from '../../src/infra/queue';
import { todayInVietnam } from '../../src/core/time';
import { recalculateJobId } from '../../src/titles/engine/title-jobs';
import { TcpProxy } from '../helpers/tcp-proxy';
import { startTestApi, type TestApi } from '../helpers/test-api';
import { insertUnit, type UnitRow } from '../helpers/titles-fixtures';

const YEAR = Number(todayInVietnam().slice(0, 4)) - 1;
const redis = new TcpProxy('127.0.0.1', 6379);
let api: TestApi;
let em: EntityManager;
let commune: UnitRow;
let adminToken: string;

const RECALCULATE = `mutation($input: RecalculateTitlesInput!) { recalculateTitles(input: $input) { run { id status } errors { code } } }`;

beforeAll(async () => {
  const port = await redis.start();
  api = await startTestApi({ REDIS_URL: `redis://127.0.0.1:${port}` });
  em = api.runtime.orm.em.fork();
  const province = await insertUnit(em, 'PROVINCE', null);
  commune = await insertUnit(em, 'COMMUNE', province);
  adminToken = (await api.account(Role.PROVINCE_ADMIN)).token;
});

afterAll(async () => {
  // The test ends with Redis reachable; closing the API cleans its keys there.
  await api.close();
  await redis.stop();
});

it('answers QUEUE_UNAVAILABLE while Redis is down, keeps the run it recorded, and starts that run when asked again after Redis is back', async () => {
  // Opens the titles queue while Redis is up, so the cut below hits a connection in use.
  expect((await api.gql('{ jobQueues { name } }', {}, { token: adminToken })).errors).toBeUndefined();
  await redis.stop();

  const recalculation = await api.gql(RECALCULATE, { input: { unitId: toGlobalId('AdministrativeUnit', commune.id), year: YEAR } }, { token: adminToken });
  expect(recalculation.errors?.[0]?.extensions).toEqual({ code: 'QUEUE_UNAVAILABLE', runId: expect.any(String) });
  const runId = Buffer.from(recalculation.errors?.[0]?.extensions?.runId as string, 'base64url').toString().split(':')[1] as string;
  expect(await em.execute('select status from title_run where id = ?', [runId])).toEqual([{ status: 'QUEUED' }]);

  const queues = await api.gql('{ jobQueues { name paused } }', {}, { token: adminToken });
  expect(queues.errors?.map((error) => error.extensions?.code)).toEqual(['QUEUE_UNAVAILABLE']);
  const pause = await api.gql('mutation { pauseJobQueue(input: { queue: TITLES }) { errors { code } } }', {}, { token: adminToken });
  expect(pause.errors?.[0]?.extensions?.code).toBe('QUEUE_UNAVAILABLE');
  // The API keeps serving what needs only PostgreSQL (the rate limiter lets requests through).
  expect((await api.gql('{ institutions { totalCount } }')).errors).toBeUndefined();

  await redis.start(redis.port);
  let again = await api.gql(RECALCULATE, { input: { unitId: toGlobalId('AdministrativeUnit', commune.id), year: YEAR } }, { token: adminToken });
  for (let attempt = 0; attempt < 50 && again.errors; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    again = await api.gql(RECALCULATE, { input: { unitId: toGlobalId('AdministrativeUnit', commune.id), year: YEAR } }, { token: adminToken });
  }
  expect(again.errors).toBeUndefined();
  expect(again.data?.recalculateTitles.run).toEqual({ id: toGlobalId('TitleRun', runId), status: 'QUEUED' });
  const job = await api.runtime.queues.use(QueueName.Titles, (queue) => queue.getJob(recalculateJobId({ unitId: commune.id, year: YEAR, runId })));
  expect(job?.data).toEqual({ runId });
});
