import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { openRuntime } from '../../src/app/runtime';
import { systemContext } from '../../src/app/system-context';
import { StatementTrust } from '../../src/auth/api-client.enums';
import { loadConfig } from '../../src/core/config';
import { PROJECT_ROOT } from '../../src/core/paths';
import { PLATFORM_IRI } from '../../src/learning/records/xapi';
import { findStatements, statementFilterOf, type PagePosition, type StatementFilter } from '../../src/xapi/statement-query';
import { activityIri, agentIri, COURSES, courseIri, insertActivities, insertStatements, LRS_DATA_VERSION, statementBodies, teacherMbox, TEACHERS, VERBS, type LrsDataShape } from './lrs-data';
import { runXapiLoad, type XapiLoadResult, type XapiRequest } from './lrs-load';
import { startServedProcess, freePort } from './served-process';
import { BENCH_ADMIN_URL, format, table, urlOf, withClient } from './titles-database';

/**
 * `npm run bench:lrs -- --statements N [--regenerate] [--seconds S]`
 *
 * On its own database (lifelong_lrsbench, or BENCH_LRS_DATABASE): N statements generated in SQL
 * (lrs-data.ts) as the store writes them, once per N and reused (marker table bench_lrs_dataset);
 * the indexes are dropped while loading and built again after, as the migrations define them.
 * Then, against the API started as its own process (dist/src/cli/api.js) over HTTP with Basic
 * credentials of a trusted client: POST statements in batches of 50 at a few concurrencies, GET
 * with each filter (and `more` pages) for S seconds each, and EXPLAIN ANALYZE of each filter's
 * query as statement-query.ts builds it. Statements POSTed by earlier runs are deleted first.
 */

const DATABASE_NAME = process.env.BENCH_LRS_DATABASE ?? 'lifelong_lrsbench';
const RESULTS_DIR = path.join(PROJECT_ROOT, 'tests', 'bench', 'results');
const CHUNK = 250_000;
/** Connections generating at once: one a core. */
const GENERATORS = Math.max(1, Math.min(4, os.cpus().length));
const BATCH = 50;
const POST_CONCURRENCY = [1, 4, 8];
const GET_CONCURRENCY = 4;
const SAMPLES = 50;
const { seconds, int } = format;

interface Args {
  statements: number;
  regenerate: boolean;
  seconds: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { statements: 1_000_000, regenerate: false, seconds: 10 };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    const [flag, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    const value = () => Number(inline ?? argv[++index]);
    if (flag === '--statements') args.statements = value();
    else if (flag === '--seconds') args.seconds = value();
    else if (flag === '--regenerate') args.regenerate = true;
    else throw new Error(`unknown argument "${arg}" (known: --statements N, --regenerate, --seconds S)`);
  }
  if (!Number.isInteger(args.statements) || args.statements < 1000 || args.statements > 100_000_000) throw new Error('--statements needs a whole number from 1,000 to 100,000,000');
  if (!(args.seconds > 0)) throw new Error('--seconds needs a positive number');
  return args;
}

interface Dataset {
  version: number;
  statements: number;
  client_id: string;
  shape: Omit<LrsDataShape, 'firstStored' | 'lastStored'> & { firstStored: string; lastStored: string };
  generation_ms: number;
  timings: { step: string; ms: number }[];
}

async function existingDataset(statements: number): Promise<Dataset | null> {
  const exists = await withClient(BENCH_ADMIN_URL, (client) => client.query('select 1 from pg_database where datname = $1', [DATABASE_NAME]));
  if (!exists.rowCount) return null;
  return withClient(urlOf(DATABASE_NAME), async (client) => {
    const marker = await client.query<{ found: string | null }>(`select to_regclass('bench_lrs_dataset')::text as found`);
    if (!marker.rows[0]?.found) return null;
    const { rows } = await client.query<Dataset>('select * from bench_lrs_dataset');
    const row = rows[0];
    return row && row.version === LRS_DATA_VERSION && row.statements === statements ? row : null;
  });
}

const load = () => os.loadavg().map((value) => value.toFixed(2)).join(' ');

/** Runs the tasks on the clients side by side, each client taking the next task when done with one. */
async function onClients<T>(clients: Client[], tasks: T[], work: (client: Client, task: T) => Promise<unknown>): Promise<void> {
  const queue = [...tasks];
  await Promise.all(clients.map(async (client) => {
    for (let task = queue.shift(); task !== undefined; task = queue.shift()) await work(client, task);
  }));
}

/**
 * N statements in chunks, a chunk on each core at once, into the table unlogged (no WAL) and without any index
 * (the primary key's too: random uuids into a btree that outgrows memory); then logged again, and the indexes
 * built side by side as the migrations define them, the primary key's attached to its constraint after.
 */
async function generate(clients: Client[], shape: LrsDataShape, statements: number): Promise<{ step: string; ms: number }[]> {
  const [client] = clients as [Client];
  const timings: { step: string; ms: number }[] = [];
  const step = async (name: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    timings.push({ step: name, ms: performance.now() - started });
    console.log(`  ${name}: ${seconds(performance.now() - started)} s (load ${load()})`);
  };
  for (const each of clients) {
    await each.query(`set maintenance_work_mem = '1GB'`);
    // The chunk's self-join sorts in memory; and JIT, which the planner's estimates call for, took a third of each chunk's time.
    await each.query(`set work_mem = '256MB'`);
    await each.query('set jit = off');
    await each.query('set synchronous_commit = off');
  }
  const { rows: indexes } = await client.query<{ name: string; definition: string; primary: boolean }>(
    `select i.indexname as name, i.indexdef as definition, c.contype is not null as primary
       from pg_indexes i left join pg_constraint c on c.conname = i.indexname and c.conrelid = 'xapi_statement'::regclass and c.contype = 'p'
      where i.tablename = 'xapi_statement'`,
  );
  const primary = indexes.find((index) => index.primary);
  await step('activities', () => insertActivities(client, shape.activities));
  if (primary) await client.query(`alter table xapi_statement drop constraint "${primary.name}"`);
  for (const index of indexes.filter((each) => !each.primary)) await client.query(`drop index "${index.name}"`);
  await client.query('alter table xapi_statement set unlogged');
  const chunks = Array.from({ length: Math.ceil(statements / CHUNK) }, (_, n) => 1 + n * CHUNK);
  let done = 0;
  await step(`statements (${int(statements)}, chunks of ${int(CHUNK)}, ${clients.length} at once)`, () =>
    onClients(clients, chunks, async (each, from) => {
      done += await insertStatements(each, shape, from, Math.min(statements, from + CHUNK - 1));
      if (process.stdout.isTTY) process.stdout.write(`\r    ${int(done)}   `);
    }),
  );
  await step('set logged', () => client.query('alter table xapi_statement set logged'));
  await step(`indexes (${indexes.length}, ${clients.length} at once)`, () =>
    onClients(clients, indexes, async (each, index) => {
      const started = performance.now();
      await each.query(index.definition);
      timings.push({ step: `  index ${index.name}`, ms: performance.now() - started });
    }),
  );
  if (primary) await client.query(`alter table xapi_statement add constraint "${primary.name}" primary key using index "${primary.name}"`);
  await step('vacuum analyze', () => client.query('vacuum analyze xapi_statement, xapi_activity'));
  return timings;
}

function figures(result: XapiLoadResult, perRequest = 1): string {
  const rate = (result.requests - result.errors) / (result.elapsedMs / 1000);
  return `${(rate * perRequest).toFixed(1).padStart(8)} ${perRequest > 1 ? 'statements/s' : 'req/s'}  p50 ${result.p50Ms.toFixed(1)} ms  p99 ${result.p99Ms.toFixed(1)} ms  (${int(result.requests)} requests, ${result.errors} errors${result.errorSamples.length ? `: ${result.errorSamples[0]}` : ''})`;
}

/** EXPLAIN (ANALYZE, BUFFERS) of the page query statement-query.ts builds for the filter. */
async function explain(em: EntityManager, filter: StatementFilter, after: PagePosition | null = null): Promise<string[]> {
  let plan: string[] = [];
  const explaining = {
    async execute(sql: string, params: unknown[]) {
      const rows = await em.execute<Record<string, string>[]>(`explain (analyze, buffers) ${sql}`, params);
      plan = rows.map((row) => row['QUERY PLAN'] as string);
      return [];
    },
  } as unknown as EntityManager;
  await findStatements(explaining, filter, after);
  return plan;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lifelong-bench-lrs-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: urlOf(DATABASE_NAME),
    DATA_DIR: dataDir,
    EMBEDDED_S3_PORT: '0',
    QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'false',
    RATE_LIMIT_PER_MINUTE: '0',
    RATE_LIMIT_PER_MINUTE_SIGNED_IN: '0',
  };
  const config = loadConfig(env);
  let dataset = args.regenerate ? null : await existingDataset(args.statements);
  const reused = dataset !== null;
  if (!dataset) {
    await withClient(BENCH_ADMIN_URL, async (client) => {
      await client.query(`drop database if exists "${DATABASE_NAME}" with (force)`);
      await client.query(`create database "${DATABASE_NAME}"`);
    });
  }
  const runtime = await openRuntime(config, { migrate: true, redisPurpose: 'api' });
  const db = new Client({ connectionString: config.databaseUrl });
  await db.connect();
  const ctx = () => systemContext(runtime.orm.em.fork(), runtime.services, runtime.log, null);
  let api: Awaited<ReturnType<typeof startServedProcess>> | null = null;
  try {
    console.log(`LRS bench: ${int(args.statements)} statements in ${DATABASE_NAME}, ${os.cpus().length} CPUs, load ${load()}`);
    const homePage = config.publicUrl ?? PLATFORM_IRI;
    if (!dataset) {
      const started = performance.now();
      const created = await runtime.services.apiClients.create(ctx(), { name: 'Bench LMS (dataset)', contactEmail: 'lms@bench.vn', rateLimitPerMinute: 0 });
      const now = Date.now();
      const shape: LrsDataShape = {
        salt: 'bench',
        agents: Math.max(1000, Math.round(args.statements / 50)),
        activities: 3000,
        registrations: Math.max(100, Math.round(args.statements / 20)),
        firstStored: new Date(now - 365 * 86_400_000),
        lastStored: new Date(now - 3_600_000),
        total: args.statements,
        clientId: created.client.id,
        authority: { objectType: 'Agent', name: created.client.name, account: { homePage, name: created.client.id } },
      };
      console.log(`generating (once for this N; ${int(shape.agents)} agents, ${int(shape.activities)} activities, ${int(shape.registrations)} registrations)…`);
      const generators = [db, ...Array.from({ length: GENERATORS - 1 }, () => new Client({ connectionString: config.databaseUrl }))];
      for (const client of generators.slice(1)) await client.connect();
      const timings = await generate(generators, shape, args.statements).finally(() => Promise.all(generators.slice(1).map((client) => client.end())));
      const generationMs = Math.round(performance.now() - started);
      const stored = { ...shape, firstStored: shape.firstStored.toISOString(), lastStored: shape.lastStored.toISOString() };
      await db.query('create table bench_lrs_dataset (version int not null, statements int not null, client_id uuid not null, shape jsonb not null, generation_ms int not null, timings jsonb not null)');
      await db.query('insert into bench_lrs_dataset values ($1, $2, $3, $4, $5, $6)', [LRS_DATA_VERSION, args.statements, created.client.id, JSON.stringify(stored), generationMs, JSON.stringify(timings)]);
      dataset = { version: LRS_DATA_VERSION, statements: args.statements, client_id: created.client.id, shape: stored, generation_ms: generationMs, timings };
    }
    const shape: LrsDataShape = { ...dataset.shape, firstStored: new Date(dataset.shape.firstStored), lastStored: new Date(dataset.shape.lastStored) };
    const removed = await db.query('delete from xapi_statement where client_id <> $1', [dataset.client_id]);
    const { rows: size } = await db.query<{ table: string; indexes: string }>(
      `select pg_size_pretty(pg_table_size('xapi_statement')) as table, pg_size_pretty(pg_indexes_size('xapi_statement')) as indexes`,
    );
    table(`dataset (${reused ? 'reused' : 'generated now'})`, [
      ['statements', int(dataset.statements)],
      ['table / indexes', `${size[0]?.table} / ${size[0]?.indexes}`],
      ['generation, wall', `${seconds(dataset.generation_ms)} s`],
      ...dataset.timings.map(({ step, ms }): [string, string] => [`  ${step}`, `${seconds(ms)} s`]),
      ['statements of earlier runs removed', int(removed.rowCount ?? 0)],
    ]);

    const poster = await runtime.services.apiClients.create(ctx(), { name: 'Bench LMS (poster)', contactEmail: 'lms@bench.vn', rateLimitPerMinute: 0, statementTrust: StatementTrust.VERIFIED });
    const authorization = `Basic ${Buffer.from(`${poster.key.slice(0, 10)}:${poster.key}`).toString('base64')}`;
    const port = await freePort();
    api = await startServedProcess('API', `http://127.0.0.1:${port}/graphql`, path.join(PROJECT_ROOT, 'dist', 'src', 'cli', 'api.js'), [], {
      env: { ...env, HOST: '127.0.0.1', PORT: String(port), API_PROCESSES: '1' },
      startSeconds: 60,
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    const results: Record<string, { figures: XapiLoadResult; perRequest: number; load: string }> = {};

    console.log(`\nPOST /xapi/statements, batches of ${BATCH} (new statements of a trusted client), ${args.seconds} s each`);
    for (const concurrency of POST_CONCURRENCY) {
      const salt = `post-${randomBytes(4).toString('hex')}`;
      const bodies = await statementBodies(db, { ...shape, salt }, 1, BATCH * 400 * concurrency, BATCH);
      const result = await runXapiLoad({ baseUrl, authorization, requests: bodies.map((body) => ({ method: 'POST', path: '/xapi/statements', body })), concurrency, seconds: args.seconds, once: true });
      results[`POST concurrency ${concurrency}`] = { figures: result, perRequest: BATCH, load: load() };
      console.log(`  concurrency ${concurrency}: ${figures(result, BATCH)}  load ${load()}`);
    }

    const q = (parameters: Record<string, string>) => `/xapi/statements?${new URLSearchParams(parameters).toString()}`;
    const agents = Array.from({ length: SAMPLES }, (_, n) => 1 + Math.floor((n * shape.agents) / SAMPLES));
    const { rows: registrations } = await db.query<{ registration: string }>(
      `select distinct registration::text as registration from (select registration from xapi_statement tablesample system (1) where registration is not null limit ${SAMPLES * 4}) r limit ${SAMPLES}`,
    );
    const day = 86_400_000;
    const days = Array.from({ length: SAMPLES }, (_, n) => shape.firstStored.getTime() + Math.floor(((n + 0.5) * (shape.lastStored.getTime() - shape.firstStored.getTime())) / SAMPLES));
    const filters: Record<string, Record<string, string>[]> = {
      'agent': agents.map((agent) => ({ agent: JSON.stringify(agentIri(agent).actor) })),
      'verb': VERBS.map((verb) => ({ verb })),
      'activity': agents.map((n) => ({ activity: activityIri(1 + (n % shape.activities)) })),
      'registration': registrations.map((row) => ({ registration: row.registration })),
      'since/until (a day)': days.map((start) => ({ since: new Date(start).toISOString(), until: new Date(start + day).toISOString() })),
      'since (a day, ascending)': days.map((start) => ({ since: new Date(start).toISOString(), ascending: 'true' })),
      'related_activities (a course)': Array.from({ length: COURSES }, (_, n) => ({ activity: courseIri(n + 1), related_activities: 'true' })),
      'related_agents (an instructor)': Array.from({ length: SAMPLES }, (_, n) => ({ agent: JSON.stringify({ objectType: 'Agent', mbox: teacherMbox((n * 7) % TEACHERS) }), related_agents: 'true' })),
      'agent + verb': agents.map((agent, n) => ({ agent: JSON.stringify(agentIri(agent).actor), verb: VERBS[n % VERBS.length] as string })),
      'none (the latest)': [{}],
    };
    // The second pages of the verb filter: `more` links as the first pages give them.
    const more: XapiRequest[] = [];
    for (const verb of VERBS) {
      const first = await fetch(`${baseUrl}${q({ verb })}`, { headers: { authorization, 'x-experience-api-version': '2.0.0' } });
      const link = (JSON.parse(await first.text()) as { more: string }).more;
      if (link) more.push({ method: 'GET', path: link });
    }

    console.log(`\nGET /xapi/statements (pages of 100), concurrency ${GET_CONCURRENCY}, ${args.seconds} s each`);
    const explains: Record<string, string[]> = {};
    const em = runtime.orm.em.fork();
    const runs: [string, XapiRequest[]][] = [...Object.entries(filters).map(([name, list]): [string, XapiRequest[]] => [name, list.map((parameters) => ({ method: 'GET', path: q(parameters) }))]), ['more (the verb filter’s second page)', more]];
    for (const [name, requests] of runs) {
      const result = await runXapiLoad({ baseUrl, authorization, requests, concurrency: GET_CONCURRENCY, seconds: args.seconds, once: false });
      results[`GET ${name}`] = { figures: result, perRequest: 1, load: load() };
      console.log(`  ${name.padEnd(32)} ${figures(result)}  load ${load()}`);
    }
    for (const [name, list] of Object.entries(filters)) {
      explains[name] = await explain(em, statementFilterOf(list[Math.floor(list.length / 2)] as Record<string, string>, '2.0.0'));
    }
    const verbFilter = statementFilterOf({ verb: VERBS[Math.floor(VERBS.length / 2)] as string }, '2.0.0');
    explains['more (the verb filter’s second page)'] = await explain(em, verbFilter, (await findStatements(em, verbFilter, null)).next);
    for (const [name, plan] of Object.entries(explains)) {
      console.log(`\nEXPLAIN (ANALYZE, BUFFERS) ${name}:`);
      for (const line of plan) console.log(`  ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`);
    }

    await mkdir(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `lrs-${args.statements}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    await writeFile(file, `${JSON.stringify({ statements: args.statements, machine: { cpus: os.cpus().length }, dataset: { reused, generationMs: dataset.generation_ms, timings: dataset.timings }, results, explains }, null, 2)}\n`);
    console.log(`\nfigures written to ${path.relative(PROJECT_ROOT, file)}`);
  } finally {
    if (api) await api.stop();
    await db.end();
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
