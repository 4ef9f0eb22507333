import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { ENTITIES } from '../../src/app/entities';
import { createServices, type Services } from '../../src/app/services';
import { systemContext } from '../../src/app/system-context';
import { Account } from '../../src/auth/account.entity';
import type { Actor } from '../../src/core/actor';
import { loadConfig } from '../../src/core/config';
import { PROJECT_ROOT } from '../../src/core/paths';
import { Role } from '../../src/core/roles';
import { todayInVietnam } from '../../src/core/time';
import { migrate, openDatabase } from '../../src/infra/database';
import { createLogger } from '../../src/infra/logger';
import { JobQueues } from '../../src/infra/queue';
import { createRedis } from '../../src/infra/redis';
import { ReportPeriodKind } from '../../src/reports/reports.enums';
import { renderReportDocument } from '../../src/reports/files/report-file.service';
import { ReportFileFormat } from '../../src/reports/files/report-file.entity';
import { existingDataset, format, provinceRoot, table, TITLES_DATABASE_NAME, TITLES_QUEUE_PREFIX, urlOf } from './titles-database';

/**
 * `npm run bench:reports -- [--citizens N]` (N = 1,000,000 unless given)
 *
 * On the titles bench's database (lifelong_titlebench, the province of N citizens that
 * `npm run bench:titles -- --citizens N` generated and ran the titles of this year over, reused
 * as it is): an annual report period of this year is opened and the province's consolidated report
 * is made, as the Department of Education makes it (`ConsolidationService.consolidate`: the
 * province-wide figures frozen into a snapshot). Prints its wall time and each SQL statement's,
 * the rows PostgreSQL read (pg_stat_database deltas of the bench database: tup_returned, rows
 * handed out by sequential and index scans, and tup_fetched, rows fetched from the heap by index
 * scans; with the buffers hit and read), and the bench process's peak RSS; then the time to make
 * the report files (`generateReportFiles`). Figures also in tests/bench/results/.
 */

const RESULTS_DIR = path.join(PROJECT_ROOT, 'tests', 'bench', 'results');
const RSS_SAMPLE_MS = 50;
/** PostgreSQL 15 backends flush their statistics when idle, at most every 10 s: wait that long before reading them. */
const STATS_FLUSH_MS = 11_000;
const { seconds, int, mib } = format;

function parseCitizens(argv: string[]): number {
  let citizens = 1_000_000;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    const [flag, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    if (flag !== '--citizens') throw new Error(`unknown argument "${arg}" (known: --citizens N)`);
    const raw = inline ?? argv[++index];
    citizens = Number(raw);
    if (!Number.isInteger(citizens) || citizens < 100) throw new Error(`--citizens needs a whole number of at least 100, got "${raw ?? ''}"`);
  }
  return citizens;
}

interface DatabaseCounters {
  tup_returned: number;
  tup_fetched: number;
  blks_hit: number;
  blks_read: number;
}

async function databaseCounters(client: Client): Promise<DatabaseCounters> {
  await client.query('select pg_stat_clear_snapshot()');
  const { rows } = await client.query<Record<keyof DatabaseCounters, string>>(
    'select tup_returned, tup_fetched, blks_hit, blks_read from pg_stat_database where datname = current_database()',
  );
  const row = rows[0];
  if (!row) throw new Error('no pg_stat_database row for the bench database');
  return { tup_returned: Number(row.tup_returned), tup_fetched: Number(row.tup_fetched), blks_hit: Number(row.blks_hit), blks_read: Number(row.blks_read) };
}

function rssKib(): { hwmKib: number; rssKib: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { hwmKib: field('VmHWM'), rssKib: field('VmRSS') };
}

interface StatementTime {
  /** The function that ran it (countTitleHolders, …): the figures' statements all begin alike. */
  caller: string;
  ms: number;
  rows: number;
}

function callerOf(stack: string): string {
  const frame = stack.split('\n').slice(1).find((line) => !line.includes('reports.bench'));
  return /at (?:async )?([\w.$<>]+)/.exec(frame ?? '')?.[1] ?? 'unknown';
}

/** The entity manager with its raw statements (the figures' set-based SQL) timed; everything else passes through. */
function timingStatements(em: EntityManager, times: StatementTime[]): EntityManager {
  return new Proxy(em, {
    get(target, property, receiver) {
      if (property !== 'execute') {
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as Function).bind(target) : value;
      }
      return async (...args: Parameters<EntityManager['execute']>) => {
        const caller = callerOf(new Error().stack ?? '');
        const started = performance.now();
        const result = await target.execute(...args);
        times.push({ caller, ms: performance.now() - started, rows: Array.isArray(result) ? result.length : 0 });
        return result;
      };
    },
  });
}

export interface FileTiming {
  format: string;
  ms: number;
  bytes: number;
}

/** Renders the consolidated report's three files as the reports worker does, each timed on its own. */
async function generateReportFiles(services: Services, em: EntityManager, consolidatedReportId: string): Promise<FileTiming[]> {
  const doc = await services.reports.files.consolidatedDocument(em, consolidatedReportId);
  const timings: FileTiming[] = [];
  for (const format of Object.values(ReportFileFormat)) {
    const started = performance.now();
    const bytes = await renderReportDocument(doc, format);
    timings.push({ format, ms: performance.now() - started, bytes: bytes.length });
  }
  return timings;
}

async function main(): Promise<void> {
  const citizens = parseCitizens(process.argv.slice(2));
  const today = todayInVietnam();
  const year = Number(today.slice(0, 4));
  const dataset = await existingDataset(citizens, year);
  if (!dataset) throw new Error(`no titles bench dataset of ${int(citizens)} citizens for ${year} in ${TITLES_DATABASE_NAME}: run \`npm run bench:titles -- --citizens ${citizens}\` first`);

  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: urlOf(TITLES_DATABASE_NAME), QUEUE_PREFIX: TITLES_QUEUE_PREFIX, LOG_LEVEL: 'warn', DEMO_DATA: 'false' });
  const log = createLogger('warn');
  const orm = await openDatabase(config, ENTITIES, log);
  const queues = new JobQueues(config.redisUrl, config.queuePrefix, config.queueAnswerMs);
  const redis = createRedis(config.redisUrl, 'api');
  const services = createServices(config, null, queues, redis, log);
  const stats = new Client({ connectionString: config.databaseUrl });
  await stats.connect();
  try {
    await migrate(orm, log);
    const em = orm.em.fork();
    const root = await provinceRoot(em, today);
    const { rows: titled } = await stats.query<{ runs: string; progress: string }>(
      `select (select count(*) from title_run where year = $1 and status = 'SUCCEEDED') as runs, (select count(*) from title_progress where year = $1) as progress`,
      [year],
    );
    if (!Number(titled[0]?.runs) || !Number(titled[0]?.progress)) throw new Error(`no titles computed for ${year} yet: run \`npm run bench:titles -- --citizens ${citizens}\` first`);

    // What an earlier run of this bench left: its periods (their reports and reporting bodies go with them) and consolidated reports.
    await stats.query('delete from consolidated_report');
    await stats.query(`delete from report_snapshot s where not exists (select 1 from report r where r.snapshot_id = s.id)`);
    await stats.query('delete from report_period');
    const account = em.create(Account, { email: `reports-bench-${Date.now()}@bench.vn`, passwordHash: 'x', displayName: 'Sở Giáo dục và Đào tạo (bench)' });
    await em.flush();
    const actor: Actor = { accountId: account.id, grants: [{ role: Role.PROVINCE_ADMIN, institutionId: null, unitId: null, unitPath: null, centreUnitPath: null }] };
    const period = await em.transactional((tx) =>
      services.reports.periods.open(systemContext(tx, services, log, actor), { kind: ReportPeriodKind.ANNUAL, fromYear: year, toYear: year, cutOffDate: null, dueDate: null }),
    );
    await stats.query('checkpoint');

    const statements: StatementTime[] = [];
    let sampledPeak = 0;
    const sampler = setInterval(() => {
      sampledPeak = Math.max(sampledPeak, rssKib().rssKib);
    }, RSS_SAMPLE_MS);
    const rssBefore = rssKib().rssKib;
    const before = await databaseCounters(stats);
    const started = performance.now();
    const consolidated = await orm.em.fork().transactional((tx) => services.reports.consolidation.consolidate(systemContext(timingStatements(tx, statements), services, log, actor), period.id));
    const consolidationMs = performance.now() - started;
    clearInterval(sampler);
    const memory = rssKib();
    await new Promise((resolve) => setTimeout(resolve, STATS_FLUSH_MS));
    const after = await databaseCounters(stats);

    const snapshot = consolidated.snapshot;
    const filesStarted = performance.now();
    const files = await generateReportFiles(services, orm.em.fork(), consolidated.id);
    const filesMs = performance.now() - filesStarted;

    const delta = (key: keyof DatabaseCounters) => after[key] - before[key];
    const figure = (code: string) => snapshot.figures.find((item) => item.code === code)?.value ?? null;
    table(`the province's consolidated report (${root.name}, annual period ${year}, ${int(citizens)} citizens of the titles bench)`, [
      ['wall time of consolidate()', `${seconds(consolidationMs)} s`],
      ...statements.map(({ caller, ms, rows }): [string, string] => [`  ${caller}`, `${seconds(ms)} s, ${int(rows)} rows`]),
      ['figures', int(snapshot.figures.length)],
      ['  Learning Citizens (holders)', String(figure('TITLE_LEARNING_CITIZEN_HOLDERS'))],
      ['  title runs in the basis', int(snapshot.basis.titleRunIds.length)],
      ['rows read (pg_stat_database Δ)', `${int(delta('tup_returned') + delta('tup_fetched'))}`],
      ['  tup_returned (scanned)', int(delta('tup_returned'))],
      ['  tup_fetched (by index)', int(delta('tup_fetched'))],
      ['buffers hit / read (8 kB)', `${int(delta('blks_hit'))} / ${int(delta('blks_read'))}`],
      ['bench process peak RSS (VmHWM)', mib(memory.hwmKib)],
      ['  sampled during consolidate()', `${mib(sampledPeak)} (${mib(rssBefore)} before)`],
      ['report files (DOCX, XLSX, PDF)', files.map((file) => `${file.format} ${seconds(file.ms)} s ${int(file.bytes)} B`).join(', ')],
    ]);

    await mkdir(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `reports-${citizens}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    await writeFile(
      file,
      `${JSON.stringify(
        {
          citizens,
          year,
          machine: { cpus: os.cpus().length, memoryMiB: Math.round(os.totalmem() / 1048576) },
          consolidation: { ms: Math.round(consolidationMs), statements, figures: snapshot.figures.length, titleRunIds: snapshot.basis.titleRunIds },
          rowsRead: { source: 'pg_stat_database deltas of the bench database', tupReturned: delta('tup_returned'), tupFetched: delta('tup_fetched'), blksHit: delta('blks_hit'), blksRead: delta('blks_read') },
          rssKib: { hwm: memory.hwmKib, sampledPeak, before: rssBefore },
          files: { ms: Math.round(filesMs), files },
        },
        null,
        2,
      )}\n`,
    );
    console.log(`\nfigures written to ${path.relative(PROJECT_ROOT, file)}`);
  } finally {
    await stats.end();
    redis.disconnect();
    await queues.close();
    await orm.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
