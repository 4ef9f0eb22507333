import { Role } from '../../src/core/roles';
import { startAnotherApiProcess, startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let adminToken: string;

const CREATE = `mutation($input: CreateApiClientInput!) {
  createApiClient(input: $input) { key apiClient { id name keyPrefix rateLimitPerMinute revokedAt } errors { field code message } }
}`;

beforeAll(async () => {
  api = await startTestApi();
  adminToken = (await api.account(Role.PROVINCE_ADMIN)).token;
});

afterAll(async () => {
  await api.close();
});

async function withKey(key: string, url = api.url): Promise<Response> {
  return fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en', 'x-api-key': key },
    body: JSON.stringify({ query: '{ institutions { totalCount } }' }),
  });
}

describe('API clients', () => {
  it('issues a key once to a province admin, and the key reads the API under its own rate limit', async () => {
    const created = await api.gql(CREATE, { input: { name: 'Cổng học tập Phường Long An', contactEmail: 'CNTT@longan.gov.vn', rateLimitPerMinute: 2 } }, { token: adminToken });
    const payload = created.data?.createApiClient;
    expect(payload.errors).toEqual([]);
    expect(payload.key).toMatch(/^llk_[A-Za-z0-9_-]{43}$/);
    expect(payload.apiClient).toMatchObject({ name: 'Cổng học tập Phường Long An', rateLimitPerMinute: 2, revokedAt: null, keyPrefix: payload.key.slice(0, 10) });

    const listed = await api.gql('{ apiClients { totalCount edges { node { id contactEmail } } } }', {}, { token: adminToken });
    expect(listed.data?.apiClients).toEqual({ totalCount: 1, edges: [{ node: { id: payload.apiClient.id, contactEmail: 'cntt@longan.gov.vn' } }] });
    expect(JSON.stringify(listed)).not.toContain(payload.key);

    const secondsIntoMinute = (Date.now() % 60_000) / 1000;
    if (secondsIntoMinute > 55) await new Promise((resolve) => setTimeout(resolve, (61 - secondsIntoMinute) * 1000));
    const responses = [await withKey(payload.key), await withKey(payload.key), await withKey(payload.key)];
    expect(responses.map((response) => response.status)).toEqual([200, 200, 429]);
    expect(responses[0]?.headers.get('ratelimit-limit')).toBe('2');
    expect(await responses[0]?.json()).toMatchObject({ data: { institutions: { totalCount: 0 } } });
  });

  it('refuses an unknown key with 401, and a revoked one', async () => {
    const unknown = await withKey('llk_not-a-key');
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual({ errors: [{ message: 'The API key is not valid or was revoked', extensions: { code: 'UNAUTHENTICATED' } }] });

    const created = await api.gql(CREATE, { input: { name: 'Ứng dụng thư viện', contactEmail: 'app@thuvien.vn' } }, { token: adminToken });
    const { key, apiClient } = created.data?.createApiClient;
    expect(apiClient.rateLimitPerMinute).toBe(600);
    expect((await withKey(key)).status).toBe(200);
    const revoked = await api.gql('mutation($id: ID!) { revokeApiClient(input: { id: $id }) { apiClient { revokedAt } errors { code } } }', { id: apiClient.id }, { token: adminToken });
    expect(revoked.data?.revokeApiClient).toEqual({ apiClient: { revokedAt: expect.any(String) }, errors: [] });
    expect((await withKey(key)).status).toBe(401);
  });

  it('refuses a revoked key at once in another API process that had just accepted it', async () => {
    const other = await startAnotherApiProcess(api);
    try {
      const created = await api.gql(CREATE, { input: { name: 'Ứng dụng bảo tàng', contactEmail: 'app@baotang.vn' } }, { token: adminToken });
      const { key, apiClient } = created.data?.createApiClient;
      // Heard once, the key is cached there for a minute; its subscription to client changes is confirmed meanwhile.
      expect((await withKey(key, other.url)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await withKey(key, other.url)).status).toBe(200);
      await api.gql('mutation($id: ID!) { revokeApiClient(input: { id: $id }) { errors { code } } }', { id: apiClient.id }, { token: adminToken });
      let status = (await withKey(key, other.url)).status;
      for (let attempt = 0; attempt < 20 && status !== 401; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await withKey(key, other.url)).status;
      }
      expect(status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('is for province admins only', async () => {
    const assessor = await api.account(Role.ASSESSOR);
    const input = { name: 'x', contactEmail: 'x@y.vn' };
    expect((await api.gql(CREATE, { input }, { token: assessor.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql('{ apiClients { totalCount } }', {}, { token: assessor.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql('{ apiClients { totalCount } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('CORS', () => {
  it('answers a browser preflight from another site and exposes the request id and rate-limit headers', async () => {
    const preflight = await fetch(`${api.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://hoctap.longan.gov.vn', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const actual = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { origin: 'https://hoctap.longan.gov.vn', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(actual.headers.get('access-control-allow-origin')).toBe('*');
    expect(actual.headers.get('access-control-expose-headers')).toContain('x-request-id');
  });
});
