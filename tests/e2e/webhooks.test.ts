import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role } from '../../src/core/roles';
import type { RequestContext } from '../../src/core/context';
import { startWorkers, type WorkerHost } from '../../workers/host';
import { createInstitution, createProgramme, daysFromNow, gid, scheduleSession, seedUnits, type UnitsFixture } from '../helpers/catalogue-fixtures';
import { createCitizen } from '../helpers/learning-fixtures';
import { COMPLETE_UPLOAD, makePdf, putUpload } from '../helpers/media-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** The receiver an integrator runs: records what arrives, and answers each path with the statuses queued for it, then 200. */
class Receiver {
  readonly received: Received[] = [];
  private readonly answers = new Map<string, number[]>();
  private readonly server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      this.received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.statusCode = this.answers.get(path)?.shift() ?? 200;
      response.end('ok');
    });
  });
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  answer(path: string, ...statuses: number[]): void {
    this.answers.set(path, statuses);
  }

  at(path: string): Received[] {
    return this.received.filter((request) => request.path === path);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let api: TestApi;
let workers: WorkerHost;
let receiver: Receiver;
let units: UnitsFixture;
let arrange: RequestContext;
let owner: { id: string; token: string };
let otherAdmin: { id: string; token: string };
let clientId: string;

const CREATE = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret webhookEndpoint { id url eventKinds active apiClient { id } } errors { field code message } }
}`;
const ENDPOINT = `query($id: ID!) { node(id: $id) { ... on WebhookEndpoint { id deliveries { totalCount edges { node {
  id eventId kind payload status attempts lastResponseCode lastError deliveredAt } } } } } }`;
const REPLAY = `mutation($id: ID!) { replayWebhookDelivery(input: { deliveryId: $id }) { delivery { id status eventId } errors { code } } }`;
const ENROLL = `mutation($input: EnrollInput!) { enroll(input: $input) { enrollment { id } errors { code } } }`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await sleep(100);
  }
}

async function createClient(token: string, name: string): Promise<string> {
  const created = await api.gql(`mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { apiClient { id } errors { code } } }`, { input: { name, contactEmail: 'cntt@longan.gov.vn' } }, { token });
  return created.data?.createApiClient.apiClient.id;
}

async function createEndpoint(path: string, eventKinds: string[]): Promise<{ id: string; secret: string }> {
  const created = await api.gql(CREATE, { input: { apiClientId: clientId, url: `${receiver.url}${path}`, eventKinds } }, { token: owner.token });
  expect(created.data?.createWebhookEndpoint.errors).toEqual([]);
  return { id: created.data?.createWebhookEndpoint.webhookEndpoint.id, secret: created.data?.createWebhookEndpoint.secret };
}

type Delivery = { id: string; eventId: string; kind: string; payload: string; status: string; attempts: number; lastResponseCode: number | null; lastError: string | null };

async function deliveries(endpointId: string, token = owner.token): Promise<Delivery[]> {
  const result = await api.gql(ENDPOINT, { id: endpointId }, { token });
  return (result.data?.node?.deliveries.edges ?? []).map((edge: { node: Delivery }) => edge.node);
}

/** A session whose seats change when someone enrolls: one SESSION_SEATS event each time. */
async function newSession(title: string): Promise<string> {
  const institution = await createInstitution({ ...arrange, em: arrange.em.fork() }, units.longAn, `Trung tâm ${title}`);
  const programme = await createProgramme({ ...arrange, em: arrange.em.fork() }, institution, title);
  return gid('ProgrammeSession', (await scheduleSession({ ...arrange, em: arrange.em.fork() }, programme, daysFromNow(5))).id);
}

async function enrollSomeone(session: string): Promise<void> {
  const person = await createCitizen(api, units.longAn);
  expect((await api.gql(ENROLL, { input: { sessionId: session } }, { token: person.token })).data?.enroll.errors).toEqual([]);
}

/** What the README tells an integrator to do, written with node:crypto alone. */
function verify(secret: string, request: Received): boolean {
  const id = String(request.headers['webhook-id']);
  const timestamp = String(request.headers['webhook-timestamp']);
  const expected = createHmac('sha256', secret).update(`${id}.${timestamp}.${request.body}`).digest('hex');
  return String(request.headers['webhook-signature']).split(' ').includes(`v1=${expected}`) && Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
}

beforeAll(async () => {
  receiver = new Receiver();
  await receiver.start();
  api = await startTestApi({ MEDIA_RELAY_INTERVAL_MS: '100', WEBHOOKS_RETRY_BACKOFF_MS: '200', WEBHOOKS_MAX_ATTEMPTS: '3', WEBHOOKS_TIMEOUT_MS: '2000' });
  arrange = await api.adminContext();
  units = await seedUnits(arrange);
  owner = await api.account(Role.PROVINCE_ADMIN);
  otherAdmin = await api.account(Role.PROVINCE_ADMIN);
  clientId = await createClient(owner.token, 'Cổng học tập Phường Long An');
  workers = await startWorkers(api.runtime);
});

afterAll(async () => {
  await workers?.close();
  await api?.close();
  await receiver?.close();
});

describe('webhooks of API clients', () => {
  it('delivers a signed event to the endpoints taking its kind, and to no other', async () => {
    const seats = await createEndpoint('/seats', ['SESSION_SEATS']);
    const runs = await createEndpoint('/runs', ['TITLE_RUN_PROGRESS']);
    expect(seats.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const session = await newSession('Lớp tin học');
    await enrollSomeone(session);

    const [delivered] = await until(() => deliveries(seats.id), (list) => list[0]?.status === 'DELIVERED', 'the delivery');
    expect(delivered).toMatchObject({ kind: 'SESSION_SEATS', attempts: 1, lastResponseCode: 200, lastError: null });
    const [request] = receiver.at('/seats');
    expect(receiver.at('/seats')).toHaveLength(1);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['webhook-id']).toBe(delivered?.eventId);
    expect(verify(seats.secret, request as Received)).toBe(true);
    expect(verify(runs.secret, request as Received)).toBe(false);
    expect(verify(seats.secret, { ...(request as Received), body: (request as Received).body.replace('SESSION_SEATS', 'SESSION_SEATX') })).toBe(false);
    expect(JSON.parse(request?.body ?? '')).toEqual({ id: delivered?.eventId, kind: 'SESSION_SEATS', occurredAt: expect.any(String), data: { id: session } });
    expect(request?.body).toBe(delivered?.payload);
    // The events of the other kind's endpoint are recorded in the same transaction as the change: none means none.
    expect(await deliveries(runs.id)).toEqual([]);
    expect(receiver.at('/runs')).toEqual([]);
  });

  it('delivers the processing of a media asset, raised in the worker, step by step', async () => {
    const media = await createEndpoint('/media', ['MEDIA_ASSET_PROCESSING']);
    const institution = await createInstitution({ ...arrange, em: arrange.em.fork() }, units.longAn, 'Thư viện tỉnh Long An');
    const staff = (await api.account(Role.INSTITUTION_STAFF, { institutionId: institution.id })).token;
    const uploadId = await putUpload(api, staff, gid('Institution', institution.id), makePdf('Ky thuat trong lua nuoc'), { filename: 'tai-lieu.pdf', contentType: 'application/pdf' });
    const completed = await api.gql(COMPLETE_UPLOAD, { input: { uploadId } }, { token: staff });
    const assetId: string = completed.data?.completeUpload.asset.id;
    expect(completed.data?.completeUpload.errors).toEqual([]);
    await until(() => api.gql(`query($id: ID!) { node(id: $id) { ... on MediaAsset { status } } }`, { id: assetId }, { token: staff }), (read) => read.data?.node.status === 'READY', 'the asset');
    // Two steps, each claimed and finished: four events, all from the worker.
    const list = await until(() => deliveries(media.id), (all) => all.length >= 4 && all.every((d) => d.status === 'DELIVERED'), 'the deliveries');
    const bodies = receiver.at('/media').map((request) => JSON.parse(request.body));
    expect(bodies).toHaveLength(list.length);
    expect(new Set(bodies.map((body) => `${body.kind} ${body.data.id}`))).toEqual(new Set([`MEDIA_ASSET_PROCESSING ${assetId}`]));
    expect(new Set(bodies.map((body) => body.id)).size).toBe(bodies.length);
  });

  it('retries an attempt answered 500 after a backoff, and ends DELIVERED with 2 attempts', async () => {
    receiver.answer('/flaky', 500);
    const flaky = await createEndpoint('/flaky', ['SESSION_SEATS']);
    await enrollSomeone(await newSession('Lớp sơ cứu'));

    const [delivery] = await until(() => deliveries(flaky.id), (list) => list[0]?.status === 'DELIVERED', 'the retried delivery');
    expect(delivery).toMatchObject({ attempts: 2, lastResponseCode: 200, lastError: null });
    const requests = receiver.at('/flaky');
    expect(requests).toHaveLength(2);
    expect(requests[1]?.headers['webhook-id']).toBe(requests[0]?.headers['webhook-id']);
    expect(requests[1]?.body).toBe(requests[0]?.body);
    expect(requests.every((request) => verify(flaky.secret, request))).toBe(true);
  });

  it('fails a delivery for good once its attempts are spent', async () => {
    receiver.answer('/down', 503, 503, 503);
    const down = await createEndpoint('/down', ['SESSION_SEATS']);
    await enrollSomeone(await newSession('Lớp nấu ăn'));
    const [delivery] = await until(() => deliveries(down.id), (list) => list[0]?.status === 'FAILED', 'the failed delivery');
    expect(delivery).toMatchObject({ attempts: 3, lastResponseCode: 503, lastError: 'the endpoint answered 503' });
    expect(receiver.at('/down')).toHaveLength(3);
  });

  it('replays a delivery with the same id and body, signed with the secret in force', async () => {
    const endpoint = await createEndpoint('/replay', ['SESSION_SEATS']);
    await enrollSomeone(await newSession('Lớp tiếng Anh'));
    const [first] = await until(() => deliveries(endpoint.id), (list) => list[0]?.status === 'DELIVERED', 'the first delivery');

    const rotated = await api.gql(`mutation($id: ID!) { rotateWebhookSecret(input: { id: $id }) { secret errors { code } } }`, { id: endpoint.id }, { token: owner.token });
    const secret: string = rotated.data?.rotateWebhookSecret.secret;
    expect(secret).not.toBe(endpoint.secret);
    const replayed = await api.gql(REPLAY, { id: first?.id }, { token: owner.token });
    expect(replayed.data?.replayWebhookDelivery).toEqual({ delivery: { id: expect.any(String), status: 'PENDING', eventId: first?.eventId }, errors: [] });

    const list = await until(() => deliveries(endpoint.id), (all) => all.length === 2 && all.every((d) => d.status === 'DELIVERED'), 'the replay');
    expect(list.map((d) => d.id)).toEqual([replayed.data?.replayWebhookDelivery.delivery.id, first?.id]);
    const requests = receiver.at('/replay');
    expect(requests).toHaveLength(2);
    expect(requests[1]?.headers['webhook-id']).toBe(first?.eventId);
    expect(requests[1]?.body).toBe(requests[0]?.body);
    expect(verify(secret, requests[1] as Received)).toBe(true);
    expect(verify(endpoint.secret, requests[1] as Received)).toBe(false);
  });

  it('records nothing for a paused endpoint, and forgets a deleted one', async () => {
    const endpoint = await createEndpoint('/paused', ['SESSION_SEATS', 'MEDIA_ASSET_PROCESSING']);
    const paused = await api.gql(`mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { webhookEndpoint { active eventKinds } errors { code } } }`, { input: { id: endpoint.id, active: false } }, { token: owner.token });
    expect(paused.data?.updateWebhookEndpoint).toEqual({ webhookEndpoint: { active: false, eventKinds: ['SESSION_SEATS', 'MEDIA_ASSET_PROCESSING'] }, errors: [] });
    await enrollSomeone(await newSession('Lớp thư pháp'));
    expect(await deliveries(endpoint.id)).toEqual([]);

    const deleted = await api.gql(`mutation($id: ID!) { deleteWebhookEndpoint(input: { id: $id }) { deletedId errors { code } } }`, { id: endpoint.id }, { token: owner.token });
    expect(deleted.data?.deleteWebhookEndpoint).toEqual({ deletedId: endpoint.id, errors: [] });
    expect((await api.gql(ENDPOINT, { id: endpoint.id }, { token: owner.token })).data?.node).toBeNull();
  });

  it('belongs to the account managing the API client: another administrator neither sees, changes nor replays it', async () => {
    const endpoint = await createEndpoint('/private', ['SESSION_SEATS']);
    await enrollSomeone(await newSession('Lớp múa'));
    const [delivery] = await until(() => deliveries(endpoint.id), (list) => list.length === 1, 'a delivery');

    const mine = await api.gql('{ webhookEndpoints(first: 100) { totalCount edges { node { id } } } }', {}, { token: owner.token });
    expect(mine.data?.webhookEndpoints.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(endpoint.id);
    const theirs = await api.gql('{ webhookEndpoints { totalCount edges { node { id } } } }', {}, { token: otherAdmin.token });
    expect(theirs.data?.webhookEndpoints).toEqual({ totalCount: 0, edges: [] });
    expect((await api.gql(ENDPOINT, { id: endpoint.id }, { token: otherAdmin.token })).data?.node).toBeNull();
    expect((await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: delivery?.id }, { token: otherAdmin.token })).data?.node).toBeNull();

    expect((await api.gql(REPLAY, { id: delivery?.id }, { token: otherAdmin.token })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const rotate = await api.gql(`mutation($id: ID!) { rotateWebhookSecret(input: { id: $id }) { secret } }`, { id: endpoint.id }, { token: otherAdmin.token });
    expect(rotate.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const update = await api.gql(`mutation($id: ID!) { updateWebhookEndpoint(input: { id: $id, active: false }) { errors { code } } }`, { id: endpoint.id }, { token: otherAdmin.token });
    expect(update.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const remove = await api.gql(`mutation($id: ID!) { deleteWebhookEndpoint(input: { id: $id }) { deletedId } }`, { id: endpoint.id }, { token: otherAdmin.token });
    expect(remove.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const input = { apiClientId: clientId, url: `${receiver.url}/theirs`, eventKinds: ['SESSION_SEATS'] };
    expect((await api.gql(CREATE, { input }, { token: otherAdmin.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const assessor = await api.account(Role.ASSESSOR);
    expect((await api.gql(CREATE, { input }, { token: assessor.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql('{ webhookEndpoints { totalCount } }', {}, { token: assessor.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql('{ webhookEndpoints { totalCount } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await deliveries(endpoint.id)).toHaveLength(1);
  });

  it('refuses a URL that cannot receive webhooks, and an endpoint without event kinds, with UserErrors', async () => {
    for (const url of ['ftp://files.longan.gov.vn/hook', 'file:///etc/passwd', 'not a url', 'https://user:pass@example.vn/hook']) {
      const refused = await api.gql(CREATE, { input: { apiClientId: clientId, url, eventKinds: ['SESSION_SEATS'] } }, { token: owner.token });
      expect(refused.data?.createWebhookEndpoint).toMatchObject({ secret: null, webhookEndpoint: null, errors: [{ field: ['input', 'url'], code: 'INVALID_WEBHOOK_URL' }] });
    }
    const none = await api.gql(CREATE, { input: { apiClientId: clientId, url: `${receiver.url}/none`, eventKinds: [] } }, { token: owner.token });
    expect(none.data?.createWebhookEndpoint.errors).toEqual([{ field: ['input', 'eventKinds'], code: 'WEBHOOK_EVENT_KINDS_REQUIRED', message: expect.any(String) }]);
  });

  it('refuses loopback and private addresses where they are not allowed, as in production', async () => {
    const strict = await startTestApi({ WEBHOOKS_ALLOW_PRIVATE_ADDRESSES: 'false' });
    try {
      const admin = await strict.account(Role.PROVINCE_ADMIN);
      const created = await strict.gql(`mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { apiClient { id } } }`, { input: { name: 'x', contactEmail: 'x@y.vn' } }, { token: admin.token });
      const apiClientId = created.data?.createApiClient.apiClient.id;
      for (const url of [receiver.url, 'http://localhost:8080/hook', 'http://10.1.2.3/hook', 'http://[::1]/hook', 'http://169.254.169.254/latest/meta-data']) {
        const refused = await strict.gql(CREATE, { input: { apiClientId, url, eventKinds: ['SESSION_SEATS'] } }, { token: admin.token });
        expect(refused.data?.createWebhookEndpoint.errors).toEqual([{ field: ['input', 'url'], code: 'INVALID_WEBHOOK_URL', message: expect.stringContaining('địa chỉ nội bộ') }]);
      }
      const allowed = await strict.gql(CREATE, { input: { apiClientId, url: 'https://hooks.example.vn/lifelong', eventKinds: ['SESSION_SEATS'] } }, { token: admin.token });
      expect(allowed.data?.createWebhookEndpoint.errors).toEqual([]);
    } finally {
      await strict.close();
    }
  });
});
