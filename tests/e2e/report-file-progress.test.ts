import type { FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startWorkers, type WorkerHost } from '../../workers/host';
import { gid } from '../helpers/catalogue-fixtures';
import { openAnnualPeriod, reportingCommunes } from '../helpers/reporting-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let workers: WorkerHost | null = null;
let longAnToken: string;
let tanAnToken: string;
let departmentToken: string;
let reportId: string;
const clients: Client[] = [];

const PROGRESS = 'subscription($id: ID!) { reportFileProgress(id: $id) { id format status sizeBytes downloadUrl } }';
const REQUEST = 'mutation($input: RequestReportFileInput!) { requestReportFile(input: $input) { file { id status } errors { code } } }';

beforeAll(async () => {
  api = await startTestApi({ MEDIA_RELAY_INTERVAL_MS: '100' });
  const { adminToken, departmentToken: department, longAn, longAnOfficer, tanAnOfficer } = await reportingCommunes(api);
  longAnToken = longAnOfficer.token;
  tanAnToken = tanAnOfficer.token;
  departmentToken = department;
  const periodId = await openAnnualPeriod(api, adminToken, 2026);
  const prepared = await api.gql('mutation($input: PrepareReportInput!) { prepareReport(input: $input) { report { id } errors { code } } }', { input: { periodId, bodyId: gid('Body', longAn.id) } }, { token: longAnToken });
  expect(prepared.data?.prepareReport.errors).toEqual([]);
  reportId = prepared.data?.prepareReport.report.id;
  const submitted = await api.gql('mutation($input: ReportInput!) { submitReport(input: $input) { errors { code } } }', { input: { reportId } }, { token: longAnToken });
  expect(submitted.data?.submitReport.errors).toEqual([]);
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await workers?.close();
  await api?.close();
});

function connect(token: string): Client {
  const client = createClient({ url: `${api.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}`, 'accept-language': 'en' }, retryAttempts: 0 });
  clients.push(client);
  return client;
}

function subscribe(client: Client, id: string) {
  const received: FormattedExecutionResult<Record<string, any>, unknown>[] = [];
  const ended = new Promise<{ errors?: unknown }>((resolve) => {
    client.subscribe<Record<string, any>>({ query: PROGRESS, variables: { id } }, { next: (result) => received.push(result), error: (errors) => resolve({ errors }), complete: () => resolve({}) });
  });
  return { received, ended };
}

async function requestFile(format: string): Promise<string> {
  const requested = await api.gql(REQUEST, { input: { reportId, format } }, { token: longAnToken });
  expect(requested.data?.requestReportFile).toMatchObject({ errors: [], file: { status: 'QUEUED' } });
  return requested.data?.requestReportFile.file.id;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('sends a report file as it is queued, rendered by the worker and ready, then completes', async () => {
  const fileId = await requestFile('XLSX');
  const watch = subscribe(connect(longAnToken), fileId);
  await sleep(500);
  // No worker runs yet: the file as it is now comes first, alone.
  expect(watch.received).toEqual([{ data: { reportFileProgress: { id: fileId, format: 'XLSX', status: 'QUEUED', sizeBytes: null, downloadUrl: null } } }]);

  workers = await startWorkers(api.runtime);
  expect(await Promise.race([watch.ended, sleep(60_000).then(() => 'timed out')])).toEqual({});
  const states = watch.received.map((result) => result.data?.reportFileProgress);
  expect(watch.received.every((result) => result.errors === undefined)).toBe(true);
  // Each event is read again when it arrives: a quick rendering may be READY by the time RUNNING's event is read.
  const statuses = states.map((state) => state.status);
  expect([['QUEUED', 'RUNNING', 'READY'], ['QUEUED', 'READY']]).toContainEqual(statuses);
  const ready = states[states.length - 1];
  expect(ready).toEqual({ id: fileId, format: 'XLSX', status: 'READY', sizeBytes: expect.any(Number), downloadUrl: expect.stringMatching(/^http/) });
  // The file is a node too, for whoever reads the report.
  const read = await api.gql('query($id: ID!) { node(id: $id) { ... on ReportFile { status sizeBytes } } }', { id: fileId }, { token: longAnToken });
  expect(read.data?.node).toEqual({ status: 'READY', sizeBytes: ready.sizeBytes });
}, 90_000);

it('refuses an officer of another commune with NOT_FOUND, as the report is hidden from them, and a ready file is sent once', async () => {
  const fileId = await requestFile('DOCX');
  expect((await api.gql('query($id: ID!) { node(id: $id) { id } }', { id: fileId }, { token: tanAnToken })).data).toEqual({ node: null });
  expect((await api.gql('query($id: ID!) { node(id: $id) { id } }', { id: reportId }, { token: tanAnToken })).data).toEqual({ node: null });
  const stranger = subscribe(connect(tanAnToken), fileId);
  expect(await stranger.ended).toEqual({});
  expect(stranger.received).toEqual([{ errors: [expect.objectContaining({ message: 'The report file was not found', extensions: { code: 'NOT_FOUND' }, path: ['reportFileProgress'] })] }]);

  // The Department reads every submitted report, so it may follow the file.
  const department = subscribe(connect(departmentToken), fileId);
  expect(await Promise.race([department.ended, sleep(60_000).then(() => 'timed out')])).toEqual({});
  expect(department.received.at(-1)?.data?.reportFileProgress.status).toBe('READY');
  const settled = subscribe(connect(longAnToken), fileId);
  expect(await settled.ended).toEqual({});
  expect(settled.received.map((result) => result.data?.reportFileProgress.status)).toEqual(['READY']);
}, 90_000);
