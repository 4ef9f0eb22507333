import { TcpProxy } from '../helpers/tcp-proxy';
import { startTestApi, type TestApi } from '../helpers/test-api';

const redis = new TcpProxy('127.0.0.1', 6379);
let api: TestApi;

beforeAll(async () => {
  const port = await redis.start();
  api = await startTestApi({ REDIS_URL: `redis://127.0.0.1:${port}`, RATE_LIMIT_PER_MINUTE: '100' });
});

afterAll(async () => {
  await api.close();
  await redis.stop();
});

const me = () => fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { id } }' }) });
const readiness = async () => (await (await fetch(`${api.url}/readyz`)).json()) as { rateLimit: { enforced: boolean; failingOpenSince?: string } };

it('lets requests through uncounted while Redis is down, says so once in the log and on /readyz, and counts again when Redis is back', async () => {
  const warn = jest.spyOn(api.runtime.log, 'warn');
  const info = jest.spyOn(api.runtime.log, 'info');
  expect((await me()).headers.get('ratelimit-limit')).toBe('100');
  expect((await readiness()).rateLimit).toEqual({ enforced: true });

  await redis.stop();
  const during = [await me(), await me(), await me()];
  expect(during.map((response) => [response.status, response.headers.get('ratelimit-limit')])).toEqual([
    [200, null],
    [200, null],
    [200, null],
  ]);
  const outageWarnings = warn.mock.calls.filter(([, message]) => typeof message === 'string' && message.startsWith('the rate limit is not enforced'));
  expect(outageWarnings).toHaveLength(1);
  expect((await readiness()).rateLimit).toEqual({ enforced: false, failingOpenSince: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });

  await redis.start(redis.port);
  let counted = await me();
  for (let attempt = 0; attempt < 50 && !counted.headers.get('ratelimit-limit'); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    counted = await me();
  }
  expect(counted.headers.get('ratelimit-limit')).toBe('100');
  expect((await readiness()).rateLimit).toEqual({ enforced: true });
  expect(info.mock.calls.filter(([, message]) => message === 'the rate limit is enforced again: Redis answers')).toHaveLength(1);
});
