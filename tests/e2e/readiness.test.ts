import { databaseUrl } from '../helpers/database';
import { TcpProxy } from '../helpers/tcp-proxy';
import { Role } from '../../src/core/roles';
import { startTestApi, type GraphQLResponse, type TestApi } from '../helpers/test-api';

let api: TestApi;
const postgres = new TcpProxy('127.0.0.1', 5432);

async function readiness(): Promise<{ status: number; body: { status: string; checks: Record<string, { ok: boolean; error?: string }> } }> {
  const response = await fetch(`${api.url}/readyz`);
  return { status: response.status, body: (await response.json()) as never };
}

let token: string;

async function post(query: string, bearer?: string, language: string | null = 'en'): Promise<{ status: number; body: GraphQLResponse }> {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(language ? { 'accept-language': language } : {}), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

beforeAll(async () => {
  const port = await postgres.start();
  api = await startTestApi({}, {
    databaseUrlFor: (name) => {
      const url = new URL(databaseUrl(name));
      url.port = String(port);
      return url.toString();
    },
  });
  token = (await api.account(Role.CITIZEN)).token;
});

afterAll(async () => {
  await api.close();
  await postgres.stop();
});

it('says PostgreSQL is failing when it stops, answers SERVICE_UNAVAILABLE, stays alive on /healthz, and recovers when it is back', async () => {
  // The proxy stands for the server: stopping it is PostgreSQL going away for this API only.
  expect(await readiness()).toEqual({ status: 200, body: expect.objectContaining({ status: 'ready' }) });

  await postgres.stop();
  const down = await readiness();
  expect(down.status).toBe(503);
  expect(down.body.status).toBe('not ready');
  expect(down.body.checks.postgres).toEqual({ ok: false, error: expect.any(String) });
  expect(down.body.checks.redis).toEqual({ ok: true });
  expect(down.body.checks.s3).toEqual({ ok: true });
  expect((await fetch(`${api.url}/healthz`)).status).toBe(200);

  // A request none of whose fields could be answered fails as a whole: 503.
  const whole = await post('{ institutions { totalCount } }');
  expect(whole.status).toBe(503);
  expect(whole.body.errors).toEqual([expect.objectContaining({ message: 'The database is not reachable right now; try again in a moment', extensions: { code: 'SERVICE_UNAVAILABLE' } })]);
  // A signed-in request fails while the API loads its account: 503 with the same code.
  const signedIn = await post('{ me { id } }', token);
  expect(signedIn.status).toBe(503);
  expect(signedIn.body.errors).toEqual([{ message: 'The database is not reachable right now; try again in a moment', extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }) }]);
  // Both in Vietnamese, the language of a request that names none.
  const inVietnamese = 'Hiện không kết nối được cơ sở dữ liệu; hãy thử lại sau giây lát.';
  const wholeVi = await post('{ institutions { totalCount } }', undefined, null);
  expect(wholeVi.body.errors).toEqual([expect.objectContaining({ message: inVietnamese, extensions: { code: 'SERVICE_UNAVAILABLE' } })]);
  const signedInVi = await post('{ me { id } }', token, 'vi-VN,vi;q=0.9');
  expect(signedInVi.status).toBe(503);
  expect(signedInVi.body.errors).toEqual([{ message: inVietnamese, extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }) }]);

  await postgres.start(postgres.port);
  let recovered = await readiness();
  for (let attempt = 0; attempt < 10 && recovered.status !== 200; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    recovered = await readiness();
  }
  expect(recovered.body.checks.postgres).toEqual({ ok: true });
  expect(recovered.status).toBe(200);
});
