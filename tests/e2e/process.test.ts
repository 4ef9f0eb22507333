import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import os from 'node:os';
import path from 'node:path';
import { cloneTemplate, databaseUrl, dropDatabase } from '../helpers/database';
import { deleteKeysWithPrefix } from '../helpers/redis-keys';
import { loadConfig } from '../../src/core/config';
import { startEmbeddedS3, type EmbeddedS3 } from '../../src/infra/embedded-s3';

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs a compiled command line to its end. */
function runToEnd(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, script), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/** Starts a compiled entry point and resolves with its exit code and output once it exits. */
function runUntilReady(script: string, env: Record<string, string>, readyLine: RegExp): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, script)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let signalled = false;
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (!signalled && readyLine.test(output)) {
        signalled = true;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
    setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
  });
}

let databaseName: string;
let dataDir: string;

beforeAll(async () => {
  databaseName = await cloneTemplate();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'lifelong-process-'));
});

afterAll(async () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  await deleteKeysWithPrefix(redis, env().QUEUE_PREFIX as string);
  redis.disconnect();
  await dropDatabase(databaseName);
  await rm(dataDir, { recursive: true, force: true });
});

const env = (): Record<string, string> => ({
  NODE_ENV: 'test',
  LOG_LEVEL: 'info',
  DATABASE_URL: databaseUrl(databaseName),
  DATA_DIR: dataDir,
  EMBEDDED_S3_PORT: '0',
  PORT: '0',
  QUEUE_PREFIX: `process-${process.pid}`,
});

it.each([
  ['the API', 'dist/src/cli/api.js', /API ready/],
  ['the workers', 'dist/workers/main.js', /workers started/],
])('%s stop cleanly on SIGTERM with exit code 0', async (_name, script, ready) => {
  const { code, output } = await runUntilReady(script, env(), ready);
  expect({ code, stopped: output.includes('"msg":"stopped"') }).toEqual({ code: 0, stopped: true });
});

it('logs each request as one JSON line with its request id, operation, status and time', async () => {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/cli/api.js')], { env: { ...process.env, ...env() }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    for (let attempt = 0; attempt < 100 && !/"msg":"API ready"/.test(output); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    const port = Number(/"port":(\d+),"pid":\d+,"msg":"API ready"/.exec(output)?.[1]);
    await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'log-check-1' },
      body: JSON.stringify({ query: 'query NearbyLibraries { institutions { totalCount } }' }),
    });
    for (let attempt = 0; attempt < 50 && !output.includes('log-check-1'); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    const line = output.split('\n').find((entry) => entry.includes('log-check-1'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({
      msg: 'request',
      requestId: 'log-check-1',
      method: 'POST',
      path: '/graphql',
      operation: 'NearbyLibraries',
      status: 200,
      ms: expect.any(Number),
    });
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
});

describe('API_PROCESSES', () => {
  let s3: EmbeddedS3;
  let s3Dir: string;

  beforeAll(async () => {
    s3Dir = await mkdtemp(path.join(os.tmpdir(), 'lifelong-process-s3-'));
    s3 = await startEmbeddedS3(s3Dir, 0, loadConfig({}).s3);
  });

  afterAll(async () => {
    await s3.close();
    await rm(s3Dir, { recursive: true, force: true });
  });

  /** Starts an entry point with two API processes; `until` polls its output until a line shows, or 30 s pass. */
  function startTwoApiProcesses(script: string, options: { detached?: boolean } = {}) {
    const child = spawn(process.execPath, [path.join(ROOT, script)], {
      env: { ...process.env, ...env(), API_PROCESSES: '2', S3_ENDPOINT: s3.endpoint },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.detached ?? false,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    return {
      child,
      exited,
      output: () => output,
      /** The port and pid of each API process that is ready. */
      ready: () => [...output.matchAll(/"port":(\d+),"pid":(\d+),"msg":"API ready"/g)].map((match) => ({ port: match[1], pid: match[2] })),
      until: async (shown: () => boolean) => {
        for (let attempt = 0; attempt < 300 && !shown(); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 100));
      },
    };
  }

  async function expectServes(url: string): Promise<void> {
    for (let request = 0; request < 4; request += 1) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(await response.json()).toMatchObject({ data: { __typename: 'Query' } });
    }
  }

  it('runs that many API processes on one port, each serving, and stops them all on SIGTERM with exit code 0', async () => {
    const api = startTwoApiProcesses('dist/src/cli/api.js');
    try {
      await api.until(() => api.ready().length >= 2);
      const processes = api.ready();
      expect(processes).toHaveLength(2);
      expect(new Set(processes.map((ready) => ready.port)).size).toBe(1);
      expect(new Set(processes.map((ready) => ready.pid)).size).toBe(2);
      await expectServes(`http://127.0.0.1:${processes[0]?.port}/graphql`);
    } finally {
      api.child.kill('SIGTERM');
    }
    expect(await api.exited).toBe(0);
    expect(api.output().match(/"msg":"stopped"/g)).toHaveLength(2);
  }, 60_000);

  it('npm start runs that many API processes beside its workers, prints their one URL, and stops them all on SIGTERM', async () => {
    const start = startTwoApiProcesses('dist/src/cli/start.js');
    try {
      await start.until(() => start.output().includes('Lifelong-learning API:'));
      const processes = start.ready();
      const url = /Lifelong-learning API: (\S+)/.exec(start.output())?.[1];
      expect({ workers: start.output().includes('"msg":"workers started"'), apiPids: new Set(processes.map((ready) => ready.pid)).size, url }).toEqual({
        workers: true,
        apiPids: 2,
        url: `http://localhost:${processes[0]?.port}/graphql`,
      });
      await expectServes(url as string);
    } finally {
      start.child.kill('SIGTERM');
    }
    expect(await start.exited).toBe(0);
    expect(start.output().match(/"msg":"stopped"/g)).toHaveLength(3);
  }, 60_000);

  it('stops every API process gracefully on a Ctrl+C, which reaches the whole process group', async () => {
    const api = startTwoApiProcesses('dist/src/cli/api.js', { detached: true });
    try {
      await api.until(() => api.ready().length >= 2);
    } finally {
      process.kill(-(api.child.pid as number), 'SIGINT');
    }
    expect(await api.exited).toBe(0);
    expect(api.output().match(/"msg":"stopped"/g)).toHaveLength(2);
  }, 60_000);

  it('exits with code 1 when its processes cannot start, instead of forking them again', async () => {
    const { code, output } = await runToEnd('dist/src/cli/api.js', [], { ...env(), API_PROCESSES: '2', S3_ENDPOINT: 'http://127.0.0.1:9' });
    expect({ code, failedToStart: output.includes('it failed while starting') }).toEqual({ code: 1, failedToStart: true });
  }, 60_000);
});

it('refuses to start with a bad setting and names the variable', async () => {
  const { code, output } = await runUntilReady('dist/src/cli/api.js', { ...env(), PORT: 'eighty' }, /never/);
  expect(code).toBe(1);
  expect(output.trim()).toBe('PORT must be an integer from 0 to 65535, got "eighty"');
});

describe('command lines', () => {
  it('admin:create makes a province administrator, and refuses the same login twice', async () => {
    const login = 'quantri@tinh.gov.vn';
    const created = await runToEnd('dist/src/cli/admin-create.js', ['--login', login, '--name', 'Quản trị tỉnh'], { ...env(), ADMIN_PASSWORD: 'mat-khau-du-dai' });
    expect(created).toEqual({ code: 0, output: `created province administrator ${login}\n` });
    const database = new Client({ connectionString: databaseUrl(databaseName) });
    await database.connect();
    const grants = await database.query('select g.role from role_grant g join account a on a.id = g.account_id where a.email = $1', [login]);
    await database.end();
    expect(grants.rows).toEqual([{ role: 'PROVINCE_ADMIN' }]);
    const again = await runToEnd('dist/src/cli/admin-create.js', ['--login', login], { ...env(), ADMIN_PASSWORD: 'mat-khau-du-dai' });
    expect(again).toEqual({ code: 1, output: 'LOGIN_TAKEN: An account with this email or phone number already exists.\n' });
  });

  it('schema:check passes on the printed schema and names the first line of a schema that drifted', async () => {
    const file = path.join(dataDir, 'schema.graphql');
    expect(await runToEnd('dist/src/cli/schema.js', ['print', file], env())).toMatchObject({ code: 0 });
    const printed = await readFile(file, 'utf8');
    expect(printed).toBe(await readFile(path.join(ROOT, 'schema', 'schema.graphql'), 'utf8'));
    expect((await runToEnd('dist/src/cli/schema.js', ['check', file], env())).code).toBe(0);

    const lines = printed.split('\n');
    const drifted = lines.findIndex((line) => line.includes('type Institution implements Node')) + 1;
    await writeFile(file, [...lines.slice(0, drifted), '  ghost: String', ...lines.slice(drifted)].join('\n'));
    const check = await runToEnd('dist/src/cli/schema.js', ['check', file], env());
    expect(check.code).toBe(1);
    expect(check.output).toBe(`${path.relative(ROOT, file)} differs from the code (first at line ${drifted + 1}); run \`npm run schema:print\` and commit the file\n`);
  });

  it('units:import prints the report and exits 2 when rows were refused', async () => {
    const file = path.join(dataDir, 'units.csv');
    await writeFile(file, ['code,name,level,parent_code,valid_from,valid_to,successor_code', '80,Tỉnh Tây Ninh,PROVINCE,,2025-07-01,,', '27694,Phường Long An,COMMUNE,80,2025-07-01,,', '99999,Xã Không Cha,COMMUNE,12345,2025-07-01,,'].join('\n'));
    const result = await runToEnd('dist/src/cli/units-import.js', [file], env());
    expect(result.code).toBe(2);
    expect(result.output).toBe(
      `${file}: 2 created, 0 updated, 0 unchanged, 1 rejected, 0 successors linked\n  line 4 (99999): no unit with code 12345 above Commune, ward or town exists in the same period\n`,
    );
  });
});
