import { randomBytes, randomUUID } from 'node:crypto';
import { StatementTrust } from '../../src/auth/api-client.enums';
import { PLATFORM_IRI } from '../../src/learning/records/xapi';
import { LearningLog } from '../../src/learning/logs/learning-log.entity';
import { seedUnits } from '../helpers/catalogue-fixtures';
import { createCitizen } from '../helpers/learning-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let trustedKey: string;
let untrustedKey: string;
let citizenId: string;

const COMPLETED = 'http://adlnet.gov/expapi/verbs/completed';
const COURSE = 'http://adlnet.gov/expapi/activities/course';

function auth(key: string): string {
  return `Basic ${Buffer.from(`${key.slice(0, 10)}:${key}`).toString('base64')}`;
}

async function xapi(path: string, options: { method?: string; body?: unknown; key?: string; version?: string | null } = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { authorization: auth(options.key ?? trustedKey), 'content-type': 'application/json' };
  if (options.version !== null) headers['x-experience-api-version'] = options.version ?? '2.0.0';
  const response = await fetch(`${api.url}/xapi${path}`, { method: options.method ?? 'GET', headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  // `any` in tests: xAPI bodies are checked property by property as an LRS client reads them.
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // a text message
  }
  return { status: response.status, body, headers: response.headers };
}

function statement(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    actor: { objectType: 'Agent', mbox: 'mailto:learner@example.vn', name: 'Learner' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
    object: { id: `https://mooc.example.vn/activities/${randomUUID()}`, definition: { name: { vi: 'Bài học' }, type: 'http://adlnet.gov/expapi/activities/lesson' } },
    ...overrides,
  };
}

async function createClient(name: string, options: { rateLimitPerMinute?: number; statementTrust?: StatementTrust } = {}): Promise<string> {
  const ctx = await api.adminContext();
  return (await api.runtime.services.apiClients.create(ctx, { name, contactEmail: 'lms@example.vn', rateLimitPerMinute: options.rateLimitPerMinute ?? 1000, statementTrust: options.statementTrust })).key;
}

beforeAll(async () => {
  api = await startTestApi();
  trustedKey = await createClient('Bình dân học vụ số', { statementTrust: StatementTrust.VERIFIED });
  untrustedKey = await createClient('MOOC lạ');
  const units = await seedUnits(await api.adminContext());
  citizenId = (await createCitizen(api, units.tanAn)).citizen.id;
});

afterAll(async () => {
  await api.close();
});

describe('xAPI LRS', () => {
  it('stores a posted statement with its authority and returns it by id', async () => {
    const posted = await xapi('/statements', { method: 'POST', body: statement() });
    expect(posted.status).toBe(200);
    expect(posted.headers.get('x-experience-api-version')).toBe('2.0.0');
    const [id] = posted.body;
    const got = await xapi(`/statements?statementId=${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, authority: { objectType: 'Agent', name: 'Bình dân học vụ số' }, version: '2.0.0' });
    expect(got.headers.get('x-experience-api-consistent-through')).toEqual(expect.any(String));
    const old = await xapi(`/statements?statementId=${id}`, { version: '1.0.3' });
    expect(old.headers.get('x-experience-api-version')).toBe('1.0.3');
  });

  it('filters by verb and activity, and pages with more', async () => {
    const verb = `https://mooc.example.vn/verbs/${randomUUID()}`;
    const activity = `https://mooc.example.vn/activities/${randomUUID()}`;
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push(...(await xapi('/statements', { method: 'POST', body: statement({ verb: { id: verb }, object: { id: activity } }) })).body);
    await xapi('/statements', { method: 'POST', body: statement() });
    const first = await xapi(`/statements?verb=${encodeURIComponent(verb)}&activity=${encodeURIComponent(activity)}&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.statements).toHaveLength(2);
    expect(first.body.more).toMatch(/^\/xapi\/statements\?more=/);
    const second = await xapi(first.body.more.slice('/xapi'.length));
    expect(second.body.statements).toHaveLength(1);
    expect(second.body.more).toBe('');
    expect([...first.body.statements, ...second.body.statements].map((s: { id: string }) => s.id).sort()).toEqual([...ids].sort());
  });

  it('refuses a more link that was edited with 400', async () => {
    const verb = `https://mooc.example.vn/verbs/${randomUUID()}`;
    for (let i = 0; i < 2; i += 1) await xapi('/statements', { method: 'POST', body: statement({ verb: { id: verb } }) });
    const { more } = (await xapi(`/statements?verb=${encodeURIComponent(verb)}&limit=1`)).body;
    const token = new URLSearchParams(more.split('?')[1]).get('more') as string;
    const [body, signature] = token.split('.');
    const edited = JSON.parse(Buffer.from(body as string, 'base64url').toString('utf8'));
    edited.k[0] = JSON.stringify({ limit: '100' });
    const forged = `${Buffer.from(JSON.stringify(edited)).toString('base64url')}.${signature}`;
    const answer = await xapi(`/statements?more=${encodeURIComponent(forged)}`);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('more');
  });

  it('answers 400 with a message, never 500, to a garbage more token and to malformed parameters', async () => {
    const agent = encodeURIComponent(JSON.stringify({ mbox: 'mailto:learner@example.vn' }));
    const activity = encodeURIComponent('https://mooc.example.vn/activities/1');
    const refused = [
      '/statements?more=garbage',
      '/statements?more=a.b.c',
      `/statements?more=${encodeURIComponent('€€€.€€€')}`,
      `/statements?more=${Buffer.from('{"s":"xapi-statements"').toString('base64url')}.AAAAAAAAAAAAAAAA`,
      '/statements?since=0000-01-01T00:00:00Z',
      `/statements?until=${encodeURIComponent('9999-12-31T23:00:00-12:00')}`,
      '/statements?agent=5',
      '/statements?agent=null',
      '/statements?agent=%5B%5D',
      '/statements?agent=%22mailto%3Alearner%40example.vn%22',
      `/statements?agent=${encodeURIComponent(JSON.stringify({ mbox: 'mailto:a\u0000@example.vn' }))}`,
      '/statements?verb=https%3A%2F%2Fmooc.example.vn%2F%00',
      '/statements?activity=https%3A%2F%2Fmooc.example.vn%2F%00',
      `/statements?statementId=${'-'.repeat(36)}`,
      `/statements?voidedStatementId=${'f'.repeat(36)}`,
      '/activities?activityId=https%3A%2F%2Fmooc.example.vn%2F%00',
      `/activities/state?activityId=${activity}&agent=${agent}&stateId=a%00`,
      `/activities/state?activityId=${activity}&agent=${agent}&since=0000-01-01T00:00:00Z`,
      `/activities/profile?activityId=${activity}&profileId=a%00`,
      `/agents/profile?agent=${agent}&profileId=a%00`,
    ];
    const answers = await Promise.all(refused.map(async (path) => ({ path, status: (await xapi(path)).status })));
    expect(answers).toEqual(refused.map((path) => ({ path, status: 400 })));
    const posted = await xapi('/statements', { method: 'POST', body: statement({ actor: { mbox: 'mailto:learner@example.vn', name: 'a\u0000b' } }) });
    expect(posted.status).toBe(400);
    const huge = await xapi('/statements?limit=99999999999999999999999');
    expect(huge.status).toBe(200);
    expect(huge.body.statements.length).toBeLessThanOrEqual(100);
    const longType = await fetch(`${api.url}/xapi/activities/state?activityId=${activity}&agent=${agent}&stateId=long-type`, {
      method: 'PUT',
      headers: { authorization: auth(trustedKey), 'x-experience-api-version': '2.0.0', 'content-type': `application/${'x'.repeat(300)}` },
      body: 'state',
    });
    expect(longType.status).toBe(400);
    const nulKey = await fetch(`${api.url}/xapi/statements?limit=1`, { headers: { authorization: `Basic ${Buffer.from('a\u0000:a\u0000b').toString('base64')}`, 'x-experience-api-version': '2.0.0' } });
    expect(nulKey.status).toBe(401);
    const long = randomBytes(2000).toString('hex');
    const longVerb = await xapi('/statements', { method: 'POST', body: statement({ verb: { id: `https://mooc.example.vn/verbs/${long}` } }) });
    expect(longVerb.status).toBe(400);
    const longState = await xapi(`/activities/state?activityId=${activity}&agent=${agent}&stateId=${long}`, { method: 'PUT', body: { a: 1 } });
    expect(longState.status).toBe(400);
    const longAgent = await xapi('/statements', { method: 'POST', body: statement({ actor: { account: { homePage: 'https://mooc.example.vn', name: long } } }) });
    expect(longAgent.status).toBe(400);
  });

  it('finds a statement through the statement its StatementRef targets, voided or not', async () => {
    const activity = `https://mooc.example.vn/activities/${randomUUID()}`;
    const [target] = (await xapi('/statements', { method: 'POST', body: statement({ object: { id: activity } }) })).body;
    const [voiding] = (await xapi('/statements', { method: 'POST', body: statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id: target } }) })).body;
    const found = await xapi(`/statements?activity=${encodeURIComponent(activity)}`);
    expect(found.body.statements.map((s: { id: string }) => s.id)).toEqual([voiding]);
  });

  it('finds a StatementRef through a target stored after it, or in the same batch', async () => {
    const [early, inBatch] = [randomUUID(), randomUUID()];
    const shared = { id: 'http://adlnet.gov/expapi/verbs/shared' };
    const [ref] = (await xapi('/statements', { method: 'POST', body: statement({ verb: shared, object: { objectType: 'StatementRef', id: early } }) })).body;
    const course = `https://mooc.example.vn/courses/${randomUUID()}`;
    const context = { contextActivities: { parent: [{ id: course }] } };
    await xapi('/statements', { method: 'POST', body: statement({ id: early, context }) });
    const [, batchRef] = (await xapi('/statements', { method: 'POST', body: [statement({ id: inBatch, context }), statement({ verb: shared, object: { objectType: 'StatementRef', id: inBatch } })] })).body;
    const found = await xapi(`/statements?activity=${encodeURIComponent(course)}&related_activities=true`);
    expect(found.body.statements.map((s: { id: string }) => s.id).sort()).toEqual([early, inBatch, ref, batchRef].sort());
  });

  it('tells a request without a version header the version of its endpoint: 2.0.0 at /xapi, 1.0.3 at /xapi/1.0.3', async () => {
    const latest = await xapi('/statements', { version: null });
    expect([latest.status, latest.headers.get('x-experience-api-version')]).toEqual([400, '2.0.0']);
    const old = await xapi('/1.0.3/statements', { version: null });
    expect([old.status, old.headers.get('x-experience-api-version')]).toEqual([400, '1.0.3']);
    expect((await xapi('/1.0.3/statements?limit=1', { version: '1.0.3' })).status).toBe(200);
    expect((await xapi('/1.0.3/statements?limit=1', { version: '2.0.0' })).status).toBe(400);
    expect((await xapi('/1.0.3/about', { version: null })).body).toEqual({ version: ['1.0.3'] });
  });

  it('takes 1.0.3’s Alternate Request Syntax: a PUT sent as a form POST', async () => {
    const id = randomUUID();
    const form = new URLSearchParams({ statementId: id, content: JSON.stringify(statement()), 'X-Experience-API-Version': '1.0.3', Authorization: auth(trustedKey) });
    const response = await fetch(`${api.url}/xapi/statements?method=PUT`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    expect(response.status).toBe(204);
    expect((await xapi(`/statements?statementId=${id}`)).body.id).toBe(id);
    const latest = await fetch(`${api.url}/xapi/statements?method=PUT`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-experience-api-version': '2.0.0', authorization: auth(trustedKey) }, body: new URLSearchParams({ statementId: randomUUID(), content: JSON.stringify(statement()) }).toString() });
    expect(latest.status).toBe(400);
  });

  it('voids a statement: gone by statementId, found by voidedStatementId', async () => {
    const [id] = (await xapi('/statements', { method: 'POST', body: statement() })).body;
    const voiding = await xapi('/statements', { method: 'POST', body: statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id } }) });
    expect(voiding.status).toBe(200);
    expect((await xapi(`/statements?statementId=${id}`)).status).toBe(404);
    expect((await xapi(`/statements?voidedStatementId=${id}`)).body.id).toBe(id);
  });

  it('turns a mapped statement about a known citizen into one IMPORT learning log, and voiding it voids the log', async () => {
    const id = randomUUID();
    const mapped = statement({
      id,
      actor: { objectType: 'Agent', account: { homePage: PLATFORM_IRI, name: citizenId } },
      verb: { id: COMPLETED },
      object: { id: 'https://mooc.example.vn/courses/an-toan-so', definition: { name: { vi: 'An toàn số' }, type: COURSE } },
      result: { completion: true, duration: 'PT3H' },
      timestamp: new Date(Date.now() - 86_400_000).toISOString(),
    });
    expect((await xapi('/statements', { method: 'POST', body: mapped })).status).toBe(200);
    expect((await xapi(`/statements?statementId=${id}`, { method: 'PUT', body: mapped })).status).toBe(204);
    const em = api.runtime.orm.em.fork();
    const logs = await em.find(LearningLog, { citizen: citizenId });
    expect(logs.map((log) => ({ source: log.source, status: log.status, hours: log.hours, activityTitle: log.activityTitle, result: log.result }))).toEqual([
      { source: 'IMPORT', status: 'VERIFIED', hours: 3, activityTitle: 'An toàn số', result: 'COMPLETED' },
    ]);
    await xapi('/statements', { method: 'POST', body: statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id } }) });
    const after = await api.runtime.orm.em.fork().findOneOrFail(LearningLog, { id: logs[0]?.id as string });
    expect(after.status).toBe('VOIDED');
  });

  it('stores an unmapped statement, and a mapped one from an untrusted client, without a learning log', async () => {
    const unmapped = await xapi('/statements', { method: 'POST', body: statement({ actor: { account: { homePage: PLATFORM_IRI, name: citizenId } } }) });
    const untrusted = await xapi('/statements', {
      method: 'POST',
      key: untrustedKey,
      body: statement({ actor: { account: { homePage: PLATFORM_IRI, name: citizenId } }, verb: { id: COMPLETED }, object: { id: 'https://x.vn/c', definition: { type: COURSE } } }),
    });
    expect([unmapped.status, untrusted.status]).toEqual([200, 200]);
    const rows = await api.runtime.orm.em.fork().execute<{ learning: string }[]>(`select id, learning from xapi_statement where id in (?, ?) order by learning`, [unmapped.body[0], untrusted.body[0]]);
    expect(rows.map((row) => row.learning)).toEqual(['UNMAPPED', 'UNTRUSTED_CLIENT']);
    expect((await xapi(`/statements?statementId=${unmapped.body[0]}`)).status).toBe(200);
  });

  it('refuses bad credentials with 401, a missing version with 400, and a statement that breaks the spec with 400', async () => {
    expect((await xapi('/statements', { key: 'llk_not-a-real-key-at-all' })).status).toBe(401);
    expect((await xapi('/statements', { version: null })).status).toBe(400);
    const bad = await xapi('/statements', { method: 'POST', body: statement({ actor: { mbox: 'learner@example.vn' } }) });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('mbox');
    expect((await xapi('/statements', { method: 'POST', body: statement({ verb: { id: 'not an iri' } }) })).status).toBe(400);
  });

  it('spends the API client’s request budget, as its GraphQL calls do', async () => {
    const key = await createClient('Ứng dụng có hạn mức', { rateLimitPerMinute: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await xapi('/statements?limit=1', { key })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('keeps documents with ETags: POST merges JSON, PUT over an existing one needs If-Match', async () => {
    const query = `?activityId=${encodeURIComponent('https://x.vn/a')}&agent=${encodeURIComponent(JSON.stringify({ mbox: 'mailto:a@x.vn' }))}&stateId=s1`;
    expect((await xapi(`/activities/state${query}`, { method: 'POST', body: { a: 1 } })).status).toBe(204);
    expect((await xapi(`/activities/state${query}`, { method: 'POST', body: { b: 2 } })).status).toBe(204);
    const got = await xapi(`/activities/state${query}`);
    expect(got.body).toEqual({ a: 1, b: 2 });
    expect((await xapi(`/activities/state${query}`, { method: 'PUT', body: { c: 3 } })).status).toBe(409);
  });

  it('answers 200 to concurrent batches naming the same activities in different orders', async () => {
    const activities = Array.from({ length: 12 }, (_, index) => `https://mooc.example.vn/activities/shared-${randomUUID()}-${index}`);
    const batches = Array.from({ length: 8 }, (_, batch) => {
      // Each batch names every activity, starting at its own place and half of them backwards.
      const order = [...activities.slice(batch), ...activities.slice(0, batch)];
      return (batch % 2 ? order.reverse() : order).map((id) => statement({ object: { id, definition: { name: { vi: `Bài ${batch}` } } } }));
    });
    const statuses = await Promise.all(batches.map(async (body) => (await xapi('/statements', { method: 'POST', body })).status));
    expect(statuses).toEqual(Array(8).fill(200));
  });
});
