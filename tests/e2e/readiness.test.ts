import { databaseUrl } from '../helpers/database';
import { TcpProxy } from '../helpers/tcp-proxy';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
const postgres = new TcpProxy('127.0.0.1', 5432);

async function readiness(): Promise<{ status: number; body: { status: string; checks: Record<string, { ok: boolean; error?: string }> } }> {
  const response = await fetch(`${api.url}/readyz`);
  return { status: response.status, body: (await response.json()) as never };
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
});

afterAll(async () => {
  await api.close();
  await postgres.stop();
});

it('says PostgreSQL is failing when it stops, stays alive on /healthz, and recovers when it is back', async () => {
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

  const query = await api.gql('{ institutions { totalCount } }');
  expect(query.errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });

  await postgres.start(postgres.port);
  let recovered = await readiness();
  for (let attempt = 0; attempt < 10 && recovered.status !== 200; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    recovered = await readiness();
  }
  expect(recovered.body.checks.postgres).toEqual({ ok: true });
  expect(recovered.status).toBe(200);
});
