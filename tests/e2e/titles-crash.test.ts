import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../src/core/roles';
import { toGlobalId } from '../../src/graphql/global-id';
import { todayInVietnam } from '../../src/core/time';
import { databaseUrl } from '../helpers/database';
import { startTestApi, type TestApi } from '../helpers/test-api';
import { ATTESTED_CODES, insertAttestation, insertCitizen, insertLog, insertUnit, type UnitRow } from '../helpers/titles-fixtures';

const ROOT = path.resolve(__dirname, '..', '..');
const YEAR = Number(todayInVietnam().slice(0, 4)) - 1;
const CITIZENS = 10;

let api: TestApi;
let em: EntityManager;
let dataDir: string;
let commune: UnitRow;
let adminToken: string;
const children: ChildProcess[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A worker process of its own on the test's database and queues, as in production. */
function startWorker(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/workers/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl(api.databaseName),
      QUEUE_PREFIX: api.config.queuePrefix,
      DATA_DIR: dataDir,
      EMBEDDED_S3_PORT: '0',
      TITLES_JOB_LOCK_MS: '2000',
      TITLES_BATCH_SIZE: '1',
      ...env,
    },
    stdio: 'ignore',
  });
  children.push(child);
  return child;
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const value = await read();
    if (done(value)) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface RunRow {
  status: string;
  subjects_done: number;
  attempts: number;
  rows_written: number;
  counts: unknown;
}

const runRow = async (id: string) => (await em.execute<RunRow[]>('select status, subjects_done, attempts, rows_written, counts from title_run where id = ?', [id]))[0] as RunRow;

/** The stored progress of the subtree, without what differs from run to run (ids, times, run). */
const progressSnapshot = () =>
  em.execute(
    `select subject_id, ruleset_id, unit_id, indicators, total::text, threshold::text, disadvantaged, status, level_reached from title_progress where year = ? order by subject_id`,
    [YEAR],
  );

async function recalculate(): Promise<string> {
  const result = await api.gql(
    `mutation($input: RecalculateTitlesInput!) { recalculateTitles(input: $input) { run { id } errors { code } } }`,
    { input: { unitId: toGlobalId('AdministrativeUnit', commune.id), year: YEAR } },
    { token: adminToken },
  );
  expect(result.errors).toBeUndefined();
  return Buffer.from(result.data?.recalculateTitles.run.id as string, 'base64url').toString().split(':')[1] as string;
}

beforeAll(async () => {
  api = await startTestApi();
  em = api.runtime.orm.em.fork();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'lifelong-titles-crash-'));
  adminToken = (await api.account(Role.PROVINCE_ADMIN)).token;
  const province = await insertUnit(em, 'PROVINCE', null);
  commune = await insertUnit(em, 'COMMUNE', province, { disadvantaged: true });
  for (let i = 0; i < CITIZENS; i += 1) {
    const hamlet = await insertUnit(em, 'HAMLET', commune);
    const citizen = await insertCitizen(em, hamlet, 1960 + i);
    for (let log = 0; log <= i; log += 1) await insertLog(em, citizen, { day: `${YEAR}-0${1 + (log % 9)}-15`, hours: 2 + log, source: 'RESOURCE_STUDY' });
    if (i % 2 === 0) for (const code of ATTESTED_CODES) await insertAttestation(em, citizen, hamlet, YEAR, code, 10);
  }
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await api.close();
  await rm(dataDir, { recursive: true, force: true });
});

it('finishes a run whose worker was killed half way, with the same stored progress as a clean run', async () => {
  const crashedRun = await recalculate();
  const doomed = startWorker({ TITLES_BATCH_PAUSE_MS: '300' });
  await waitFor(() => runRow(crashedRun), (run) => run.subjects_done >= 3, 'the first worker to write three citizens');
  doomed.kill('SIGKILL');
  await new Promise((resolve) => doomed.once('exit', resolve));
  const written = (await progressSnapshot()).length;
  expect(written).toBeGreaterThanOrEqual(3);
  expect(written).toBeLessThan(CITIZENS);
  expect(await runRow(crashedRun)).toMatchObject({ status: 'RUNNING', attempts: 1 });

  // The doomed worker ran batches two at a time (the default), the survivor one by one: the order of batches does not matter.
  const survivor = startWorker({ TITLES_CONCURRENCY: '1' });
  const resumed = await waitFor(() => runRow(crashedRun), (run) => run.status === 'SUCCEEDED' || run.status === 'FAILED', 'the retried run to finish');
  const afterCrash = await progressSnapshot();

  await em.execute('delete from title_progress where year = ?', [YEAR]);
  const cleanRun = await recalculate();
  expect(cleanRun).not.toBe(crashedRun);
  const clean = await waitFor(() => runRow(cleanRun), (run) => run.status === 'SUCCEEDED' || run.status === 'FAILED', 'the clean run to finish');
  survivor.kill('SIGTERM');

  // Both end with the province phase, which has nothing under the commune to evaluate.
  expect(resumed).toMatchObject({ status: 'SUCCEEDED', attempts: 2, subjects_done: 0 });
  expect(clean).toMatchObject({ status: 'SUCCEEDED', attempts: 1, subjects_done: 0 });
  expect(resumed.counts).toEqual(clean.counts);
  // The retry finds the progress rows the first worker had written as it would write them, and leaves them.
  expect(resumed.rows_written).toBe(clean.rows_written - written);
  // Every citizen, each one's hamlet, and the commune.
  expect(afterCrash).toHaveLength(2 * CITIZENS + 1);
  expect(afterCrash).toEqual(await progressSnapshot());
}, 90_000);
