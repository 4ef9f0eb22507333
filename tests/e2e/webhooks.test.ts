import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServices } from '../../src/app/services';
import { Role } from '../../src/core/roles';
import { assetChannel } from '../../src/media/processing.service';
import { reportFileChannel } from '../../src/reports/files/report-file.service';
import { runChannel } from '../../src/titles/engine/run-channel';
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
let clientKey: string;

const CREATE = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret webhookEndpoint { id url eventKinds active apiClient { id } } errors { field code message } }
}`;
const ENDPOINT = `query($id: ID!) { node(id: $id) { ... on WebhookEndpoint { id deliveries { totalCount edges { node {
  id eventId kind payload status attempts lastResponseCode lastError deliveredAt } } } } } }`;
const REPLAY = `mutation($id: ID!) { replayWebhookDelivery(input: { deliveryId: $id }) { delivery { id status eventId } errors { code } } }`;
const ENROLL = `mutation($input: EnrollInput!) { enroll(input: $input) { enrollment { id } errors { code } } }`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function steer(mutation: 'pauseJobQueue' | 'resumeJobQueue'): Promise<void> {
  const result = await api.gql(`mutation($input: JobQueueInput!) { ${mutation}(input: $input) { errors { code } } }`, { input: { queue: 'MEDIA_DOCUMENT' } }, { token: owner.token });
  expect(result.data?.[mutation].errors).toEqual([]);
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await sleep(100);
  }
}

async function createClientWithKey(name: string): Promise<{ id: string; key: string }> {
  const created = await api.gql(`mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { apiClient { id } key errors { code } } }`, { input: { name, contactEmail: 'cntt@longan.gov.vn' } }, { token: owner.token });
  return { id: created.data?.createApiClient.apiClient.id, key: created.data?.createApiClient.key };
}

async function createEndpoint(path: string, eventKinds: string[], apiClientId = clientId): Promise<{ id: string; secret: string }> {
  const created = await api.gql(CREATE, { input: { apiClientId, url: `${receiver.url}${path}`, eventKinds } }, { token: owner.token });
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
  ({ id: clientId, key: clientKey } = await createClientWithKey('Cổng học tập Phường Long An'));
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

  it('records nothing, with no query, for an event no endpoint takes or no key reads, and hears another process change an endpoint', async () => {
    const endpoint = await createEndpoint('/cost', ['SESSION_SEATS']);
    // Another process: services of its own, with an EventBus listening on a connection of its own, over the same database.
    const other = createServices(api.runtime.config, null, api.runtime.queues, api.runtime.redis, api.runtime.log);
    const em = api.runtime.orm.em.fork();
    const statements = jest.spyOn(em, 'execute');
    const publish = async (channel: string, times: number) => {
      statements.mockClear();
      for (let n = 0; n < times; n += 1) await other.events.publishAfterCommit(em, channel);
      return statements.mock.calls.length;
    };
    const asset = () => assetChannel(randomUUID());
    try {
      // No endpoint takes MEDIA_ASSET_PROCESSING yet; until the process hears of endpoint changes, it asks the database.
      expect(await publish(asset(), 1)).toBe(1);
      await until(() => publish(asset(), 1), (count) => count === 0, 'the other process to hear endpoint changes');
      expect(await publish(asset(), 50)).toBe(0);
      expect(await publish(runChannel(randomUUID()), 50)).toBe(0);
      expect(await publish(reportFileChannel(randomUUID()), 50)).toBe(0);

      // Taken now, through the API process: the other one reads the kinds again, then checks each asset (none public).
      const input = { id: endpoint.id, eventKinds: ['SESSION_SEATS', 'MEDIA_ASSET_PROCESSING'] };
      const changed = await api.gql(`mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { errors { code } } }`, { input }, { token: owner.token });
      expect(changed.data?.updateWebhookEndpoint.errors).toEqual([]);
      await until(() => publish(asset(), 1), (count) => count > 0, 'the other process to hear that MEDIA_ASSET_PROCESSING is taken');
      expect(await publish(asset(), 10)).toBe(10);
      // Titles runs stay free whatever endpoints take: no key reads them.
      expect(await publish(runChannel(randomUUID()), 50)).toBe(0);
      expect(await deliveries(endpoint.id)).toEqual([]);
    } finally {
      await other.events.close();
    }
  });

  it('tells each of two clients only of what its key reads: a published resource’s asset and a published session, not a draft’s', async () => {
    const otherClient = await createClientWithKey('Ứng dụng Thư viện số');
    const first = await createEndpoint('/scoped-first', ['SESSION_SEATS', 'MEDIA_ASSET_PROCESSING']);
    const second = await createEndpoint('/scoped-second', ['SESSION_SEATS', 'MEDIA_ASSET_PROCESSING'], otherClient.id);
    const institution = await createInstitution({ ...arrange, em: arrange.em.fork() }, units.longAn, 'Thư viện số Long An');
    const staff = (await api.account(Role.INSTITUTION_STAFF, { institutionId: institution.id })).token;

    // A session of a draft programme: its seats change, and only its institution sees it.
    const draft = await createProgramme({ ...arrange, em: arrange.em.fork() }, institution, 'Lớp còn nháp', { publish: false });
    const hidden = await scheduleSession({ ...arrange, em: arrange.em.fork() }, draft, daysFromNow(6));
    await arrange.em.fork().transactional((tx) => arrange.services.sessions.update({ ...arrange, em: tx }, hidden.id, { capacity: 12 }));
    const shown = await newSession('Lớp đã công bố');
    await enrollSomeone(shown);

    // Two assets processed by the worker: one of no resource (its staff alone see it), one of a resource published while it
    // is processed, which everyone sees once it is READY.
    await steer('pauseJobQueue');
    const upload = async (text: string) => {
      const uploadId = await putUpload(api, staff, gid('Institution', institution.id), makePdf(text), { filename: 'tai-lieu.pdf', contentType: 'application/pdf' });
      return (await api.gql(COMPLETE_UPLOAD, { input: { uploadId } }, { token: staff })).data?.completeUpload.asset.id as string;
    };
    const internal = await upload('Tai lieu noi bo');
    const open = await upload('Tai lieu cong khai');
    const created = await api.gql(
      `mutation($input: CreateLearningResourceInput!) { createLearningResource(input: $input) { resource { id } errors { code } } }`,
      { input: { institutionId: gid('Institution', institution.id), title: 'Tài liệu công khai', kind: 'DOCUMENT', topics: ['AGRICULTURE'], licence: 'CC_BY', assetId: open } },
      { token: staff },
    );
    const published = await api.gql(`mutation($input: LearningResourceInput!) { publishLearningResource(input: $input) { resource { status } errors { code } } }`, { input: { id: created.data?.createLearningResource.resource.id } }, { token: staff });
    expect(published.data?.publishLearningResource).toEqual({ resource: { status: 'PROCESSING' }, errors: [] });
    await steer('resumeJobQueue');
    const readStatus = (id: string) => api.gql(`query($id: ID!) { node(id: $id) { ... on MediaAsset { status } } }`, { id }, { token: staff });
    for (const id of [internal, open]) await until(() => readStatus(id), (read) => read.data?.node.status === 'READY', 'the assets', 90_000);

    // Each client: the published session's enrolment and the public asset's last event (READY), nothing of the others.
    const expected = [`SESSION_SEATS ${shown}`, `MEDIA_ASSET_PROCESSING ${open}`].sort();
    for (const endpoint of [first, second]) {
      const list = await until(() => deliveries(endpoint.id), (all) => all.length >= 2 && all.every((d) => d.status === 'DELIVERED'), 'the deliveries');
      expect(list.map((delivery) => { const body = JSON.parse(delivery.payload); return `${body.kind} ${body.data.id}`; }).sort()).toEqual(expected);
    }
    await sleep(500);
    const told = (path: string) => receiver.at(path).map((request) => JSON.parse(request.body).data.id as string);
    expect(told('/scoped-first').sort()).toEqual([shown, open].sort());
    expect(told('/scoped-second').sort()).toEqual([shown, open].sort());
    // What each was told of is what its key reads; what it was not told of, its key does not read.
    for (const key of [clientKey, otherClient.key]) {
      const read = await api.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [shown, open, gid('ProgrammeSession', hidden.id), internal] }, { headers: { 'x-api-key': key } });
      expect(read.data?.nodes).toEqual([{ id: shown }, { id: open }, null, null]);
    }
  }, 120_000);

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
