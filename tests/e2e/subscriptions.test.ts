import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { Role } from '../../src/core/roles';
import { todayInVietnam } from '../../src/core/time';
import { systemContext } from '../../src/app/system-context';
import type { Actor } from '../../src/core/actor';
import type { Institution } from '../../src/catalogue/institutions/institution.entity';
import { fromGlobalId } from '../../src/graphql/global-id';
import { startWorkers, type WorkerHost } from '../../workers/host';
import { createInstitution, createProgramme, daysFromNow, gid, scheduleSession, seedUnits, type UnitsFixture } from '../helpers/catalogue-fixtures';
import { databaseUrl } from '../helpers/database';
import { createCitizen } from '../helpers/learning-fixtures';
import { COMPLETE_UPLOAD, makePdf, putUpload } from '../helpers/media-fixtures';
import { waitFor } from '../helpers/processes';
import { startTestApi, type TestApi } from '../helpers/test-api';
import { insertCitizen, insertLog, insertUnit } from '../helpers/titles-fixtures';

const ROOT = path.resolve(__dirname, '..', '..');

let api: TestApi;
let units: UnitsFixture;
let institution: Institution;
let staff: string;
let workers: WorkerHost | null = null;
const clients: Client[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  api = await startTestApi({ MEDIA_RELAY_INTERVAL_MS: '100' });
  const admin = await api.adminContext();
  units = await seedUnits(admin);
  institution = await createInstitution(admin, units.longAn, 'Thư viện tỉnh Long An');
  staff = (await api.account(Role.INSTITUTION_STAFF, { institutionId: institution.id })).token;
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await workers?.close();
  await api.close();
});

/** A graphql-ws client of the API, as a front end opens one: the access token in `connection_init`, English messages. */
function connect(connectionParams: Record<string, string> = {}): Client {
  const client = createClient({ url: `${api.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { 'accept-language': 'en', ...connectionParams }, retryAttempts: 0 });
  clients.push(client);
  return client;
}

const bearer = (token: string | undefined) => ({ authorization: `Bearer ${token}` });

interface Watch {
  /** Every `next` payload, in the order it arrived. */
  received: FormattedExecutionResult<Record<string, any>, unknown>[];
  /** Settles when the server completes the subscription or refuses it (with the errors it sent). */
  ended: Promise<{ errors?: unknown }>;
  stop(): void;
}

function subscribe(client: Client, query: string, variables: Record<string, unknown>): Watch {
  const received: Watch['received'] = [];
  let stop = (): void => undefined;
  const ended = new Promise<{ errors?: unknown }>((resolve) => {
    stop = client.subscribe<Record<string, any>>({ query, variables }, { next: (result) => received.push(result), error: (errors) => resolve({ errors }), complete: () => resolve({}) });
  });
  return { received, ended, stop };
}

/** Waits until `count` payloads arrived; fails with what did arrive otherwise. */
async function receive(watch: Watch, count: number, timeoutMs = 10_000): Promise<Watch['received']> {
  await waitFor(() => watch.received.length >= count, timeoutMs);
  expect(watch.received.length).toBeGreaterThanOrEqual(count);
  return watch.received;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const ASSET = `subscription($id: ID!) { mediaAssetProcessing(id: $id) { id status steps { name status } } }`;
const SEATS = `subscription($id: ID!) { sessionSeats(id: $id) { seatsLeft waitlistLength isFull enrolledCount } }`;
const ENROLL = `mutation($input: EnrollInput!) { enroll(input: $input) { enrollment { status } errors { code } } }`;
const RANK: Record<string, number> = { PENDING: 0, PROCESSING: 1, READY: 2 };

async function uploadPdf(text: string): Promise<string> {
  const uploadId = await putUpload(api, staff, gid('Institution', institution.id), makePdf(text), { filename: 'tai-lieu.pdf', contentType: 'application/pdf' });
  const completed = await api.gql(COMPLETE_UPLOAD, { input: { uploadId } }, { token: staff });
  expect(completed.data?.completeUpload.errors).toEqual([]);
  return completed.data?.completeUpload.asset.id;
}

async function sessionWithCapacity(title: string, capacity: number): Promise<string> {
  const admin = await api.adminContext();
  const session = await scheduleSession(admin, await createProgramme(admin, institution, title), daysFromNow(4));
  await api.runtime.orm.em.fork().execute('update programme_session set capacity = ? where id = ?', [capacity, session.id]);
  return gid('ProgrammeSession', session.id);
}

it("sends an uploaded asset's processing step by step, in order, and ends when it is READY", async () => {
  const assetId = await uploadPdf('Ky thuat trong lua nuoc');
  const watch = subscribe(connect(bearer(staff)), ASSET, { id: assetId });
  // No worker runs yet: the asset as it is now comes first.
  const [first] = await receive(watch, 1);
  expect(first).toEqual({ data: { mediaAssetProcessing: { id: assetId, status: 'PENDING', steps: [{ name: 'DOCUMENT_PREVIEW', status: 'PENDING' }, { name: 'DOCUMENT_TEXT', status: 'PENDING' }] } } });

  workers = await startWorkers(api.runtime);
  expect(await Promise.race([watch.ended, sleep(30_000).then(() => 'timed out')])).toEqual({});
  const states = watch.received.map((result) => result.data?.mediaAssetProcessing);
  expect(watch.received.every((result) => result.errors === undefined)).toBe(true);
  // One event as each step is claimed and one as it is done: after the first, four.
  expect(states).toHaveLength(5);
  expect(states[states.length - 1]).toEqual({ id: assetId, status: 'READY', steps: [{ name: 'DOCUMENT_PREVIEW', status: 'READY' }, { name: 'DOCUMENT_TEXT', status: 'READY' }] });
  expect(states.slice(1, -1).every((state) => state.status === 'PROCESSING')).toBe(true);
  // In order: no step is ever seen going back.
  for (const step of ['DOCUMENT_PREVIEW', 'DOCUMENT_TEXT']) {
    const ranks = states.map((state) => RANK[state.steps.find((s: { name: string }) => s.name === step).status] as number);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  }
}, 60_000);

it("refuses a citizen, and staff of another institution, another institution's asset, as the query hides it", async () => {
  await workers?.close();
  workers = null;
  const assetId = await uploadPdf('Tai lieu noi bo');
  const citizen = await createCitizen(api, units.longAn);
  const otherInstitution = await createInstitution(await api.adminContext(), units.longAn, 'Bảo tàng Long An');
  const otherStaff = (await api.account(Role.INSTITUTION_STAFF, { institutionId: otherInstitution.id })).token;
  for (const token of [citizen.token, otherStaff]) {
    expect((await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: assetId }, { token })).data).toEqual({ node: null });
    const watch = subscribe(connect(bearer(token)), ASSET, { id: assetId });
    expect(await watch.ended).toEqual({});
    expect(watch.received).toEqual([{ errors: [expect.objectContaining({ message: 'The media asset was not found', extensions: { code: 'NOT_FOUND' }, path: ['mediaAssetProcessing'] })] }]);
  }
  // Its own staff may watch it.
  const own = subscribe(connect(bearer(staff)), ASSET, { id: assetId });
  expect((await receive(own, 1))[0]?.data?.mediaAssetProcessing.status).toBe('PENDING');
  own.stop();
});

it("sends a session's seats after each enrolment, to anyone, and nothing for an enrolment that rolled back", async () => {
  const session = await sessionWithCapacity('Lớp sơ cứu', 1);
  const watch = subscribe(connect(), SEATS, { id: session });
  expect(await receive(watch, 1)).toEqual([{ data: { sessionSeats: { seatsLeft: 1, waitlistLength: 0, isFull: false, enrolledCount: 0 } } }]);

  // The enrolment service publishes within its transaction, which then rolls back.
  const doomed = await createCitizen(api, units.longAn);
  const em = api.runtime.orm.em.fork();
  const actor = (await api.runtime.services.auth.loadActor(em, doomed.citizen.account?.id as string)) as Actor;
  const rolledBack = em.transactional(async (tx) => {
    const enrollment = await api.runtime.services.learning.enrollments.enroll(systemContext(tx, api.runtime.services, api.runtime.log, actor), fromGlobalId(session).id);
    expect(enrollment.status).toBe('ENROLLED');
    throw new Error('rolled back on purpose');
  });
  await expect(rolledBack).rejects.toThrow('rolled back on purpose');
  await sleep(300);
  expect(watch.received).toHaveLength(1);

  const first = await createCitizen(api, units.longAn);
  const second = await createCitizen(api, units.longAn);
  expect((await api.gql(ENROLL, { input: { sessionId: session } }, { token: first.token })).data?.enroll.enrollment.status).toBe('ENROLLED');
  await receive(watch, 2);
  expect((await api.gql(ENROLL, { input: { sessionId: session } }, { token: second.token })).data?.enroll.enrollment.status).toBe('WAITLISTED');
  const seats = (await receive(watch, 3)).map((result) => result.data?.sessionSeats);
  expect(seats).toEqual([
    { seatsLeft: 1, waitlistLength: 0, isFull: false, enrolledCount: 0 },
    { seatsLeft: 0, waitlistLength: 0, isFull: true, enrolledCount: 1 },
    { seatsLeft: 0, waitlistLength: 1, isFull: true, enrolledCount: 1 },
  ]);
  watch.stop();
});

it('refuses a subscription nested deeper than the depth limit, as a query would be', async () => {
  const session = await sessionWithCapacity('Lớp bơi', 10);
  const deep = `subscription($id: ID!) { sessionSeats(id: $id) { programme { institution { programmes(first: 1) { edges { node { institution { programmes(first: 1) { edges { node {
    institution { programmes(first: 1) { totalCount } } } } } } } } } } } } }`;
  const watch = subscribe(connect(), deep, { id: session });
  const ended = await watch.ended;
  expect(ended.errors).toEqual([expect.objectContaining({ message: 'The query is nested 13 levels deep; the limit is 12', extensions: { code: 'BAD_USER_INPUT', depth: 13, maxDepth: 12 } })]);
  expect(watch.received).toEqual([]);
  // The same document as a query over HTTP meets the same limit.
  const asQuery = await api.gql(deep.replace('subscription', 'query').replace('sessionSeats(id: $id)', 'node(id: $id) { ... on ProgrammeSession') + ' }', { id: session }, { headers: { 'accept-language': 'en' } });
  expect(asQuery.errors?.[0]?.message).toBe('The query is nested 13 levels deep; the limit is 12');
});

it('refuses a subscription over the cost budget, as a query would be', async () => {
  const session = await sessionWithCapacity('Lớp cờ vua', 10);
  const costly = `subscription($id: ID!) { sessionSeats(id: $id) { programme { institution { programmes(first: 100) { edges { node { sessions(first: 100) { edges { node { seatsLeft } } } } } } } } } }`;
  const watch = subscribe(connect(), costly, { id: session });
  const ended = await watch.ended;
  expect(ended.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', maxCost: 5000 }) })]);
  expect(watch.received).toEqual([]);
  const cost = (ended.errors as { extensions: { cost: number } }[])[0]?.extensions.cost;
  expect(cost).toBeGreaterThan(5000);
  // The same selection as a query over HTTP is over the same budget.
  const asQuery = await api.gql(costly.replace('subscription', 'query').replace('sessionSeats(id: $id)', 'node(id: $id) { ... on ProgrammeSession') + ' }', { id: session }, { headers: { 'accept-language': 'en' } });
  expect(asQuery.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', maxCost: 5000 });
});

it('closes a connection whose access token does not hold, and carries no queries', async () => {
  const refused = connect(bearer('not-a-token'));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => refused.on('closed', (event) => resolve(event as { code: number; reason: string })));
  subscribe(refused, SEATS, { id: gid('ProgrammeSession', '00000000-0000-0000-0000-000000000000') });
  expect(await closed).toMatchObject({ code: 4403, reason: 'The access token is not valid or has expired; refresh the session or sign in again' });

  const query = subscribe(connect(), `{ institutions { totalCount } }`, {});
  expect((await query.ended).errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' }, message: 'This socket carries subscriptions; send a query over HTTP (POST /graphql)' })]);
});

it('takes an API key in connection_init, spends its rate limit per subscription, and closes a connection with a key that does not hold', async () => {
  const admin = (await api.account(Role.PROVINCE_ADMIN)).token;
  const created = await api.gql(
    `mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { key errors { code } } }`,
    { input: { name: 'Cổng học tập', contactEmail: 'cntt@longan.gov.vn', rateLimitPerMinute: 2 } },
    { token: admin },
  );
  const key = created.data?.createApiClient.key as string;
  const session = await sessionWithCapacity('Lớp cờ tướng', 5);
  const client = connect({ 'x-api-key': key });
  const watches = [subscribe(client, SEATS, { id: session }), subscribe(client, SEATS, { id: session })];
  for (const watch of watches) expect((await receive(watch, 1))[0]?.data?.sessionSeats.seatsLeft).toBe(5);
  const third = await subscribe(client, SEATS, { id: session }).ended;
  expect(third.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'RATE_LIMITED' }) })]);
  // The budget is the client's, whatever carries its requests: HTTP is refused too.
  const overHttp = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify({ query: '{ __typename }' }) });
  expect(overHttp.status).toBe(429);
  for (const watch of watches) watch.stop();

  const refused = connect({ 'x-api-key': 'llk_not-a-key' });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => refused.on('closed', (event) => resolve(event as { code: number; reason: string })));
  subscribe(refused, SEATS, { id: session });
  expect(await closed).toMatchObject({ code: 4403, reason: 'The API key is not valid or was revoked' });
});

it("sends a titles run's progress published by a worker process, until it SUCCEEDED", async () => {
  const year = Number(todayInVietnam().slice(0, 4)) - 1;
  const em = api.runtime.orm.em.fork();
  const province = await insertUnit(em, 'PROVINCE', null);
  const commune = await insertUnit(em, 'COMMUNE', province);
  for (let i = 0; i < 3; i += 1) {
    const citizen = await insertCitizen(em, await insertUnit(em, 'HAMLET', commune), 1970 + i);
    await insertLog(em, citizen, { day: `${year}-03-15`, hours: 4, source: 'RESOURCE_STUDY' });
  }
  const admin = (await api.account(Role.PROVINCE_ADMIN)).token;
  const requested = await api.gql(
    `mutation($input: RecalculateTitlesInput!) { recalculateTitles(input: $input) { run { id status } errors { code } } }`,
    { input: { unitId: gid('AdministrativeUnit', commune.id), year } },
    { token: admin },
  );
  const runId = requested.data?.recalculateTitles.run.id as string;
  expect(requested.data?.recalculateTitles.run.status).toBe('QUEUED');

  // Another institution's staff cannot watch it, as `titleRun` answers them null.
  const stranger = subscribe(connect(bearer(staff)), `subscription($id: ID!) { titleRunProgress(id: $id) { status } }`, { id: runId });
  await stranger.ended;
  expect(stranger.received[0]?.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND' });

  const watch = subscribe(connect(bearer(admin)), `subscription($id: ID!) { titleRunProgress(id: $id) { status phase subjectsDone subjectsTotal } }`, { id: runId });
  expect((await receive(watch, 1))[0]?.data?.titleRunProgress).toMatchObject({ status: 'QUEUED' });

  // This process runs no worker: what follows is published by the worker process, through Redis.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lifelong-subscriptions-'));
  children.push(
    spawn(process.execPath, [path.join(ROOT, 'dist/workers/main.js')], {
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl(api.databaseName), QUEUE_PREFIX: api.config.queuePrefix, DATA_DIR: dataDir, EMBEDDED_S3_PORT: '0', TITLES_BATCH_SIZE: '1', TITLES_CONCURRENCY: '1', TITLES_BATCH_PAUSE_MS: '300' },
      stdio: 'ignore',
    }),
  );
  try {
    expect(await Promise.race([watch.ended, sleep(60_000).then(() => 'timed out')])).toEqual({});
  } finally {
    children[children.length - 1]?.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
  const runs = watch.received.map((result) => result.data?.titleRunProgress);
  expect(runs[runs.length - 1]).toMatchObject({ status: 'SUCCEEDED' });
  // The citizens' phase, batch by batch of one. An event says "the run changed" and the subscriber reads the run as it
  // is then, so a batch finishing while the previous event is read is seen once: the count climbs, but not always by one.
  const citizens = runs.filter((run) => run.status === 'RUNNING' && run.phase === 'CITIZENS').map((run) => run.subjectsDone);
  expect(citizens[0]).toBe(0);
  expect(citizens[citizens.length - 1]).toBe(3);
  expect(citizens.some((done) => done > 0 && done < 3)).toBe(true);
  expect(citizens).toEqual([...citizens].sort((a, b) => a - b));
}, 90_000);
