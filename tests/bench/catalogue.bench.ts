import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { InstitutionStatus } from '../../src/catalogue/catalogue.enums';
import { findInstitutions, type InstitutionQuery } from '../../src/catalogue/institutions/institution.repository';
import { findSessionsOfParents } from '../../src/catalogue/programmes/session.repository';
import { loadConfig } from '../../src/core/config';
import { PROJECT_ROOT } from '../../src/core/paths';
import { openRuntime, type Runtime } from '../../src/app/runtime';
import { API_NODE_FLAGS } from '../../src/app/api-processes';
import { createApiServer, type ApiServer } from '../../src/http/server';
import { startEmbeddedS3, type EmbeddedS3 } from '../../src/infra/embedded-s3';
import { DEFAULT_DATA_OPTIONS, loadCatalogueData, type CatalogueDataReport } from './catalogue-data';
import { loadInWorker, runLoad, type LoadOptions } from './load-client';
import { applyPeerSql, startPostGraphile } from './peer/postgraphile';
import { catalogueShapes, PRODUCT_NEARBY_QUERY } from './peer/shapes';
import { compareAnswers, runSideBySide, type Contender } from './peer/side-by-side';
import { cpuSince, postgresCpu, processTreeCpu } from './proc-cpu';
import { freePort, startServedProcess, type ServedProcess } from './served-process';
import { percentile } from './stats';

/**
 * `npm run bench:catalogue [-- --seconds N] [--warmup N] [--concurrency N] [--keep] [--inline-client]
 *   [--processes N] [--peer postgraphile] [--rounds N] [--shapes WORDS] [--api-cpu-prof DIR] [--api-node-args "FLAGS"]`
 *
 * Builds its own database (lifelong_bench_catalogue, dropped and re-created each run) with the
 * real administrative units and a synthetic catalogue, starts the API in-process on an ephemeral
 * port, and measures the front end's "institutions near me with their next sessions" query.
 *
 * With --processes N or --peer, the API runs instead as `dist/src/cli/api.js` with API_PROCESSES=N
 * (1 by default), and the three catalogue shapes are measured in --rounds rounds; with --peer
 * postgraphile, PostGraphile 4 serves the same database too, and each round runs the product then
 * PostGraphile on each shape (see peer/side-by-side.ts). --shapes keeps only the shapes whose name holds one of its
 * comma-separated words ("one institution" for the point lookup, both ways; a word after "=" is a whole name); --api-cpu-prof writes a V8 CPU profile of each
 * product API process into DIR when it stops (node --cpu-prof); --api-node-args passes more flags to its node.
 */

const DATABASE_NAME = 'lifelong_bench_catalogue';
const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const UNIT_FILES = ['long-an-units-2024.csv', 'tay-ninh-units-2025.csv'];
const RADIUS_KM = 25;
const PAGE = 20;
const FIRST_VALUES = [5, 20, 50, 100];
/** The GiST index on the institutions' stored earth points, which radius queries should use. */
const GIST_INDEX = 'institution_earth_point_index';

/** Tân An (the provincial library) and a few points around it, up to ~2 km away. */
const CENTRES: { latitude: number; longitude: number }[] = [
  { latitude: 10.5363, longitude: 106.4109 },
  { latitude: 10.5402, longitude: 106.406 },
  { latitude: 10.528, longitude: 106.423 },
  { latitude: 10.5451, longitude: 106.4187 },
  { latitude: 10.5249, longitude: 106.3998 },
  { latitude: 10.5318, longitude: 106.4302 },
  { latitude: 10.5497, longitude: 106.4031 },
  { latitude: 10.5205, longitude: 106.4141 },
];

/** The text the "search" shape looks for: the libraries, typed without accents. */
const SEARCH_TEXT = 'thu vien';
/** How many institutions the "one by id" shape looks up in turn: the nearest ones. */
const LOOKUP_INSTITUTIONS = 8;

interface Args {
  seconds: number;
  warmup: number;
  concurrency: number;
  keep: boolean;
  inlineClient: boolean;
  /** API processes of the product run as a child process; null: the API in this process. */
  processes: number | null;
  peer: 'postgraphile' | null;
  rounds: number;
  /** Words of the shape names to measure; null: every shape. */
  shapes: string[] | null;
  /** Where the product API processes write their CPU profiles; null: not profiled. */
  apiCpuProf: string | null;
  /** More flags for the product API's node (--max-semi-space-size=32, say). */
  apiNodeArgs: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = { seconds: 20, warmup: 3, concurrency: 32, keep: false, inlineClient: false, processes: null, peer: null, rounds: 3, shapes: null, apiCpuProf: null, apiNodeArgs: [] };
  const number = (flag: string, value: string | undefined, min: number, max: number): number => {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max) throw new Error(`${flag} needs a number from ${min} to ${max}, got "${value ?? ''}"`);
    return parsed;
  };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    const [flag, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++index];
    switch (flag) {
      case '--seconds':
        args.seconds = number(flag, value(), 1, 3600);
        break;
      case '--warmup':
        args.warmup = number(flag, value(), 0, 600);
        break;
      case '--concurrency':
      case '--connections':
        args.concurrency = Math.round(number(flag, value(), 1, 1024));
        break;
      case '--processes':
        args.processes = Math.round(number(flag, value(), 1, 64));
        break;
      case '--rounds':
        args.rounds = Math.round(number(flag, value(), 1, 100));
        break;
      case '--peer': {
        const peer = value();
        if (peer !== 'postgraphile') throw new Error(`--peer knows only "postgraphile", got "${peer ?? ''}"`);
        args.peer = peer;
        break;
      }
      case '--shapes': {
        const words = (value() ?? '').split(',').map((word) => word.trim()).filter(Boolean);
        if (!words.length) throw new Error('--shapes needs comma-separated words of shape names');
        args.shapes = words;
        break;
      }
      case '--api-cpu-prof': {
        const dir = value();
        if (!dir) throw new Error('--api-cpu-prof needs a folder');
        args.apiCpuProf = path.resolve(dir);
        break;
      }
      case '--api-node-args':
        args.apiNodeArgs = (value() ?? '').split(' ').filter(Boolean);
        break;
      case '--keep':
        args.keep = true;
        break;
      case '--inline-client':
        args.inlineClient = true;
        break;
      default:
        throw new Error(
          `unknown argument "${arg}" (known: --seconds N, --warmup N, --concurrency N (or --connections N), --keep, --inline-client, --processes N, --peer postgraphile, --rounds N, --shapes WORDS, --api-cpu-prof DIR, --api-node-args "FLAGS")`,
        );
    }
  }
  return args;
}

function urlOf(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function dropDatabase(name: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

const fmt = (value: number, digits = 1): string => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const int = (value: number): string => value.toLocaleString('en-US');

async function step<T>(label: string, work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  console.log(`  ${label.padEnd(38)} ${fmt(ms / 1000, 2).padStart(7)} s`);
  return { value, ms };
}

interface GraphQLReply {
  data?: {
    institutions?: { totalCount: number; pageInfo: { hasNextPage: boolean }; edges: { distanceKm: number | null; node: { upcomingSessions: unknown[] } }[] };
  };
  errors?: { message: string }[];
  extensions?: { sqlStatements?: number };
}

async function nearby(url: string, variables: Record<string, unknown>): Promise<GraphQLReply> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: PRODUCT_NEARBY_QUERY, variables }),
  });
  const reply = (await response.json()) as GraphQLReply;
  if (!response.ok || reply.errors?.length) throw new Error(`nearby query failed (HTTP ${response.status}): ${JSON.stringify(reply.errors ?? reply)}`);
  return reply;
}

interface StatementCount {
  first: number;
  statements: number | null;
  edges: number;
  sessions: number;
  totalCount: number;
  hasNextPage: boolean;
}

async function statementCounts(url: string): Promise<StatementCount[]> {
  const counts: StatementCount[] = [];
  for (const first of FIRST_VALUES) {
    const reply = await nearby(url, { near: { ...CENTRES[0], radiusKm: RADIUS_KM }, first });
    const connection = reply.data?.institutions;
    if (!connection) throw new Error('nearby query returned no data');
    counts.push({
      first,
      statements: reply.extensions?.sqlStatements ?? null,
      edges: connection.edges.length,
      sessions: connection.edges.reduce((sum, edge) => sum + edge.node.upcomingSessions.length, 0),
      totalCount: connection.totalCount,
      hasNextPage: connection.pageInfo.hasNextPage,
    });
  }
  return counts;
}

interface ExplainedStatement {
  label: string;
  plan: string[];
  executionMs: number | null;
  planningMs: number | null;
  usesGist: boolean;
  indexes: string[];
}

/**
 * Runs `work` with an EntityManager whose `execute` first runs EXPLAIN (ANALYZE, BUFFERS) of each
 * statement with the same parameters, then the statement itself: the plans are those of the very
 * SQL the repository functions send.
 */
async function explainStatements(em: EntityManager, work: (em: EntityManager, label: (name: string) => void) => Promise<void>): Promise<ExplainedStatement[]> {
  const explained: ExplainedStatement[] = [];
  let nextLabel = 'statement';
  const proxy = new Proxy(em, {
    get(target, property) {
      if (property === 'execute') {
        return async (sql: string, params: unknown[] = []) => {
          const rows = await target.execute<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers) ${sql}`, params);
          const plan = rows.map((row) => row['QUERY PLAN']);
          const timeOf = (prefix: string): number | null => {
            const line = plan.find((text) => text.startsWith(prefix));
            return line ? Number(/([\d.]+) ms/.exec(line)?.[1]) : null;
          };
          explained.push({
            label: nextLabel,
            plan,
            executionMs: timeOf('Execution Time'),
            planningMs: timeOf('Planning Time'),
            usesGist: plan.some((text) => text.includes(GIST_INDEX)),
            indexes: [...new Set(plan.flatMap((text) => [...text.matchAll(/Scan (?:Backward )?(?:using|on) (\S+)/g)].map((match) => match[1] as string)))],
          });
          return target.execute(sql, params);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as Function).bind(target) : value;
    },
  });
  await work(proxy, (name) => {
    nextLabel = name;
  });
  return explained;
}

async function explainNearby(runtime: Runtime): Promise<ExplainedStatement[]> {
  const query: InstitutionQuery = {
    unitPath: null,
    kinds: null,
    statuses: [InstitutionStatus.ACTIVE, InstitutionStatus.TEMPORARILY_CLOSED],
    search: null,
    near: { ...(CENTRES[0] as { latitude: number; longitude: number }), radiusKm: RADIUS_KM },
    sort: 'DISTANCE',
  };
  return explainStatements(runtime.orm.em.fork(), async (em, label) => {
    label(`institutions page with units and totalCount (limit ${PAGE + 1})`);
    const rows = await findInstitutions(em, query, { direction: 'forward', position: null, limit: PAGE + 1 }, true);
    label(`upcoming sessions with their programmes of ${Math.min(rows.length, PAGE)} institutions`);
    await findSessionsOfParents(
      em,
      rows.slice(0, PAGE).map((row) => row.institution.id),
      { parentColumn: 'institution_id', from: new Date(), includeCancelled: false, publishedOnly: true },
      { direction: 'forward', position: null, limit: 3 },
      true,
    );
  });
}

interface Usage {
  /** Share of the measured time the API's event loop (main thread) was busy. */
  eventLoopBusy: number;
  eventLoopBusyMs: number;
  /** CPU of the whole Node process: API, and the load client when it runs in the main thread or a worker. */
  processCpuMs: number;
  postgresCpuMs: number | null;
}

/** Snapshots when the measured phase starts; `finish` reports the use since then. */
class UsageMeter {
  private elu = performance.eventLoopUtilization();
  private cpu = process.cpuUsage();
  private postgres: Promise<Map<number, number> | null> = Promise.resolve(null);

  start(): void {
    this.elu = performance.eventLoopUtilization();
    this.cpu = process.cpuUsage();
    this.postgres = postgresCpu(ADMIN_URL, DATABASE_NAME).catch(() => null);
  }

  async finish(): Promise<Usage> {
    const elu = performance.eventLoopUtilization(this.elu);
    const cpu = process.cpuUsage(this.cpu);
    const before = await this.postgres;
    const after = await postgresCpu(ADMIN_URL, DATABASE_NAME).catch(() => null);
    const postgresCpuMs = before && after ? cpuSince(before, after) : null;
    return { eventLoopBusy: elu.utilization, eventLoopBusyMs: elu.active, processCpuMs: (cpu.user + cpu.system) / 1000, postgresCpuMs };
  }
}

function table(rows: [string, string][]): string {
  const left = Math.max(...rows.map(([label]) => label.length));
  const right = Math.max(...rows.map(([, value]) => value.length));
  const line = `+${'-'.repeat(left + 2)}+${'-'.repeat(right + 2)}+`;
  return [line, ...rows.map(([label, value]) => `| ${label.padEnd(left)} | ${value.padStart(right)} |`), line].join('\n');
}

/** The product's `npm run api` (with its node flags) on a free port with API_PROCESSES=processes, once all of them have started. */
async function startProductApi(env: NodeJS.ProcessEnv, processes: number, cpuProfDir: string | null, nodeArgs: string[]): Promise<ServedProcess> {
  const port = await freePort();
  const api = await startServedProcess(`product (${processes}p)`, `http://127.0.0.1:${port}/graphql`, path.join(PROJECT_ROOT, 'dist', 'src', 'cli', 'api.js'), [], {
    env: { ...env, HOST: '127.0.0.1', PORT: String(port), API_PROCESSES: String(processes) },
    // node:cluster workers inherit these flags, so each process writes its own profile.
    nodeArgs: [...API_NODE_FLAGS, ...nodeArgs, ...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [])],
    startSeconds: 60,
  });
  // The first process to listen answers before the others have started: wait for all of them.
  const deadline = Date.now() + 60_000;
  while (processes > 1 && processTreeCpu(api.pid).size < processes + 1) {
    if (Date.now() > deadline) throw new Error(`fewer than ${processes} API processes started`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return api;
}

/** The three shapes, product (and peer) interleaved, after checking both answer alike. */
async function sideBySide(args: Args, databaseUrl: string, product: ServedProcess, served: ServedProcess[]): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let institutionIds: string[];
  try {
    const centre = CENTRES[0] as { latitude: number; longitude: number };
    // The nearest open institutions of the first centre: those a front end would open.
    const { rows } = await client.query<{ id: string }>(
      `select id from institution where status = 'ACTIVE' and earth_point is not null order by earth_distance(ll_to_earth($1, $2), earth_point), id limit $3`,
      [centre.latitude, centre.longitude, LOOKUP_INSTITUTIONS],
    );
    institutionIds = rows.map((row) => row.id);
  } finally {
    await client.end();
  }
  const shapes = catalogueShapes({ centres: CENTRES, radiusKm: RADIUS_KM, page: PAGE, institutionIds, search: SEARCH_TEXT }).filter(
    (shape) => !args.shapes || args.shapes.some((word) => (word.startsWith('=') ? shape.name === word.slice(1) : shape.name.includes(word))),
  );
  if (!shapes.length) throw new Error(`--shapes ${args.shapes?.join(',')} matches no shape`);
  const contenders: Contender[] = [{ server: product, side: (shape) => shape.product }];
  if (args.peer === 'postgraphile') {
    await step('PostGraphile: install, bench_peer schema, start', async () => {
      await applyPeerSql(databaseUrl);
      const peer = await startPostGraphile(databaseUrl);
      served.push(peer);
      contenders.push({ server: peer, side: (shape) => shape.peer });
    });
    console.log(`  ${contenders[1]?.server.label} (pid ${contenders[1]?.server.pid}) listening on ${contenders[1]?.server.url}`);
    console.log('\nSame answers on both sides (ids in order, for every variables used under load):');
    await compareAnswers(shapes, contenders);
  }
  console.log(
    `\nLoad: ${args.concurrency} keep-alive connections, ${args.rounds} round(s), each ${args.warmup} s warm-up then ${args.seconds} s measured per shape and side, ` +
      `${contenders.map((contender) => contender.server.label).join(' then ')}; load average ${os.loadavg().map((load) => fmt(load, 2)).join(' ')}`,
  );
  await runSideBySide(shapes, contenders, { rounds: args.rounds, seconds: args.seconds, warmup: args.warmup, connections: args.concurrency, adminUrl: ADMIN_URL, database: DATABASE_NAME });
  console.log(
    '\nAPI CPU: all processes of each API (the product\'s primary and its workers) from /proc, per request answered; PG CPU: the database\'s backends. ' +
      `Load average at the end ${os.loadavg().map((load) => fmt(load, 2)).join(' ')}.`,
  );
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lifelong-bench-'));
  const childApi = args.processes !== null || args.peer !== null || args.apiCpuProf !== null || args.apiNodeArgs.length > 0;
  let runtime: Runtime | null = null;
  let server: ApiServer | null = null;
  let s3: EmbeddedS3 | null = null;
  const served: ServedProcess[] = [];
  try {
    console.log(`Catalogue benchmark: database ${DATABASE_NAME}, ${os.cpus().length} CPUs, Node ${process.version}`);
    console.log('Setting up:');
    await dropDatabase(DATABASE_NAME);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // Production refuses the embedded S3 server the benchmark runs; every setting NODE_ENV would
      // change the default of is set explicitly below, as production has it.
      NODE_ENV: 'development',
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATABASE_URL: urlOf(DATABASE_NAME),
      DATA_DIR: dataDir,
      S3_ENDPOINT: '',
      EMBEDDED_S3_PORT: '0',
      QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
      LOG_LEVEL: 'silent',
      GRAPHQL_QUERY_STATS: 'true',
      GRAPHQL_SANDBOX: 'false',
      DEMO_DATA: 'false',
      PASSWORD_HASH_COST: '11',
      // The load comes from one address: the per-minute limit would refuse all but the first requests.
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_PER_MINUTE_SIGNED_IN: '0',
    };
    if (childApi) {
      // API processes share one S3 server: the embedded one runs here, for them and this process.
      s3 = await startEmbeddedS3(path.join(dataDir, 's3'), 0, loadConfig(env).s3);
      env.S3_ENDPOINT = s3.endpoint;
    }
    const config = loadConfig(env);
    const opened = await step('create + migrate database', () => openRuntime(config, { migrate: true, redisPurpose: 'api' }));
    runtime = opened.value;
    const rt = runtime;

    const units = await step('import administrative units (ORM)', async () => {
      let created = 0;
      for (const file of UNIT_FILES) {
        const csv = await readFile(path.join(PROJECT_ROOT, 'src', 'catalogue', 'reference-data', file), 'utf8');
        const report = await rt.services.unitImport.importCsv(rt.orm.em.fork(), csv);
        if (report.rejected.length) throw new Error(`${file}: ${report.rejected.length} rows rejected, first: ${JSON.stringify(report.rejected[0])}`);
        created += report.created;
      }
      return created;
    });

    const client = new Client({ connectionString: config.databaseUrl });
    await client.connect();
    let data: { value: CatalogueDataReport; ms: number };
    try {
      data = await step('generate + insert catalogue (set-based)', () => loadCatalogueData(client, { ...DEFAULT_DATA_OPTIONS, now: new Date() }));
    } finally {
      await client.end();
    }
    for (const timing of data.value.timings) console.log(`    ${timing.step.padEnd(36)} ${fmt(timing.ms / 1000, 2).padStart(7)} s`);
    const loadingMs = units.ms + data.ms;
    console.log(
      `  loaded ${int(units.value)} units (${data.value.communes} current communes), ${int(data.value.institutions)} institutions, ` +
        `${int(data.value.programmes)} programmes, ${int(data.value.sessions)} sessions (${int(data.value.upcomingSessions)} upcoming) in ${fmt(loadingMs / 1000, 2)} s`,
    );

    let url: string;
    if (childApi) {
      const processes = args.processes ?? 1;
      const product = await startProductApi(env, processes, args.apiCpuProf, args.apiNodeArgs);
      served.push(product);
      url = product.url.replace(/\/graphql$/, '');
      console.log(`  API (${processes} process${processes > 1 ? 'es' : ''}, pid ${product.pid}) listening on ${url} (production settings, GRAPHQL_QUERY_STATS=true, LOG_LEVEL=silent, no rate limit)`);
    } else {
      server = await createApiServer(rt);
      const httpServer = server.httpServer;
      await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
      console.log(`  API listening on ${url} (production settings with the embedded S3, GRAPHQL_QUERY_STATS=true, LOG_LEVEL=silent, no rate limit)`);
    }

    console.log('\nSQL statements per request (nearby query at Tân An, 25 km):');
    await statementCounts(url); // once to warm the schema and the pool
    const counts = await statementCounts(url);
    for (const count of counts) {
      console.log(
        `  first=${String(count.first).padEnd(3)} → ${count.statements ?? 'n/a'} statements (${count.edges} institutions, ${count.sessions} sessions, totalCount ${count.totalCount}, hasNextPage ${count.hasNextPage})`,
      );
    }
    const distinct = new Set(counts.map((count) => count.statements));
    const constant = distinct.size === 1 && !distinct.has(null);
    console.log(`  constant across first = ${FIRST_VALUES.join(', ')}: ${constant ? 'yes' : 'NO'}`);

    console.log('\nEXPLAIN (ANALYZE, BUFFERS) of the statements behind the query (first = 20):');
    const plans = await explainNearby(rt);
    for (const plan of plans) {
      const gist = plan.label.startsWith('institutions') ? `, GiST ${GIST_INDEX} ${plan.usesGist ? 'used' : 'NOT used'}` : '';
      console.log(`  ${plan.label}: execution ${plan.executionMs ?? '?'} ms, planning ${plan.planningMs ?? '?'} ms${gist}; scans: ${plan.indexes.join(', ') || 'none'}`);
    }
    const pagePlan = plans[0];
    if (pagePlan) console.log(`  plan of "${pagePlan.label}":\n${pagePlan.plan.map((line) => `    ${line}`).join('\n')}`);

    if (childApi) {
      await sideBySide(args, config.databaseUrl, served[0] as ServedProcess, served);
      return;
    }

    const loadOptions: LoadOptions = {
      url: `${url}/graphql`,
      query: PRODUCT_NEARBY_QUERY,
      variables: CENTRES.map((centre) => ({ near: { ...centre, radiusKm: RADIUS_KM }, first: PAGE })),
      concurrency: args.concurrency,
      warmupSeconds: args.warmup,
      seconds: args.seconds,
      timeoutMs: 10_000,
    };
    console.log(
      `\nLoad: ${args.concurrency} keep-alive connections, ${args.warmup} s warm-up then ${args.seconds} s measured, ` +
        `${CENTRES.length} centres in turn, client in ${args.inlineClient ? 'the main thread' : 'a worker thread'}…`,
    );
    const meter = new UsageMeter();
    const result = args.inlineClient ? await runLoad(loadOptions, () => meter.start()) : await loadInWorker(loadOptions, () => meter.start());
    const usage = await meter.finish();
    const sorted = Float64Array.from(result.latenciesMs).sort();
    const rps = (result.requests / result.elapsedMs) * 1000;
    const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
    const seenStatements = Object.entries(result.sqlStatements).map(([statements, times]) => `${statements}×${int(times)}`).join(', ');
    const seenEdges = Object.entries(result.edgeCounts).map(([edges, times]) => `${edges}×${int(times)}`).join(', ');
    console.log(`  ${int(result.warmupRequests)} warm-up requests; measured: ${int(result.requests)} requests in ${fmt(result.elapsedMs / 1000, 2)} s`);
    console.log(`  sqlStatements seen under load: ${seenStatements || 'none'}; edges per page: ${seenEdges || 'none'}`);
    for (const sample of result.errorSamples) console.log(`  error: ${sample}`);
    const perRequest = (ms: number): string => `${fmt(ms / Math.max(1, result.requests))} ms/request`;
    console.log(
      `  API event loop busy ${fmt(usage.eventLoopBusy * 100)}% (${perRequest(usage.eventLoopBusyMs)}${args.inlineClient ? ', includes the client' : ''}); ` +
        `Node process CPU ${perRequest(usage.processCpuMs)} (API + client); ` +
        `PostgreSQL backends CPU ${usage.postgresCpuMs === null ? 'n/a' : perRequest(usage.postgresCpuMs)}; load average ${os.loadavg().map((load) => fmt(load, 2)).join(' ')}`,
    );

    const gist = plans.filter((plan) => plan.label.startsWith('institutions'));
    const rows: [string, string][] = [
      ['data', `${int(data.value.institutions)} inst · ${int(data.value.programmes)} prog · ${int(data.value.sessions)} sess`],
      ['loading (units + catalogue + analyze)', `${fmt(loadingMs / 1000, 2)} s`],
      ['concurrency · duration', `${args.concurrency} · ${args.seconds} s`],
      ['requests', int(result.requests)],
      ['requests/s', fmt(rps)],
      ['latency mean (ms)', fmt(mean)],
      ['latency p50 (ms)', fmt(percentile(sorted, 0.5))],
      ['latency p90 (ms)', fmt(percentile(sorted, 0.9))],
      ['latency p99 (ms)', fmt(percentile(sorted, 0.99))],
      ['latency max (ms)', fmt(sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN)],
      ['errors', int(result.errors)],
      ['API event loop busy', `${fmt(usage.eventLoopBusy * 100)}% · ${perRequest(usage.eventLoopBusyMs)}`],
      ['PostgreSQL CPU', usage.postgresCpuMs === null ? 'n/a' : perRequest(usage.postgresCpuMs)],
      ...counts.map((count): [string, string] => [`SQL statements, first=${count.first}`, String(count.statements ?? 'n/a')]),
      ['SQL statement count constant', constant ? 'yes' : 'NO'],
      ...gist.map((plan): [string, string] => [`${plan.label} exec`, `${plan.executionMs ?? '?'} ms, GiST ${plan.usesGist ? 'used' : 'NOT used'}`]),
    ];
    console.log(`\nSummary: nearby institutions (${RADIUS_KM} km of Tân An) with their next 3 sessions, ${PAGE} per page\n${table(rows)}`);
  } finally {
    for (const child of served) await child.stop();
    if (server) await server.stop();
    if (runtime) await runtime.close();
    if (args.keep) console.log(`Kept database ${DATABASE_NAME} (${urlOf(DATABASE_NAME)})`);
    else await dropDatabase(DATABASE_NAME);
    if (s3) await s3.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => {
    process.exitCode = 0;
    // Whatever handle a library may leave open must not keep the benchmark alive.
    setTimeout(() => process.exit(0), 3_000).unref();
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
