import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Role } from '../../src/core/roles';
import { createInstitution, gid, seedUnits } from '../helpers/catalogue-fixtures';
import { startAnotherApiProcess, startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
/** A second API process on the same database and Redis, with a cache of its own. */
let second: { url: string; close(): Promise<void> };
let institutionId: string;
let staffToken: string;

const QUERY = 'query Institution($id: ID!) { node(id: $id) { ... on Institution { id name } } }';
const BROKEN = 'query Broken($id: ID!) { node(id: $id) { id } }';

type Answer = {
  cacheControl: string | null;
  age: string | null;
  body: { data?: { node: { name: string } | null }; errors?: { message: string }[]; extensions: { requestId: string; sqlStatements: number } };
};

/** A persisted GET as a front end sends it: the hash alone once registered, with the query text the first time. */
async function persistedGet(url: string, query: string, variables: Record<string, unknown>, options: { register?: boolean; token?: string } = {}): Promise<Answer> {
  const sha256Hash = createHash('sha256').update(query).digest('hex');
  const params = new URLSearchParams({ variables: JSON.stringify(variables), extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash } }) });
  if (options.register) params.set('query', query);
  const response = await fetch(`${url}/graphql?${params}`, {
    headers: { 'apollo-require-preflight': 'true', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
  });
  return { cacheControl: response.headers.get('cache-control'), age: response.headers.get('age'), body: JSON.parse(await response.text()) as Answer['body'] };
}

async function rename(name: string): Promise<void> {
  const result = await api.gql('mutation($input: UpdateInstitutionInput!) { updateInstitution(input: $input) { errors { code } } }', { input: { id: gid('Institution', institutionId), name } }, { token: staffToken });
  expect(result.data?.updateInstitution.errors).toEqual([]);
}

/** Asks until the answer shows `name` (the change travels to another process through Redis), for at most 5 s. */
async function answerShowing(url: string, query: string, variables: Record<string, unknown>, name: string): Promise<Answer> {
  let answer = await persistedGet(url, query, variables);
  for (let attempt = 0; attempt < 50 && !JSON.stringify(answer.body.data).includes(JSON.stringify(name)); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    answer = await persistedGet(url, query, variables);
  }
  return answer;
}

/** Runs a compiled command line to its end, on the API's database and Redis channels. */
function runTool(script: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const env = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: api.config.databaseUrl, REDIS_URL: api.config.redisUrl, QUEUE_PREFIX: api.config.queuePrefix };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve(__dirname, '..', '..', script), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

beforeAll(async () => {
  api = await startTestApi();
  const admin = await api.adminContext();
  const units = await seedUnits(admin);
  institutionId = (await createInstitution(admin, units.longAn, 'Thư viện tỉnh')).id;
  staffToken = (await api.account(Role.INSTITUTION_STAFF, { institutionId })).token;
  second = await startAnotherApiProcess(api);
  // Both processes follow the public changes once Redis confirmed their subscriptions.
  await new Promise((resolve) => setTimeout(resolve, 500));
});

afterAll(async () => {
  await second?.close();
  await api?.close();
});

it('serves a signed-out persisted GET again from the cache: the same answer, no SQL, its age told, its own request id', async () => {
  const variables = { id: gid('Institution', institutionId) };
  const first = await persistedGet(api.url, QUERY, variables, { register: true });
  expect(first.body.data).toEqual({ node: { id: variables.id, name: 'Thư viện tỉnh' } });
  expect(first.body.extensions.sqlStatements).toBeGreaterThan(0);
  expect(first.age).toBeNull();
  const again = await persistedGet(api.url, QUERY, variables);
  expect(again).toMatchObject({ cacheControl: first.cacheControl, age: expect.stringMatching(/^\d+$/), body: { data: first.body.data, extensions: { sqlStatements: 0 } } });
  expect(again.cacheControl).toMatch(/^public, max-age=\d+$/);
  expect(again.body.extensions.requestId).not.toBe(first.body.extensions.requestId);
});

it('answers afresh after staff change the institution, in the process that wrote and in another one', async () => {
  const variables = { id: gid('Institution', institutionId) };
  await persistedGet(api.url, QUERY, variables, { register: true });
  await persistedGet(second.url, QUERY, variables, { register: true });
  expect((await persistedGet(second.url, QUERY, variables)).body.extensions.sqlStatements).toBe(0);
  await rename('Thư viện tỉnh Tây Ninh');
  const here = await persistedGet(api.url, QUERY, variables);
  expect(here.body.data?.node?.name).toBe('Thư viện tỉnh Tây Ninh');
  const there = await answerShowing(second.url, QUERY, variables, 'Thư viện tỉnh Tây Ninh');
  expect(there.body.data?.node?.name).toBe('Thư viện tỉnh Tây Ninh');
});

it('answers afresh after units:import renamed a ward from the command line', async () => {
  const unitQuery = 'query Unit($code: String!) { administrativeUnit(code: $code) { code name } }';
  const variables = { code: '27712' };
  expect((await persistedGet(api.url, unitQuery, variables, { register: true })).body.data).toEqual({ administrativeUnit: { code: '27712', name: 'Phường Tân An' } });
  expect((await persistedGet(api.url, unitQuery, variables)).body.extensions.sqlStatements).toBe(0);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'response-cache-'));
  try {
    const file = path.join(dir, 'units.csv');
    await writeFile(file, ['code,name,level,parent_code,valid_from,valid_to,successor_code', '27712,Phường Tân An Mới,COMMUNE,80,2025-07-01,,'].join('\n'));
    const imported = await runTool('dist/src/cli/units-import.js', [file]);
    expect(imported).toEqual({ code: 0, output: `${file}: 0 created, 1 updated, 0 unchanged, 0 rejected, 0 successors linked\n` });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const after = await answerShowing(api.url, unitQuery, variables, 'Phường Tân An Mới');
  expect(after.body.data).toEqual({ administrativeUnit: { code: '27712', name: 'Phường Tân An Mới' } });
});

it('never answers a signed-in request from the cache', async () => {
  const variables = { id: gid('Institution', institutionId) };
  await persistedGet(api.url, QUERY, variables, { register: true });
  expect((await persistedGet(api.url, QUERY, variables)).body.extensions.sqlStatements).toBe(0);
  const signedIn = await persistedGet(api.url, QUERY, variables, { token: staffToken });
  expect(signedIn).toMatchObject({ cacheControl: 'private, no-store', age: null });
  expect(signedIn.body.extensions.sqlStatements).toBeGreaterThan(0);
});

it('never keeps an answer with errors', async () => {
  const variables = { id: 'not an id' };
  const first = await persistedGet(api.url, BROKEN, variables, { register: true });
  expect(first.body.errors?.length).toBeGreaterThan(0);
  const again = await persistedGet(api.url, BROKEN, variables);
  expect(again).toMatchObject({ cacheControl: 'private, no-store', age: null });
  expect(again.body.errors?.length).toBeGreaterThan(0);
});
