import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../src/core/roles';
import { toGlobalId } from '../../src/graphql/global-id';
import { todayInVietnam } from '../../src/core/time';
import { startWorkers, type WorkerHost } from '../../workers/host';
import { startTestApi, type TestApi } from '../helpers/test-api';
import { recalculateTitlesAndWait, type FinishedRun } from '../helpers/title-runs';
import { insertCitizen, insertCommuneWithHamlet, insertLog, insertUnit, type UnitRow } from '../helpers/titles-fixtures';

const YEAR = Number(todayInVietnam().slice(0, 4)) - 1;
const MONTH = `${todayInVietnam().slice(0, 7)}-01`;

const PROGRESS = `query($id: ID!, $year: Int!) { titleProgress(subjectId: $id, year: $year) { total computedAt live history { month total status } } }`;

let api: TestApi;
let workers: WorkerHost;
let em: EntityManager;
let commune: UnitRow;
let hamlet: UnitRow;
let quietId: string;
let learnerId: string;
let leavingId: string;
let assessor: string;

interface StoredRow {
  subject_id: string;
  computed_at: string;
  run_id: string;
}

beforeAll(async () => {
  api = await startTestApi();
  workers = await startWorkers(api.runtime);
  em = api.runtime.orm.em.fork();
  ({ commune, hamlet } = await insertCommuneWithHamlet(em));
  const otherHamlet = await insertUnit(em, 'HAMLET', commune);
  quietId = await insertCitizen(em, hamlet, 1990);
  await insertLog(em, quietId, { day: `${YEAR}-03-01`, hours: 12, source: 'RESOURCE_STUDY' });
  learnerId = await insertCitizen(em, otherHamlet, 1985);
  leavingId = await insertCitizen(em, otherHamlet, 1970);
  assessor = (await api.account(Role.ASSESSOR, { unitId: commune.id })).token;
});

afterAll(async () => {
  await workers.close();
  await api.close();
});

/** Runs the commune's titles as its assessor and waits for the end: the run's counts and rows written. */
const recalculate = (): Promise<FinishedRun> => recalculateTitlesAndWait(api, assessor, commune.id, YEAR, 'rowsWritten counts { phase meets notYet awaiting }');

async function storedRows(): Promise<StoredRow[]> {
  return em.execute<StoredRow[]>('select subject_id, computed_at, run_id from title_progress where year = ? order by subject_id, title_kind', [YEAR]);
}

async function hamletProgress() {
  const result = await api.gql<{ titleProgress: { total: number; computedAt: string; live: boolean; history: { month: string }[] } }>(
    PROGRESS,
    { id: toGlobalId('AdministrativeUnit', hamlet.id), year: YEAR },
    { token: assessor },
  );
  expect(result.errors).toBeUndefined();
  return result.data?.titleProgress;
}

it('leaves the progress a re-run finds unchanged as it was, still counting every subject and keeping the month of each', async () => {
  const first = await recalculate();
  expect(first.run).toMatchObject({ status: 'SUCCEEDED', rowsWritten: 12 });
  const before = await storedRows();
  // 3 citizens, 2 hamlets and the commune.
  expect(before).toHaveLength(6);
  expect(new Set(before.map((row) => row.run_id))).toEqual(new Set([first.id]));
  const hamletBefore = await hamletProgress();
  expect(hamletBefore).toMatchObject({ live: false, history: [{ month: MONTH }] });
  // As if the first run had been last month's: the re-run writes this month's record anew.
  await em.execute(`update title_progress_month set month = (month - interval '1 month')::date where year = ?`, [YEAR]);

  const again = await recalculate();
  // Only the month's history rows are written; the counts are the whole set's, as the first run's.
  expect(again.run).toMatchObject({ status: 'SUCCEEDED', rowsWritten: 6, counts: first.run.counts });
  expect(await storedRows()).toEqual(before);
  const hamletAfter = await hamletProgress();
  expect(hamletAfter?.computedAt).toBe(hamletBefore?.computedAt);
  expect(hamletAfter?.history.map((month) => month.month)).toHaveLength(2);
  const [months] = await em.execute<{ subjects: number }[]>('select count(*)::int as subjects from title_progress_month where year = ? and month = ?::date', [YEAR, MONTH]);
  expect(months?.subjects).toBe(6);
});

it('rewrites the progress that changed, and removes that of a subject no longer evaluated', async () => {
  const before = new Map((await storedRows()).map((row) => [row.subject_id, row]));
  await insertLog(em, learnerId, { day: `${YEAR}-05-01`, hours: 12, source: 'RESOURCE_STUDY' });
  // Under 15 now (a corrected birth year): no longer a subject.
  await em.execute('update citizen set birth_year = ? where id = ?', [YEAR - 10, leavingId]);

  const third = await recalculate();
  expect(third.run).toMatchObject({ status: 'SUCCEEDED' });
  const after = new Map((await storedRows()).map((row) => [row.subject_id, row]));
  expect(after.has(leavingId)).toBe(false);
  expect(after.get(learnerId)?.run_id).toBe(third.id);
  expect(Date.parse(after.get(learnerId)?.computed_at as string)).toBeGreaterThan(Date.parse(before.get(learnerId)?.computed_at as string));
  expect(after.get(quietId)).toEqual(before.get(quietId));
  const [counted] = await em.execute<{ citizens: number }[]>(
    `select count(*)::int as citizens from title_progress_month where year = ? and month = ?::date and subject_kind = 'CITIZEN' and updated_at >= (select started_at from title_run where id = ?)`,
    [YEAR, MONTH, third.id],
  );
  expect(counted?.citizens).toBe(2);
});
