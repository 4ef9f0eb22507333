import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { todayInVietnam } from '../../src/core/time';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/demo/demo-accounts';
import { makeVideo } from '../../src/demo/sample-media';
import { memoryOf } from '../helpers/processes';
import { memoryVerdict } from './soak-memory';
import { operationPicker, type Actor, type SoakContext } from './soak-operations';
import { percentile } from './stats';

/**
 * `npm run soak`: the API and the workers as separate processes (as deployed) on a database of
 * their own (lifelong_soak, re-created each run) with the demo data, driven at a fixed arrival
 * rate by a mix of public, citizen and staff operations for SOAK_SECONDS (600); halfway through,
 * a staff member uploads a video and an administrator recalculates the province's titles. Every
 * minute it prints each operation's count, errors, p50 and p99 and both processes' RSS; at the
 * end it fails when the memory of either keeps growing, when more than 1% of requests failed,
 * or when the upload or the titles run did not finish.
 */

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const RATE = Number(process.env.SOAK_RATE ?? 20);
const REQUEST_TIMEOUT_MS = 10_000;
const MAX_IN_FLIGHT = 200;
const SAMPLE_MS = 5_000;
const REPORT_MS = 60_000;
const WARMUP_MS = 60_000;
const MAX_ERROR_FRACTION = 0.01;
const DATABASE_NAME = 'lifelong_soak';
const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DIST = path.resolve(__dirname, '..', '..');

type Outcome = 'ok' | 'refused' | 'error';

interface Reply {
  // any: the replies of many different operations, each read by the code that sent it.
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

class Tally {
  private latencies = new Map<string, number[]>();
  private outcomes = new Map<string, Record<Outcome, number>>();
  readonly errorSamples: string[] = [];

  add(name: string, outcome: Outcome, ms: number, why?: string): void {
    const counts = this.outcomes.get(name) ?? { ok: 0, refused: 0, error: 0 };
    counts[outcome] += 1;
    this.outcomes.set(name, counts);
    if (outcome === 'error') {
      if (why && this.errorSamples.length < 10) this.errorSamples.push(`${name}: ${why}`);
      return;
    }
    const list = this.latencies.get(name) ?? [];
    list.push(ms);
    this.latencies.set(name, list);
  }

  totals(): { requests: number; errors: number } {
    let requests = 0;
    let errors = 0;
    for (const counts of this.outcomes.values()) {
      requests += counts.ok + counts.refused + counts.error;
      errors += counts.error;
    }
    return { requests, errors };
  }

  print(title: string): void {
    console.log(`\n${title}`);
    console.log(`  ${'operation'.padEnd(30)} ${'count'.padStart(7)} ${'refused'.padStart(8)} ${'errors'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
    for (const [name, counts] of [...this.outcomes].sort(([a], [b]) => a.localeCompare(b))) {
      const sorted = Float64Array.from(this.latencies.get(name) ?? []).sort();
      const count = counts.ok + counts.refused + counts.error;
      console.log(
        `  ${name.padEnd(30)} ${String(count).padStart(7)} ${String(counts.refused).padStart(8)} ${String(counts.error).padStart(7)} ${percentile(sorted, 0.5).toFixed(1).padStart(8)} ${percentile(sorted, 0.99).toFixed(1).padStart(8)}`,
      );
    }
  }
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts a compiled script; counts the error-level lines of its JSON log and echoes them. */
function startProcess(label: string, script: string, args: string[], env: NodeJS.ProcessEnv, errorLines: { count: number }): ChildProcess {
  const child = spawn(process.execPath, [path.join(DIST, script), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      let level = 0;
      try {
        level = (JSON.parse(line) as { level?: number }).level ?? 0;
      } catch {
        return;
      }
      if (level >= 50) {
        errorLines.count += 1;
        if (errorLines.count <= 5) console.log(`  [${label} error log] ${line.slice(0, 400)}`);
      }
    });
  }
  return child;
}

function firstLineOf(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing its endpoint`)));
  });
}

async function main(): Promise<void> {
  if (!(SECONDS >= 120) || !(RATE > 0)) throw new Error('SOAK_SECONDS must be at least 120 and SOAK_RATE above 0');
  await admin(`drop database if exists "${DATABASE_NAME}" with (force)`);
  const databaseUrl = new URL(ADMIN_URL);
  databaseUrl.pathname = `/${DATABASE_NAME}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lifelong-soak-'));
  const children: ChildProcess[] = [];
  const errorLines = { count: 0 };
  try {
    const s3 = spawn(process.execPath, [path.join(DIST, 'tests/bench/media-s3-server.js'), path.join(dataDir, 's3'), 'learning-media'], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(s3);
    const s3Endpoint = (await firstLineOf(s3)).trim();
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      DATABASE_URL: databaseUrl.toString(),
      DATA_DIR: dataDir,
      S3_ENDPOINT: s3Endpoint,
      QUEUE_PREFIX: `soak-${randomBytes(4).toString('hex')}`,
      // One address sends everything here: the per-address limit would refuse the load itself.
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_PER_MINUTE_SIGNED_IN: '0',
      ACCESS_TOKEN_TTL_SECONDS: String(Math.min(86_400, SECONDS * 2 + 600)),
    };
    console.log(`soak: ${SECONDS} s at ${RATE} requests/s, API on port ${port}, S3 at ${s3Endpoint}`);
    const run = promisify(execFile);
    await run(process.execPath, [path.join(DIST, 'src/cli/migrate.js')], { env });
    await run(process.execPath, [path.join(DIST, 'src/cli/demo-load.js')], { env });
    const api = startProcess('api', 'src/cli/api.js', [], env, errorLines);
    const worker = startProcess('worker', 'workers/main.js', [], env, errorLines);
    children.push(api, worker);
    const base = `http://127.0.0.1:${port}`;
    await waitUntilReady(base);

    const gql = async (query: string, variables: Record<string, unknown>, token?: string): Promise<Reply> => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const body = (await response.json()) as Reply;
      if (response.status !== 200 && !body.errors?.length) throw new Error(`HTTP ${response.status}`);
      return body;
    };
    const signIn = async (login: string): Promise<string> => {
      const reply = await gql(`mutation($login: String!, $password: String!) { signIn(input: { login: $login, password: $password }) { accessToken errors { code } } }`, { login, password: DEMO_PASSWORD });
      const token = reply.data?.signIn?.accessToken as string | undefined;
      if (!token) throw new Error(`signIn ${login}: ${JSON.stringify(reply)}`);
      return token;
    };
    const tokens: Record<Actor | 'admin', string | undefined> = {
      public: undefined,
      citizen: await signIn(DEMO_ACCOUNTS.citizen),
      staff: await signIn(DEMO_ACCOUNTS.staff),
      admin: await signIn(DEMO_ACCOUNTS.admin),
    };
    const context = await soakContext(gql, tokens.staff as string);

    const tally = new Tally();
    let minute = new Tally();
    const send = async (name: string, query: string, variables: Record<string, unknown>, token: string | undefined): Promise<Reply | null> => {
      const sent = performance.now();
      let outcome: Outcome = 'ok';
      let why: string | undefined;
      let reply: Reply | null = null;
      try {
        reply = await gql(query, variables, token);
        if (reply.errors?.length) {
          outcome = 'error';
          why = reply.errors.map((error) => `${error.extensions?.code ?? '?'} ${error.message}`).join('; ').slice(0, 300);
        } else if (Object.values(reply.data ?? {}).some((payload) => Array.isArray((payload as { errors?: unknown[] } | null)?.errors) && (payload as { errors: unknown[] }).errors.length > 0)) {
          outcome = 'refused';
        }
      } catch (error) {
        outcome = 'error';
        why = error instanceof Error ? error.message : String(error);
      }
      const ms = performance.now() - sent;
      tally.add(name, outcome, ms, why);
      minute.add(name, outcome, ms, why);
      return reply;
    };

    const memory = { api: [] as number[], worker: [] as number[] };
    const sampleMemory = () => {
      memory.api.push((memoryOf(api.pid as number, 'VmRSS') ?? Number.NaN) / 2 ** 20);
      memory.worker.push((memoryOf(worker.pid as number, 'VmRSS') ?? Number.NaN) / 2 ** 20);
    };
    sampleMemory();
    const sampler = setInterval(sampleMemory, SAMPLE_MS);
    let minutes = 0;
    const reporter = setInterval(() => {
      minutes += 1;
      minute.print(`minute ${minutes}: API RSS ${memory.api.at(-1)?.toFixed(0)} MB, worker RSS ${memory.worker.at(-1)?.toFixed(0)} MB`);
      minute = new Tally();
    }, REPORT_MS);

    const picker = operationPicker(20261206);
    const started = performance.now();
    let sentCount = 0;
    let inFlight = 0;
    let dropped = 0;
    const pending = new Set<Promise<unknown>>();
    let midRun: Promise<MidRunResult> | null = null;
    while (performance.now() - started < SECONDS * 1000) {
      const due = started + (sentCount * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      sentCount += 1;
      if (!midRun && performance.now() - started >= (SECONDS * 1000) / 2) {
        console.log('\nhalfway: a staff member uploads a video, an administrator recalculates the titles');
        midRun = midRunEvents(gql, send, context, tokens.staff as string, tokens.admin as string);
      }
      if (inFlight >= MAX_IN_FLIGHT) {
        // A fixed arrival rate: a request that cannot be sent on time is a failure, not a pause.
        dropped += 1;
        tally.add('(not sent: too many in flight)', 'error', 0, 'in flight limit');
        continue;
      }
      const operation = picker.next();
      inFlight += 1;
      const request = send(operation.name, operation.query, operation.variables(context, picker.pick), tokens[operation.actor]).finally(() => {
        inFlight -= 1;
        pending.delete(request);
      });
      pending.add(request);
    }
    await Promise.all(pending);
    clearInterval(reporter);
    clearInterval(sampler);
    sampleMemory();
    const midRunResult = midRun ? await midRun : { uploadSeconds: null, titlesSeconds: null };

    const elapsed = (performance.now() - started) / 1000;
    const { requests, errors } = tally.totals();
    tally.print(`whole run: ${requests} requests in ${elapsed.toFixed(0)} s (${(requests / elapsed).toFixed(1)}/s), ${errors} errors, ${dropped} not sent, ${errorLines.count} error-level log lines`);
    for (const sample of tally.errorSamples) console.log(`  error: ${sample}`);
    const warmupSamples = Math.ceil(WARMUP_MS / SAMPLE_MS);
    const verdicts = { api: memoryVerdict(memory.api, warmupSamples), worker: memoryVerdict(memory.worker, warmupSamples) };
    console.log('\nmemory (RSS floor after the first minute, first half → second half):');
    for (const [name, verdict] of Object.entries(verdicts)) {
      console.log(`  ${name.padEnd(7)} ${verdict.firstFloorMb.toFixed(0)} MB → ${verdict.secondFloorMb.toFixed(0)} MB, peak ${Math.max(...memory[name as keyof typeof memory]).toFixed(0)} MB${verdict.growing ? '  KEEPS GROWING' : ''}`);
    }
    console.log(`\nhalfway events: video READY after ${midRunResult.uploadSeconds?.toFixed(1) ?? 'never'} s, titles run SUCCEEDED after ${midRunResult.titlesSeconds?.toFixed(1) ?? 'never'} s`);

    const failures = [
      ...Object.entries(verdicts).filter(([, verdict]) => verdict.growing).map(([name]) => `${name} memory keeps growing`),
      ...(errors > requests * MAX_ERROR_FRACTION ? [`${errors} of ${requests} requests failed`] : []),
      ...(midRunResult.uploadSeconds === null ? ['the video upload did not become READY'] : []),
      ...(midRunResult.titlesSeconds === null ? ['the titles run did not succeed'] : []),
    ];
    if (failures.length) {
      console.log(`\nSOAK FAILED: ${failures.join('; ')}`);
      process.exitCode = 1;
    } else {
      console.log('\nsoak passed');
    }
  } finally {
    for (const child of children.reverse()) {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    }
    await rm(dataDir, { recursive: true, force: true });
    await admin(`drop database if exists "${DATABASE_NAME}" with (force)`);
  }
}

async function waitUntilReady(base: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/readyz`)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error('the API was not ready within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

type Gql = (query: string, variables: Record<string, unknown>, token?: string) => Promise<Reply>;
type Send = (name: string, query: string, variables: Record<string, unknown>, token: string | undefined) => Promise<Reply | null>;

async function soakContext(gql: Gql, staffToken: string): Promise<SoakContext & { provinceId: string }> {
  const reply = await gql(
    `query { me { roles { institution { id } } } learningResources(first: 20) { edges { node { id } } }
      administrativeUnits(first: 1, filter: { levels: [PROVINCE] }) { edges { node { id } } } }`,
    {},
    staffToken,
  );
  const institutionId = (reply.data?.me?.roles as { institution: { id: string } | null }[] | undefined)?.find((role) => role.institution)?.institution?.id;
  const resourceIds = ((reply.data?.learningResources?.edges ?? []) as { node: { id: string } }[]).map((edge) => edge.node.id);
  const provinceId = (reply.data?.administrativeUnits?.edges?.[0] as { node: { id: string } } | undefined)?.node.id;
  if (!institutionId || !resourceIds.length || !provinceId) throw new Error(`the demo data is not what the soak expects: ${JSON.stringify(reply)}`);
  return { year: Number(todayInVietnam().slice(0, 4)), institutionId, resourceIds, provinceId };
}

interface MidRunResult {
  uploadSeconds: number | null;
  titlesSeconds: number | null;
}

/** Polls `probe` every 2 s until it answers true or false (finished) or the soak's end. */
async function secondsUntil(probe: () => Promise<boolean | null>, limitMs: number): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    const done = await probe();
    if (done !== null) return done ? (performance.now() - started) / 1000 : null;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  return null;
}

async function midRunEvents(gql: Gql, send: Send, context: SoakContext & { provinceId: string }, staffToken: string, adminToken: string): Promise<MidRunResult> {
  const limitMs = (SECONDS * 1000) / 2;
  const upload = async (): Promise<number | null> => {
    const video = await makeVideo(20, 640, 360);
    const created = await send(
      'staff: upload video',
      `mutation($input: CreateUploadInput!) { createUpload(input: $input) { upload { id url } errors { code message } } }`,
      { input: { institutionId: context.institutionId, filename: 'soak.mp4', contentType: 'video/mp4', sizeBytes: video.length } },
      staffToken,
    );
    const target = created?.data?.createUpload?.upload as { id: string; url: string } | undefined;
    if (!target) return null;
    if (!(await fetch(target.url, { method: 'PUT', body: video, headers: { 'content-type': 'video/mp4' } })).ok) return null;
    const completed = await send('staff: upload video', `mutation($id: ID!) { completeUpload(input: { uploadId: $id }) { asset { id } errors { code } } }`, { id: target.id }, staffToken);
    const assetId = completed?.data?.completeUpload?.asset?.id as string | undefined;
    if (!assetId) return null;
    return secondsUntil(async () => {
      const status = (await gql(`query($id: ID!) { node(id: $id) { ... on MediaAsset { status } } }`, { id: assetId }, staffToken)).data?.node?.status;
      return status === 'READY' ? true : status === 'FAILED' ? false : null;
    }, limitMs);
  };
  const titles = async (): Promise<number | null> => {
    const started = await send(
      'admin: recalculate titles',
      `mutation($unitId: ID!, $year: Int!) { recalculateTitles(input: { unitId: $unitId, year: $year }) { run { id } errors { code message } } }`,
      { unitId: context.provinceId, year: context.year },
      adminToken,
    );
    const runId = started?.data?.recalculateTitles?.run?.id as string | undefined;
    if (!runId) return null;
    return secondsUntil(async () => {
      const status = (await gql(`query($id: ID!) { titleRun(id: $id) { status } }`, { id: runId }, adminToken)).data?.titleRun?.status;
      return status === 'SUCCEEDED' ? true : status === 'FAILED' ? false : null;
    }, limitMs);
  };
  const [uploadSeconds, titlesSeconds] = await Promise.all([upload(), titles()]);
  return { uploadSeconds, titlesSeconds };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
