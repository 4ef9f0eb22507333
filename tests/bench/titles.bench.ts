import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { loadConfig, type Config, type TitlesConfig } from '../../src/core/config';
import { REFERENCE_DATA_DIR, UNIT_FILES } from '../../src/demo/demo-data';
import { ENTITIES } from '../../src/app/entities';
import { migrate, openDatabase } from '../../src/infra/database';
import { createLogger } from '../../src/infra/logger';
import { JobQueues } from '../../src/infra/queue';
import { createRedis } from '../../src/infra/redis';
import { PROJECT_ROOT } from '../../src/core/paths';
import { createServices, type Services } from '../../src/app/services';
import { systemContext } from '../../src/app/system-context';
import { todayInVietnam } from '../../src/core/time';
import { loadCitizenCriteria } from '../../src/titles/engine/criteria';
import { RunTrigger } from '../../src/titles/engine/engine.enums';
import { batchSettings, planCitizenBatches, STORED, upsertCitizenBatch, inBatchTransaction } from '../../src/titles/progress/progress.repository';
import { DEFAULT_TITLES_DATA, generateTitlesData, TITLES_DATA_VERSION } from './titles-data';
import { BENCH_ADMIN_URL, existingDataset, format, provinceRoot, table, TITLES_DATABASE_NAME, TITLES_QUEUE_PREFIX, urlOf, withClient } from './titles-database';

/**
 * `npm run bench:titles -- --citizens N [--regenerate] [--no-explain] [--rerun]`
 *
 * On its own database (lifelong_titlebench, queue prefix titlebench; BENCH_TITLES_DATABASE names another): a synthetic province of N
 * citizens (titles-data.ts), generated once per N and reused (marker table bench_titles_dataset);
 * then a full recalculation of the province for the current year by the real worker process
 * (dist/workers/main.js, its RSS sampled from /proc), the floor (one INSERT … SELECT of the
 * citizens' total scores) and EXPLAIN ANALYZE of one batch statement of the citizen phase.
 * With --rerun, a second full run right after the first, over the same data: every progress row is
 * there already and unchanged, so none is written, as in the monthly runs after the first of a year
 * (whose history rows, for a new month, are inserts; here they are updates of this month's).
 * The worker takes TITLES_BATCH_SIZE and the like from this process's environment.
 */

const DATABASE_NAME = TITLES_DATABASE_NAME;
const QUEUE_PREFIX = TITLES_QUEUE_PREFIX;
const ADMIN_URL = BENCH_ADMIN_URL;
const RESULTS_DIR = path.join(PROJECT_ROOT, 'tests', 'bench', 'results');
const POLL_MS = 200;
const RSS_SAMPLE_MS = 100;
const RUN_TIMEOUT_MS = 60 * 60_000;
const { seconds, int, mib } = format;

interface Args {
  citizens: number;
  regenerate: boolean;
  explain: boolean;
  rerun: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { citizens: 100_000, regenerate: false, explain: true, rerun: false };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    const [flag, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    switch (flag) {
      case '--citizens': {
        const raw = inline ?? argv[++index];
        const value = Number(raw);
        if (!Number.isInteger(value) || value < 100 || value > 20_000_000) throw new Error(`--citizens needs a whole number from 100 to 20,000,000, got "${raw ?? ''}"`);
        args.citizens = value;
        break;
      }
      case '--regenerate':
        args.regenerate = true;
        break;
      case '--no-explain':
        args.explain = false;
        break;
      case '--rerun':
        args.rerun = true;
        break;
      default:
        throw new Error(`unknown argument "${arg}" (known: --citizens N, --regenerate, --no-explain, --rerun)`);
    }
  }
  return args;
}

async function recreateDatabase(): Promise<void> {
  await withClient(ADMIN_URL, async (client) => {
    await client.query(`drop database if exists "${DATABASE_NAME}" with (force)`);
    await client.query(`create database "${DATABASE_NAME}"`);
  });
}

async function importUnits(orm: MikroORM, services: Services): Promise<void> {
  for (const file of UNIT_FILES) {
    const report = await services.unitImport.importCsv(orm.em.fork(), await readFile(path.join(REFERENCE_DATA_DIR, file), 'utf8'));
    if (report.rejected.length) throw new Error(`${file}: ${report.rejected.length} rows rejected, first: ${JSON.stringify(report.rejected[0])}`);
  }
}

interface WorkerProcess {
  child: ChildProcess;
  /** Peak VmRSS seen by sampling, in KiB. */
  sampledPeakKib(): number;
  /** VmHWM (the kernel's peak resident set) and VmRSS now, in KiB. */
  memory(): { hwmKib: number; rssKib: number };
  /** What the worker logged of each phase it finished (`titles phase finished`), by run. */
  phaseLogs(runId: string): PhaseLog[];
  stop(): Promise<void>;
}

/** A phase's split as the worker logs it: its batches, then the removal of stale rows. */
interface PhaseLog {
  phase: string;
  evaluateMs: number;
  cleanupMs: number;
}

function procStatus(pid: number): { hwmKib: number; rssKib: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { hwmKib: field('VmHWM'), rssKib: field('VmRSS') };
}

/** The production worker process on the bench database; resolves once it has started its workers. */
async function startWorker(config: Config, dataDir: string): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'workers', 'main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DEMO_DATA: 'false',
      DATABASE_URL: config.databaseUrl,
      QUEUE_PREFIX,
      DATA_DIR: dataDir,
      EMBEDDED_S3_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the worker process did not start');
  let peak = 0;
  const phaseLogs: (PhaseLog & { runId: string })[] = [];
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, procStatus(pid).rssKib);
    } catch {
      // The process is gone; its exit is handled below.
    }
  }, RSS_SAMPLE_MS);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      let entry: { level?: number; msg?: string } & Partial<PhaseLog & { runId: string }> = {};
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        console.error(`worker: ${line}`);
        return;
      }
      if (entry.msg === 'workers started') resolve();
      if (entry.msg === 'titles phase finished') phaseLogs.push(entry as PhaseLog & { runId: string });
      if ((entry.level ?? 0) >= 40) console.error(`worker: ${line}`);
    });
    void exited.then((code) => reject(new Error(`the worker exited with code ${code} before starting`)));
  });
  return {
    child,
    sampledPeakKib: () => peak,
    memory: () => procStatus(pid),
    phaseLogs: (runId) => phaseLogs.filter((entry) => entry.runId === runId),
    async stop() {
      clearInterval(sampler);
      child.kill('SIGTERM');
      await exited;
    },
  };
}

interface RunRow {
  status: string;
  phase: string | null;
  phase_started_at: Date | null;
  phases_done: string[];
  subjects_done: number;
  subjects_total: number | null;
  counts: Record<string, Record<string, number>> | null;
  rows_written: number;
  attempts: number;
  started_at: Date | null;
  finished_at: Date | null;
  duration_ms: number | null;
  error: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the run row until it ends; the phases' start times as they were seen. */
async function waitForRun(client: Client, runId: string): Promise<{ row: RunRow; phaseStarts: Map<string, Date> }> {
  const phaseStarts = new Map<string, Date>();
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  let lastLine = '';
  while (Date.now() < deadline) {
    const { rows } = await client.query<RunRow>(
      `select status, phase, phase_started_at, phases_done, subjects_done, subjects_total, counts, rows_written, attempts, started_at, finished_at, duration_ms, error
         from title_run where id = $1`,
      [runId],
    );
    const row = rows[0];
    if (!row) throw new Error(`run ${runId} disappeared`);
    if (row.phase && row.phase_started_at && !phaseStarts.has(row.phase)) phaseStarts.set(row.phase, row.phase_started_at);
    const line = `  ${row.status} ${row.phase ?? ''} ${int(row.subjects_done)}/${row.subjects_total === null ? '?' : int(row.subjects_total)}`;
    if (line !== lastLine && process.stdout.isTTY) process.stdout.write(`\r${line}    `);
    lastLine = line;
    if (row.status === 'SUCCEEDED' || row.status === 'FAILED') {
      if (process.stdout.isTTY) process.stdout.write('\n');
      return { row, phaseStarts };
    }
    await sleep(POLL_MS);
  }
  throw new Error(`run ${runId} did not finish within ${RUN_TIMEOUT_MS / 60_000} minutes`);
}

interface PhaseTime {
  phase: string;
  ms: number;
  counts: Record<string, number> | null;
  /** The worker's split of the phase, when it logged one. */
  split: { evaluateMs: number; cleanupMs: number } | null;
}

/** Each phase's wall time, from the start times seen while polling to the next phase's (or the run's end). */
function phaseTimes(row: RunRow, phaseStarts: Map<string, Date>, logs: PhaseLog[]): PhaseTime[] {
  const starts = [...phaseStarts.entries()].sort((a, b) => a[1].getTime() - b[1].getTime());
  return starts.map(([phase, start], index) => {
    const end = starts[index + 1]?.[1] ?? (row.finished_at as Date);
    const logged = logs.find((entry) => entry.phase === phase);
    const split = logged ? { evaluateMs: logged.evaluateMs, cleanupMs: logged.cleanupMs } : null;
    return { phase, ms: end.getTime() - start.getTime(), counts: row.counts?.[phase] ?? null, split };
  });
}

/** A phase's line: its wall time, the worker's split into batches and clean-up, and its counts. */
function phaseLine({ phase, ms, counts, split }: PhaseTime): [string, string] {
  const parts = split ? `  (batches ${seconds(split.evaluateMs)} s, clean-up ${seconds(split.cleanupMs)} s)` : '';
  return [`  phase ${phase}`, `${seconds(ms)} s${parts}${counts ? `  ${JSON.stringify(counts)}` : ''}`];
}

/**
 * The floor: VN-2024's LEARNING_CITIZEN total of every citizen 15+ of the province from the same
 * metrics (self-study hours, plan completion, attended sessions, digital skills and foreign
 * language within 3 years), as one INSERT … SELECT into a scratch table: no indicator details, no
 * status, no history, no attestations, no batching.
 */
function floorSql(rootPath: string, year: number): { sql: string; params: unknown[] } {
  const band = (value: string, bands: [number, number][]) =>
    `(case ${bands.map(([atLeast, points]) => `when ${value} >= ${atLeast} then ${points}`).join(' ')} else 0 end)`;
  return {
    sql: `insert into bench_floor (citizen_id, total)
      with subjects as (
        select c.id from citizen c join administrative_unit u on u.id = c.residence_id
         where u.path like $1 and c.birth_year <= $2::int - 15
      ), logs as materialized (
        select l.citizen_id, l.occurred_on >= make_date($2::int, 1, 1) as this_year, l.source, l.hours, l.topics, l.result, l.session_id, i.kind
          from learning_log l join subjects s on s.id = l.citizen_id left join institution i on i.id = l.institution_id
         where l.status = 'VERIFIED' and l.occurred_on >= make_date($2::int - 2, 1, 1) and l.occurred_on < make_date($2::int + 1, 1, 1)
      ), metrics as (
        select citizen_id,
               coalesce(sum(hours) filter (where this_year and (source = 'RESOURCE_STUDY' or (source = 'ATTENDANCE' and kind = 'LIBRARY'))), 0) as reading,
               count(distinct session_id) filter (where this_year and kind is not null) as sessions,
               case when bool_or(result = 'COMPLETED' and topics @> '{DIGITAL_SKILLS}') then 2 when bool_or(this_year and topics @> '{DIGITAL_SKILLS}') then 1 else 0 end as digital,
               case when bool_or(result = 'COMPLETED' and topics @> '{FOREIGN_LANGUAGE}') then 2 when bool_or(this_year and topics @> '{FOREIGN_LANGUAGE}') then 1 else 0 end as language
          from logs group by citizen_id
      ), topic_hours as (
        select citizen_id, topic, sum(hours) as hours from logs cross join unnest(topics) as topic where this_year group by citizen_id, topic
      ), attended_programmes as (
        select distinct l.citizen_id, ps.programme_id from logs l join programme_session ps on ps.id = l.session_id where l.this_year
      ), plans as (
        select g.citizen_id, count(*) filter (where (g.programme_id is not null and ap.programme_id is not null) or (g.topic is not null and coalesce(th.hours, 0) >= g.target_hours))::numeric / count(*) as done
          from learning_goal g join subjects s on s.id = g.citizen_id
          left join topic_hours th on th.citizen_id = g.citizen_id and th.topic = g.topic
          left join attended_programmes ap on ap.citizen_id = g.citizen_id and ap.programme_id = g.programme_id
         where g.year = $2::int group by g.citizen_id
      )
      select s.id,
             ${band('coalesce(m.reading, 0)', [[20, 10], [10, 8], [5, 6], [2, 5]])}
           + (case when p.done is null then 0 else ${band('p.done', [[1, 10], [0.5, 8], [0, 5]])} end)
           + ${band('coalesce(m.sessions, 0)', [[6, 10], [4, 8], [2, 6], [1, 5]])}
           + ${band('coalesce(m.digital, 0)', [[2, 10], [1, 6]])}
           + ${band('coalesce(m.language, 0)', [[2, 10], [1, 6]])}
        from subjects s left join metrics m on m.citizen_id = s.id left join plans p on p.citizen_id = s.id`,
    params: [`${rootPath}%`, year],
  };
}

/** EXPLAIN (ANALYZE, BUFFERS) of the citizen phase's statement for its first batch, as the engine builds it. */
async function explainFirstBatch(em: EntityManager, run: { id: string; month: string }, rulesetId: string, rootPath: string, year: number, titles: TitlesConfig): Promise<{ citizens: number; plan: string[] }> {
  const criteria = await loadCitizenCriteria(em, rulesetId);
  if (!criteria) throw new Error('the ruleset has no LEARNING_CITIZEN definition');
  const [batch] = await planCitizenBatches(em, rootPath, year, titles.batchSize, titles.concurrency);
  if (!batch) throw new Error('no citizens to explain');
  let plan: string[] = [];
  const explaining = (tx: EntityManager) =>
    ({
      async execute(sql: string, params: unknown[]) {
        const rows = await tx.execute<Record<string, string>[]>(`explain (analyze, buffers) ${sql}`, params);
        // Filters list the batch's residence ids: cut such lines short.
        plan = rows.map((row) => row['QUERY PLAN'] as string).map((line) => (line.length > 240 ? `${line.slice(0, 240)}…` : line));
        return [];
      },
    }) as unknown as EntityManager;
  // As the engine runs it: in the batch's transaction with its settings.
  await inBatchTransaction(em, titles.workMem, (tx) => upsertCitizenBatch(explaining(tx), { residenceIds: batch.unitIds }, year, criteria, STORED(run)));
  return { citizens: batch.subjects, plan };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const today = todayInVietnam();
  const year = Number(today.slice(0, 4));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lifelong-bench-titles-'));
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: urlOf(DATABASE_NAME), QUEUE_PREFIX, DATA_DIR: dataDir, EMBEDDED_S3_PORT: '0', LOG_LEVEL: 'warn', DEMO_DATA: 'false' });
  const log = createLogger('warn');

  let dataset = args.regenerate ? null : await existingDataset(args.citizens, year);
  const reused = dataset !== null;
  if (!dataset) await recreateDatabase();
  const orm = await openDatabase(config, ENTITIES, log);
  const queues = new JobQueues(config.redisUrl, config.queuePrefix, config.queueAnswerMs);
  const redis = createRedis(config.redisUrl, 'api');
  const services = createServices(config, null, queues, redis, log);
  const bench = new Client({ connectionString: config.databaseUrl });
  await bench.connect();
  let worker: WorkerProcess | null = null;
  try {
    await migrate(orm, log);
    const em = orm.em.fork();
    if (!dataset) {
      console.log(`generating ${int(args.citizens)} citizens in ${DATABASE_NAME} (once for this N)…`);
      const started = performance.now();
      await importUnits(orm, services);
      const root = await provinceRoot(em, today);
      const report = await withClient(config.databaseUrl, (client) =>
        generateTitlesData(client, { citizens: args.citizens, year, today, provinceId: root.id, ...DEFAULT_TITLES_DATA }),
      );
      const generationMs = performance.now() - started;
      await bench.query('create table bench_titles_dataset (version int not null, citizens int not null, year int not null, generated_at timestamptz not null, generation_ms int not null, report jsonb not null)');
      await bench.query('insert into bench_titles_dataset values ($1, $2, $3, now(), $4, $5)', [TITLES_DATA_VERSION, args.citizens, year, Math.round(generationMs), JSON.stringify(report)]);
      dataset = { version: TITLES_DATA_VERSION, citizens: args.citizens, year, generation_ms: Math.round(generationMs), report };
    }
    const root = await provinceRoot(em, today);
    table(`dataset (${reused ? 'reused' : 'generated now'}; province ${root.name}, year ${year})`, [
      ...Object.entries(dataset.report.counts).map(([name, count]): [string, string] => [name.replace(/_/g, ' '), int(count)]),
      ['generation, wall', `${seconds(dataset.generation_ms)} s`],
      ...dataset.report.timings.map(({ step, ms }): [string, string] => [`  ${step}`, `${seconds(ms)} s`]),
    ]);

    // A first run of the year: no progress yet, nothing left of earlier benches.
    await bench.query('truncate title_progress, title_progress_month');
    await bench.query('delete from title_run');
    await bench.query('vacuum analyze title_progress, title_progress_month, title_run');
    await bench.query('checkpoint');

    worker = await startWorker(config, dataDir);
    const idle = worker.memory();
    const requested = performance.now();
    const run = await em.transactional((tx) => services.titles.runs.request(systemContext(tx, services, log, null), root, year, RunTrigger.ON_DEMAND));
    await services.titles.runs.dispatch(run);
    console.log(`\nrun ${run.id}: recalculating ${root.name} ${year} in the worker (pid ${worker.child.pid})…`);
    const { row, phaseStarts } = await waitForRun(bench, run.id);
    const waitedMs = performance.now() - requested;
    if (row.status !== 'SUCCEEDED') throw new Error(`the run ended ${row.status}: ${row.error ?? ''}`);
    let rerun: { row: RunRow; phases: PhaseTime[] } | null = null;
    if (args.rerun) {
      const again = await em.fork().transactional((tx) => services.titles.runs.request(systemContext(tx, services, log, null), root, year, RunTrigger.ON_DEMAND));
      await services.titles.runs.dispatch(again);
      console.log(`run ${again.id}: recalculating again, over the progress the first run wrote…`);
      const rerunSeen = await waitForRun(bench, again.id);
      if (rerunSeen.row.status !== 'SUCCEEDED') throw new Error(`the second run ended ${rerunSeen.row.status}: ${rerunSeen.row.error ?? ''}`);
      rerun = { row: rerunSeen.row, phases: phaseTimes(rerunSeen.row, rerunSeen.phaseStarts, worker.phaseLogs(again.id)) };
    }
    const memory = worker.memory();
    const sampledPeak = worker.sampledPeakKib();
    const phases = phaseTimes(row, phaseStarts, worker.phaseLogs(run.id));
    await worker.stop();
    worker = null;

    const { rows: written } = await bench.query<{ progress: string; history: string }>(
      `select (select count(*) from title_progress where year = $1) as progress, (select count(*) from title_progress_month where year = $1) as history`,
      [year],
    );
    const { rows: batches } = await bench.query<{ batches: string }>(
      `select count(*) as batches from (select 1 from citizen c join administrative_unit u on u.id = c.residence_id where u.path like $1 and c.birth_year <= $2::int - 15 group by c.residence_id) x`,
      [`${root.path}%`, year],
    );

    // The floor, on the same data and with the session settings of the engine's batches.
    await bench.query('drop table if exists bench_floor');
    await bench.query('create table bench_floor (citizen_id uuid not null, total numeric(8,2) not null)');
    await bench.query('checkpoint');
    const floor = floorSql(root.path, year);
    const floorStarted = performance.now();
    await bench.query('begin');
    const settings = Object.entries(batchSettings(config.titles.workMem));
    await bench.query(`select ${settings.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`, settings.flat());
    const floorResult = await bench.query(floor.sql, floor.params);
    await bench.query('commit');
    const floorMs = performance.now() - floorStarted;
    const { rows: agreement } = await bench.query<{ compared: string; differing: string }>(
      `select count(*) as compared, count(*) filter (where p.total <> f.total) as differing
         from bench_floor f join title_progress p on p.subject_kind = 'CITIZEN' and p.subject_id = f.citizen_id and p.title_kind = 'LEARNING_CITIZEN' and p.year = $1
        where not exists (select 1 from title_attestation a where a.subject_kind = 'CITIZEN' and a.subject_id = f.citizen_id and a.year = $1)`,
      [year],
    );

    const citizenPhase = phases.find((phase) => phase.phase === 'CITIZENS');
    const runMs = row.duration_ms ?? 0;
    table(`the run (worker process, TITLES_BATCH_SIZE ${config.titles.batchSize}, TITLES_CONCURRENCY ${config.titles.concurrency}, TITLES_WORK_MEM ${config.titles.workMem}, ${int(Number(batches[0]?.batches ?? 0))} residence units)`, [
      ['wall time of the run (title_run)', `${seconds(runMs)} s`],
      ['dispatch → SUCCEEDED seen', `${seconds(waitedMs)} s`],
      ...phases.map(phaseLine),
      ['rows written (title_run)', int(row.rows_written)],
      ['  title_progress rows', int(Number(written[0]?.progress ?? 0))],
      ['  title_progress_month rows', int(Number(written[0]?.history ?? 0))],
      ['attempts', String(row.attempts)],
      ['worker peak RSS (VmHWM)', mib(memory.hwmKib)],
      ['worker peak RSS (sampled)', mib(sampledPeak)],
      ['worker RSS idle before / after', `${mib(idle.rssKib)} / ${mib(memory.rssKib)}`],
    ]);
    if (rerun) {
      table('the second run (every row updated)', [
        ['wall time of the run (title_run)', `${seconds(rerun.row.duration_ms ?? 0)} s`],
        ...rerun.phases.map((phase) => phaseLine({ ...phase, counts: null })),
        ['rows written (title_run)', int(rerun.row.rows_written)],
      ]);
    }
    table('the floor (one INSERT … SELECT of the citizens’ totals)', [
      ['wall time', `${seconds(floorMs)} s`],
      ['rows', int(floorResult.rowCount ?? 0)],
      ['run / floor', `${(runMs / floorMs).toFixed(2)}×`],
      ['citizen phase / floor', citizenPhase ? `${(citizenPhase.ms / floorMs).toFixed(2)}×` : 'n/a'],
      ['totals equal to the engine’s (citizens without attestations)', `${int(Number(agreement[0]?.compared ?? 0) - Number(agreement[0]?.differing ?? 0))} of ${int(Number(agreement[0]?.compared ?? 0))}`],
    ]);

    let explained: { citizens: number; plan: string[] } | null = null;
    if (args.explain) {
      explained = await explainFirstBatch(em, { id: run.id, month: `${todayInVietnam(row.started_at ?? new Date()).slice(0, 7)}-01` }, await rulesetOf(bench, run.id), root.path, year, config.titles);
      console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of the citizen phase's statement for its first batch (${int(explained.citizens)} citizens, rows rewritten as the run wrote them):`);
      for (const line of explained.plan) console.log(`  ${line}`);
    }

    await mkdir(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `titles-${args.citizens}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    await writeFile(
      file,
      `${JSON.stringify(
        {
          citizens: args.citizens,
          year,
          machine: { cpus: os.cpus().length, memoryMiB: Math.round(os.totalmem() / 1048576) },
          dataset: { reused, generationMs: dataset.generation_ms, counts: dataset.report.counts, timings: dataset.report.timings },
          run: {
            id: run.id,
            batchSize: config.titles.batchSize,
            concurrency: config.titles.concurrency,
            durationMs: runMs,
            waitedMs: Math.round(waitedMs),
            phases,
            rowsWritten: row.rows_written,
            progressRows: Number(written[0]?.progress ?? 0),
            historyRows: Number(written[0]?.history ?? 0),
            counts: row.counts,
            attempts: row.attempts,
            workerRssKib: { hwm: memory.hwmKib, sampledPeak, idle: idle.rssKib, after: memory.rssKib },
          },
          rerun: rerun ? { durationMs: rerun.row.duration_ms, phases: rerun.phases, rowsWritten: rerun.row.rows_written } : null,
          floor: { ms: Math.round(floorMs), rows: floorResult.rowCount, runRatio: runMs / floorMs, citizenPhaseRatio: citizenPhase ? citizenPhase.ms / floorMs : null, agreement: agreement[0] },
          explain: explained,
        },
        null,
        2,
      )}\n`,
    );
    console.log(`\nfigures written to ${path.relative(PROJECT_ROOT, file)}`);
  } finally {
    if (worker) await worker.stop();
    await bench.end();
    redis.disconnect();
    await queues.close();
    await orm.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function rulesetOf(client: Client, runId: string): Promise<string> {
  const { rows } = await client.query<{ ruleset_id: string }>('select ruleset_id from title_run where id = $1', [runId]);
  if (!rows[0]?.ruleset_id) throw new Error(`run ${runId} has no ruleset`);
  return rows[0].ruleset_id;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
