import { createHash } from 'node:crypto';
import { Role } from '../../src/core/roles';
import { gid, seedUnits, createInstitution, type UnitsFixture } from '../helpers/catalogue-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let units: UnitsFixture;

beforeAll(async () => {
  api = await startTestApi();
  units = await seedUnits(await api.adminContext());
});

afterAll(async () => {
  await api.close();
});

describe('health endpoints', () => {
  it('reports the process up on /healthz and every dependency on /readyz', async () => {
    expect(await (await fetch(`${api.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { postgres: { ok: true }, redis: { ok: true }, s3: { ok: true } },
      rateLimit: { enforced: true },
    });
  });
});

describe('requests', () => {
  it('echoes a request id in the header and the response extensions', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-123' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const body = (await response.json()) as { data: unknown; extensions: { requestId: string } };
    expect(body).toMatchObject({ data: { me: null }, extensions: { requestId: 'trace-123' } });
  });

  it('answers an unreadable or oversized body with JSON errors, not an HTML page', async () => {
    const post = (body: string) => fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en' }, body });
    const broken = await post('{"query": "{ me { id } }"');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({
      errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_USER_INPUT', requestId: broken.headers.get('x-request-id') } }],
    });
    const huge = await post(JSON.stringify({ query: '{ me { id } }', variables: { padding: 'x'.repeat(5 * 1024 * 1024) } }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ errors: [{ message: 'The request body is larger than 4 MB', extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it('refuses a GET query without a CSRF-safe header', async () => {
    const response = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ me { id } }')}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('CSRF');
  });
});

describe('automatic persisted queries', () => {
  it('asks for the text of an unknown hash once, then answers the hash alone', async () => {
    const query = '{ labels(of: PROGRAMME_FORMAT) { value } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const send = async (body: Record<string, unknown>) =>
      (await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<Record<string, any>>;
    expect((await send({ extensions })).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const values = { labels: [{ value: 'IN_PERSON' }, { value: 'ONLINE' }, { value: 'HYBRID' }] };
    expect((await send({ query, extensions })).data).toEqual(values);
    expect((await send({ extensions })).data).toEqual(values);
  });
});

describe('limits', () => {
  it('refuses a page larger than 100 with BAD_USER_INPUT', async () => {
    const result = await api.gql('{ institutions(first: 101) { edges { node { id } } } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toBe('first must be from 0 to 100, got 101');
  });

  it('refuses a query over the cost budget before running it, saying the cost and the budget', async () => {
    const result = await api.gql(
      '{ institutions(first: 100) { edges { node { programmes(first: 100) { edges { node { sessions(first: 100) { edges { node { id } } } } } } } } } }',
      {},
      { headers: { 'accept-language': 'en' } },
    );
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', maxCost: 5000 });
    expect(result.errors?.[0]?.message).toMatch(/^The query costs \d+; the budget is 5000/);
  });

  it('costs nodes(ids:) once per id asked for', async () => {
    const ids = Array.from({ length: 100 }, () => gid('Institution', '00000000-0000-4000-8000-000000000000'));
    const nested = '... on Institution { programmes(first: 10) { edges { node { sessions(first: 5) { edges { node { id } } } } } } }';
    const result = await api.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { ${nested} } }`, { ids });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', maxCost: 5000 });
    const fewer = await api.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { ${nested} } }`, { ids: ids.slice(0, 2) });
    expect(fewer).toMatchObject({ data: { nodes: [null, null] } });
  });

  it('refuses a query nested deeper than the limit', async () => {
    const deep = '{ administrativeUnits { edges { node { parent { parent { parent { parent { parent { parent { parent { parent { parent { name } } } } } } } } } } } } }';
    const result = await api.gql(deep, {}, { headers: { 'accept-language': 'en' } });
    expect(result.errors?.[0]?.message).toBe('The query is nested 13 levels deep; the limit is 12');
  });

  it('refuses a tampered cursor', async () => {
    const context = await api.adminContext();
    await createInstitution(context, units.longAn, 'Thư viện A');
    await createInstitution(context, units.longAn, 'Thư viện B');
    const first = await api.gql<{ institutions: { pageInfo: { endCursor: string } } }>('{ institutions(first: 1) { pageInfo { endCursor } } }');
    const cursor = first.data?.institutions.pageInfo.endCursor as string;
    const [body, signature] = cursor.split('.');
    const forged = `${Buffer.from(JSON.stringify(['A', '00000000-0000-0000-0000-000000000000'])).toString('base64url')}.${signature}`;
    // One character of the signature changed (to one it is not already).
    const tampered = `${body}.${signature?.startsWith('x') ? 'y' : 'x'}${signature?.slice(1)}`;
    for (const bad of [forged, tampered, 'not-a-cursor']) {
      const result = await api.gql('query($after: String) { institutions(first: 1, after: $after) { edges { node { id } } } }', { after: bad });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(/cursor is not valid/);
    }
  });
});

describe('node and labels', () => {
  it('fetches any object by global id and answers null for a missing one', async () => {
    const id = gid('AdministrativeUnit', units.longAn.id);
    const missing = gid('AdministrativeUnit', '00000000-0000-4000-8000-000000000000');
    const result = await api.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id ... on AdministrativeUnit { name code } } }', { ids: [id, missing] });
    expect(result.data).toEqual({ nodes: [{ id, name: 'Phường Long An', code: '27694' }, null] });
  });

  it('refuses an id that is not one of ours', async () => {
    const result = await api.gql('{ node(id: "bm9wZQ") { id } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('labels enum values in Vietnamese by default and in English on request', async () => {
    const query = '{ labels(of: INSTITUTION_KIND) { value label } }';
    const vi = await api.gql<{ labels: { value: string; label: string }[] }>(query);
    const en = await api.gql<{ labels: { value: string; label: string }[] }>(query, {}, { headers: { 'accept-language': 'en-US,en;q=0.9,vi;q=0.5' } });
    expect(vi.data?.labels).toContainEqual({ value: 'MUSEUM', label: 'Bảo tàng' });
    expect(en.data?.labels).toContainEqual({ value: 'MUSEUM', label: 'Museum' });
    // The deprecated argument, naming the enum by its type, still answers the same.
    expect((await api.gql('{ labels(enum: InstitutionKind) { value label } }')).data).toEqual(vi.data);
    expect((await api.gql('{ labels { value } }')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('errors', () => {
  it('masks unexpected errors without leaking SQL or stacks', async () => {
    const token = (await api.account(Role.PROVINCE_ADMIN)).token;
    await api.runtime.orm.em.getConnection().execute('alter table institution rename to institution_moved');
    try {
      const result = await api.gql('{ institutions { edges { node { name } } } }', {}, { token, headers: { 'accept-language': 'en' } });
      expect(result.errors).toEqual([
        expect.objectContaining({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
      ]);
      expect(JSON.stringify(result)).not.toMatch(/institution_moved|select|stack/i);
    } finally {
      await api.runtime.orm.em.getConnection().execute('alter table institution_moved rename to institution');
    }
  });
});
