import { Client } from 'pg';
import { databaseUrl } from '../helpers/database';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api.close();
});

it('lets a request in flight finish when it stops, then refuses new connections', async () => {
  // A lock held by another session keeps the request waiting inside PostgreSQL: it is in flight.
  const blocker = new Client({ connectionString: databaseUrl(api.databaseName) });
  await blocker.connect();
  await blocker.query('begin');
  await blocker.query('lock table institution in access exclusive mode');
  const events: string[] = [];
  const inFlight = api.gql('{ institutions { totalCount } }').then((result) => {
    events.push('request finished');
    return result;
  });
  await new Promise((resolve) => setTimeout(resolve, 200));

  const stopped = api.server.stop().then(() => events.push('stopped'));
  await new Promise((resolve) => setTimeout(resolve, 300));
  events.push('lock released');
  await blocker.query('commit');
  await blocker.end();

  const result = await inFlight;
  await stopped;
  expect(result).toMatchObject({ data: { institutions: { totalCount: 0 } } });
  expect(events).toEqual(['lock released', 'request finished', 'stopped']);
  await expect(fetch(`${api.url}/healthz`)).rejects.toThrow();
});
