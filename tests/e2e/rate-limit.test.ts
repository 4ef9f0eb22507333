import { Role } from '../../src/core/roles';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_PER_MINUTE_SIGNED_IN: '5' });
});

afterAll(async () => {
  await api.close();
});

async function post(token?: string): Promise<Response> {
  return fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: '{ me { id } }' }),
  });
}

it('counts each client per minute, shows the remaining budget, and answers 429 RATE_LIMITED past it', async () => {
  // Both budgets start at a fresh minute, so the test does not straddle two windows.
  const secondsIntoMinute = (Date.now() % 60_000) / 1000;
  if (secondsIntoMinute > 55) await new Promise((resolve) => setTimeout(resolve, (61 - secondsIntoMinute) * 1000));

  const anonymous = [await post(), await post(), await post(), await post()];
  expect(anonymous.map((response) => response.status)).toEqual([200, 200, 200, 429]);
  expect(anonymous.map((response) => response.headers.get('ratelimit-remaining'))).toEqual(['2', '1', '0', '0']);
  expect(anonymous[0]?.headers.get('ratelimit-limit')).toBe('3');
  const refused = (await anonymous[3]?.json()) as { errors: { message: string; extensions: { code: string; retryAfterSeconds: number } }[] };
  expect(refused.errors[0]?.extensions.code).toBe('RATE_LIMITED');
  expect(refused.errors[0]?.message).toMatch(/^Too many requests: at most 3 a minute; try again in \d+ s$/);
  expect(Number(anonymous[3]?.headers.get('retry-after'))).toBeGreaterThan(0);

  // A signed-in account has its own, larger budget, whatever its address has spent.
  const citizen = await api.account(Role.CITIZEN);
  const signedIn = await post(citizen.token);
  expect(signedIn.status).toBe(200);
  expect(signedIn.headers.get('ratelimit-limit')).toBe('5');
  expect(signedIn.headers.get('ratelimit-remaining')).toBe('4');
});
