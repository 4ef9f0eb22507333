import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../src/core/roles';
import { AdministrativeUnit } from '../../src/catalogue/units/unit.entity';
import { toGlobalId } from '../../src/graphql/global-id';
import { todayInVietnam } from '../../src/core/time';
import { RunTrigger } from '../../src/titles/engine/engine.enums';
import { rulesetForYear } from '../../src/titles/engine/criteria';
import { evaluatePhase, PHASES, type PhaseSpec } from '../../src/titles/engine/phases';
import { TitleRun } from '../../src/titles/engine/run.entity';
import { startTestApi, type TestApi } from '../helpers/test-api';
import {
  attestLearningCitizen,
  insertCitizen,
  insertCitizens,
  insertClan,
  insertHousehold,
  insertInstitution,
  insertLog,
  insertOrganisation,
  insertProgramme,
  insertSession,
  insertSubjectAttestation,
  insertUnit,
  type UnitRow,
} from '../helpers/titles-fixtures';

/*
 * Hand-computed LEARNING_FAMILY, LEARNING_CLAN, LEARNING_UNIT and LEARNING_COMMUNITY of VN-2024.
 *
 * A "learner" below is a citizen of 30 who is a Learning Citizen (an assessor's 10 on all ten
 * indicators) with one verified log in the year; a "family" is a household of one learner with
 * the six attested indicators at their maximum (80) + ADULT_ACTIVITY 1/1 (10) + CITIZEN_SHARE
 * 1/1 (10) = 100 points.
 *
 * Commune A
 * - H1: 7 families + 3 households of one citizen who is not a Learning Citizen; 1 more Learning
 *   Citizen and 9 more citizens without a household: households 7/10 = 70 % → 40, residents 15+
 *   8/20 = 40 % → 20, 6 verified sessions at the commune's learning centre attended by someone of
 *   H1 → 10, LEADERSHIP 10 (its minimum): exactly 80 at every threshold → MEETS.
 * - H2: 5 families, `noLog` (its only adult is a Learning Citizen without a log, and a child of
 *   10) and `awaiting` (a learner, no household attestation): 5/7 = 71 % → 40, residents 7/7 → 20,
 *   7 sessions → 10, LEADERSHIP 20: 90 → MEETS.
 * - H3: empty → NOT_YET.
 * - the commune: households 12/17 = 70.6 %, hamlets 2/3 = 66.7 %, residents 15/27 = 55.6 %,
 *   criteria 1, 2, 4 of level 1 met by an assessor, criterion 3 attested met at both levels
 *   (7 sessions would not reach 24 or 48): level 1, not level 2.
 * - clans: `seventy` = H1's 10 households (7 families) → 30, `sixtyNine` = 9 families and 4 others
 *   (9/13 = 69.2 %) → 20; both 20 for their adult members and 15 + 15 attested: 80 vs 70.
 *
 * Commune B: 1,001 citizens of HB, 900 Learning Citizens. Agency `ninety` has the 900 and 100
 * others (90 %), agency `eightyNineNine` 899 and 101 others (89.9 %); both have conditions and an
 * emulation title met, and members' results attested (they name no mandatory programme). School
 * `school`: 20 Learning Citizen learners, 19 of whom completed its one mandatory programme (95 %).
 */

const YEAR = Number(todayInVietnam().slice(0, 4)) - 1;
const day = (month: number, dayOfMonth = 10) => `${YEAR}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
const FAMILY_ATTESTED = { CHILDREN_SCHOOLING: 10, CHILDREN_RESULTS: 10, CHILDREN_BEHAVIOUR: 10, ADULT_LITERACY: 10, HOME_CONDITIONS: 20, FAMILY_EFFECTS: 20 };

let api: TestApi;
let em: EntityManager;
let province: UnitRow;
let communeA: UnitRow;
let communeB: UnitRow;
const hamlets: Record<string, UnitRow> = {};
const ids: Record<string, string> = {};
let memberAccount: { id: string; token: string };

interface Row {
  subject_id: string;
  total: string;
  status: string;
  level_reached: number;
  indicators: { code: string; source: string; score: number | null; value: number | null }[];
}

async function stored(subjectId: string): Promise<Row | undefined> {
  const [row] = await em.execute<Row[]>('select subject_id, total::text, status, level_reached, indicators from title_progress where subject_id = ? and year = ?', [subjectId, YEAR]);
  return row;
}

const indicator = (row: Row | undefined, code: string) => row?.indicators.find((i) => i.code === code);
/** What a share of holders counted: `held` of `counted`, all provisional (no recognition of the year is recorded in this scenario). */
const provisional = (held: number, counted: number) => ({ held, counted, countedRecognised: 0 });

/** A learner of a hamlet: a Learning Citizen with one verified log in the year. */
async function learner(hamlet: UnitRow, accountId: string | null = null): Promise<string> {
  const id = await insertCitizen(em, hamlet, 1990, accountId);
  await attestLearningCitizen(em, [id], hamlet, YEAR);
  await insertLog(em, id, { day: day(3), hours: 1 });
  return id;
}

async function family(hamlet: UnitRow, accountId: string | null = null): Promise<string> {
  const household = await insertHousehold(em, hamlet, [await learner(hamlet, accountId)]);
  await insertSubjectAttestation(em, { kind: 'HOUSEHOLD', id: household }, hamlet, YEAR, FAMILY_ATTESTED);
  return household;
}

async function startRun(unit: UnitRow): Promise<TitleRun> {
  const ctx = await api.adminContext();
  const entity = await ctx.em.findOneOrFail(AdministrativeUnit, { id: unit.id });
  return ctx.em.transactional((tx) => api.runtime.services.titles.runs.request({ ...ctx, em: tx }, entity, YEAR, RunTrigger.ON_DEMAND));
}

async function execute(runId: string, progress: (phase: string) => void = () => undefined): Promise<TitleRun> {
  await api.runtime.services.titles.executor.execute({ em: api.runtime.orm.em.fork(), log: api.runtime.log, progress: async (p) => progress(p.phase) }, runId);
  return api.runtime.orm.em.fork().findOneOrFail(TitleRun, { id: runId });
}

/** Every stored row of the year, without what differs from run to run. */
const snapshot = () =>
  em.execute(
    `select subject_kind, subject_id, title_kind, unit_level, unit_id, ruleset_id, indicators, total::text, threshold::text, disadvantaged, status, level_reached
       from title_progress where year = ? order by subject_kind, subject_id, title_kind`,
    [YEAR],
  );

beforeAll(async () => {
  api = await startTestApi();
  em = api.runtime.orm.em.fork();
  province = await insertUnit(em, 'PROVINCE', null);
  communeA = await insertUnit(em, 'COMMUNE', province);
  communeB = await insertUnit(em, 'COMMUNE', province);
  for (const name of ['H1', 'H2', 'H3']) hamlets[name] = await insertUnit(em, 'HAMLET', communeA);
  hamlets.HB = await insertUnit(em, 'HAMLET', communeB);
  const h1 = hamlets.H1 as UnitRow;
  const h2 = hamlets.H2 as UnitRow;

  // H1
  const h1Families: string[] = [];
  for (let i = 0; i < 7; i += 1) h1Families.push(await family(h1));
  const h1Others: string[] = [];
  for (let i = 0; i < 3; i += 1) h1Others.push(await insertHousehold(em, h1, [await insertCitizen(em, h1, 1985)]));
  await attestLearningCitizen(em, [await insertCitizen(em, h1, 1980)], h1, YEAR);
  const h1Loose = await insertCitizens(em, h1, 1975, 9);
  await insertSubjectAttestation(em, { kind: 'UNIT', id: h1.id, unitLevel: 'HAMLET' }, h1, YEAR, { LEADERSHIP: 10 });

  // H2
  memberAccount = await api.account(Role.CITIZEN);
  const h2Families: string[] = [];
  for (let i = 0; i < 5; i += 1) h2Families.push(await family(h2, i === 0 ? memberAccount.id : null));
  const noLogAdult = await insertCitizen(em, h2, 1990);
  await attestLearningCitizen(em, [noLogAdult], h2, YEAR);
  ids.noLog = await insertHousehold(em, h2, [noLogAdult, await insertCitizen(em, h2, YEAR - 10)]);
  await insertSubjectAttestation(em, { kind: 'HOUSEHOLD', id: ids.noLog }, h2, YEAR, FAMILY_ATTESTED);
  ids.awaiting = await insertHousehold(em, h2, [await learner(h2)]);
  await insertSubjectAttestation(em, { kind: 'UNIT', id: h2.id, unitLevel: 'HAMLET' }, h2, YEAR, { LEADERSHIP: 20 });
  ids.family = h2Families[0] as string;

  // Sessions at commune A's learning centre: 6 with an attendee of H1 and of H2, a 7th of H2 only.
  const centre = await insertInstitution(em, communeA, 'COMMUNITY_LEARNING_CENTRE');
  const programme = await insertProgramme(em, centre);
  const h2Attendee = (await em.execute<{ citizen_id: string }[]>('select citizen_id from household_membership where household_id = ?', [h2Families[1]]))[0]?.citizen_id as string;
  for (let i = 1; i <= 7; i += 1) {
    const session = await insertSession(em, programme, centre, day(4, i));
    if (i <= 6) await insertLog(em, h1Loose[0] as string, { day: day(4, i), hours: 2, source: 'ATTENDANCE', sessionId: session, institutionId: centre });
    await insertLog(em, h2Attendee, { day: day(4, i), hours: 2, source: 'ATTENDANCE', sessionId: session, institutionId: centre });
  }
  // A pending attendance of H1 at the 7th session does not count.
  const pendingSession = await insertSession(em, programme, centre, day(5, 1));
  await insertLog(em, h1Loose[1] as string, { day: day(5, 1), hours: 2, source: 'ATTENDANCE', sessionId: pendingSession, institutionId: centre, status: 'PENDING' });

  // Commune A's checklist entries.
  await insertSubjectAttestation(em, { kind: 'UNIT', id: communeA.id, unitLevel: 'COMMUNE' }, communeA, YEAR, {
    LEADERSHIP_L1: true,
    RESOURCES_L1: true,
    UNIVERSAL_EDUCATION_L1: true,
    CENTRES_L1: true,
    CENTRES_L2: true,
  });

  // Clans
  ids.seventy = await insertClan(em, communeA, [...h1Families, ...h1Others]);
  ids.sixtyNine = await insertClan(em, communeA, [...h1Families, ...h2Families.slice(0, 2), ...h1Others, ids.noLog]);
  for (const clan of [ids.seventy, ids.sixtyNine]) {
    await insertSubjectAttestation(em, { kind: 'CLAN', id: clan }, communeA, YEAR, { STUDY_PROMOTION: 15, CHILDREN_ACHIEVEMENTS: 15 });
  }

  // Commune B's organisations
  const hb = hamlets.HB as UnitRow;
  const citizensB = await insertCitizens(em, hb, 1990, 900);
  const othersB = await insertCitizens(em, hb, 1990, 101);
  await attestLearningCitizen(em, citizensB, hb, YEAR);
  ids.ninety = await insertOrganisation(em, communeB, 'AGENCY', [{ citizenIds: [...citizensB, ...othersB.slice(0, 100)], role: 'STAFF' }]);
  ids.eightyNineNine = await insertOrganisation(em, communeB, 'AGENCY', [{ citizenIds: [...citizensB.slice(0, 899), ...othersB], role: 'STAFF' }]);
  for (const organisation of [ids.ninety, ids.eightyNineNine]) {
    await insertSubjectAttestation(em, { kind: 'ORGANISATION', id: organisation }, communeB, YEAR, { CONDITIONS: true, EMULATION_TITLE: true, MEMBER_RESULTS: true });
  }
  const learners = citizensB.slice(0, 20);
  ids.school = await insertOrganisation(em, communeB, 'SCHOOL', [{ citizenIds: learners, role: 'LEARNER' }]);
  await insertSubjectAttestation(em, { kind: 'ORGANISATION', id: ids.school }, communeB, YEAR, { CONDITIONS: true, EMULATION_TITLE: true });
  const school = await insertInstitution(em, communeB, 'SCHOOL');
  const mandatory = await insertProgramme(em, school);
  await em.execute(`insert into organisation_mandatory_programme (id, created_at, updated_at, organisation_id, year, programme_id) values (gen_random_uuid(), now(), now(), ?, ?, ?)`, [
    ids.school,
    YEAR,
    mandatory,
  ]);
  const mandatorySession = await insertSession(em, mandatory, school, day(9));
  for (const citizen of learners.slice(0, 19)) {
    await insertLog(em, citizen, { day: day(9), hours: 2, source: 'ATTENDANCE', sessionId: mandatorySession, institutionId: school, result: 'COMPLETED' });
  }
}, 120_000);

afterAll(async () => {
  await api.close();
});

describe('a run over commune A', () => {
  let run: TitleRun;
  const phases: string[] = [];

  beforeAll(async () => {
    const started = await startRun(communeA);
    run = await execute(started.id, (phase) => {
      if (phases[phases.length - 1] !== phase) phases.push(phase);
    });
  });

  it('evaluates every level bottom-up, each reading the one below', () => {
    expect(phases).toEqual([
      'CITIZENS', 'HOUSEHOLDS', 'ORGANISATIONS', 'CLANS', 'HAMLETS', 'COMMUNES', 'DISTRICTS', 'PROVINCES',
      'EMULATION_ORGANISATIONS', 'EMULATION_COMMUNES', 'EMULATION_DISTRICTS', 'EMULATION_PROVINCES',
    ]);
    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      phasesDone: phases,
      counts: {
        // Learning Citizens: H1's 7 + 1 and H2's 5 + 2; not: H1's 3 + 9 (the 10-year-old is no subject).
        CITIZENS: { meets: 15, notYet: 12, awaiting: 0 },
        HOUSEHOLDS: { meets: 12, notYet: 4, awaiting: 1 },
        ORGANISATIONS: { meets: 0, notYet: 0, awaiting: 0 },
        CLANS: { meets: 1, notYet: 1, awaiting: 0 },
        HAMLETS: { meets: 2, notYet: 1, awaiting: 0 },
        COMMUNES: { meets: 1, notYet: 0, awaiting: 0 },
      },
    });
  });

  it("fails a household whose only adult has no verified log, though its total reaches 90", async () => {
    const row = await stored(ids.noLog as string);
    expect(indicator(row, 'ADULT_ACTIVITY')).toEqual({ code: 'ADULT_ACTIVITY', source: 'AUTO', score: 0, value: 0 });
    expect(indicator(row, 'CITIZEN_SHARE')).toEqual({ code: 'CITIZEN_SHARE', source: 'AUTO', score: 10, value: 1, holders: provisional(1, 1) });
    expect(row).toMatchObject({ total: '90.00', status: 'NOT_YET', level_reached: 0 });
    expect(await stored(ids.family as string)).toMatchObject({ total: '100.00', status: 'MEETS_CRITERIA', level_reached: 1 });
    expect(await stored(ids.awaiting as string)).toMatchObject({ total: '20.00', status: 'AWAITING_ASSESSMENT' });
  });

  it('gives a clan at 70 % of its households 30 points and one at 69 % 20', async () => {
    const seventy = await stored(ids.seventy as string);
    expect(indicator(seventy, 'FAMILY_SHARE')).toEqual({ code: 'FAMILY_SHARE', source: 'AUTO', score: 30, value: 0.7, holders: provisional(7, 10) });
    expect(indicator(seventy, 'CITIZEN_SHARE')).toEqual({ code: 'CITIZEN_SHARE', source: 'AUTO', score: 20, value: 0.7, holders: provisional(7, 10) });
    expect(seventy).toMatchObject({ total: '80.00', status: 'MEETS_CRITERIA' });
    const sixtyNine = await stored(ids.sixtyNine as string);
    expect(indicator(sixtyNine, 'FAMILY_SHARE')).toEqual({ code: 'FAMILY_SHARE', source: 'AUTO', score: 20, value: 0.6923, holders: provisional(9, 13) });
    // 9 Learning Citizens of the 9 families + the no-log adult, of 13 members of 15 or more (the child does not count).
    expect(indicator(sixtyNine, 'CITIZEN_SHARE')).toEqual({ code: 'CITIZEN_SHARE', source: 'AUTO', score: 20, value: 0.7692, holders: provisional(10, 13) });
    expect(sixtyNine).toMatchObject({ total: '70.00', status: 'NOT_YET' });
  });

  it('passes a hamlet at exactly the thresholds', async () => {
    const row = await stored(hamlets.H1?.id as string);
    expect(row?.indicators).toEqual([
      { code: 'FAMILY_SHARE', source: 'AUTO', score: 40, value: 0.7, holders: provisional(7, 10) },
      { code: 'CITIZEN_SHARE', source: 'AUTO', score: 20, value: 0.4, holders: provisional(8, 20) },
      { code: 'LEARNING_ACTIVITY', source: 'AUTO', score: 10, value: 6 },
      { code: 'LEADERSHIP', source: 'ATTESTED', score: 10, value: null },
    ]);
    expect(row).toMatchObject({ total: '80.00', status: 'MEETS_CRITERIA', level_reached: 1 });
    expect(await stored(hamlets.H2?.id as string)).toMatchObject({ total: '90.00', status: 'MEETS_CRITERIA' });
    expect(await stored(hamlets.H3?.id as string)).toMatchObject({ total: '0.00', status: 'NOT_YET' });
  });

  it('brings the commune to level 1 but not level 2, an attested criterion overriding the computed one at level 2', async () => {
    const row = await stored(communeA.id);
    expect(row).toMatchObject({ status: 'MEETS_CRITERIA', level_reached: 1 });
    const byCode = Object.fromEntries((row?.indicators ?? []).map((i) => [i.code, [i.source, i.score, i.value]]));
    expect(byCode).toEqual({
      LEADERSHIP_L1: ['ATTESTED', 1, null],
      RESOURCES_L1: ['ATTESTED', 1, null],
      UNIVERSAL_EDUCATION_L1: ['ATTESTED', 1, null],
      CENTRES_L1: ['ATTESTED', 1, 7],
      FAMILY_SHARE_L1: ['AUTO', 1, 0.7059],
      HAMLET_SHARE_L1: ['AUTO', 1, 0.6667],
      CITIZEN_SHARE_L1: ['AUTO', 1, 0.5556],
      LEADERSHIP_L2: ['MISSING', null, null],
      RESOURCES_L2: ['MISSING', null, null],
      UNIVERSAL_EDUCATION_L2: ['MISSING', null, null],
      CENTRES_L2: ['ATTESTED', 1, 7],
      FAMILY_SHARE_L2: ['AUTO', 0, 0.7059],
      HAMLET_SHARE_L2: ['AUTO', 0, 0.6667],
      CITIZEN_SHARE_L2: ['AUTO', 0, 0.5556],
    });
  });

  it('shows stored progress to members and assessors, and a community to everyone signed in', async () => {
    const query = `query($id: ID!, $year: Int!) { titleProgress(subjectId: $id, year: $year) { subjectKind titleKind total status levelReached live indicators { code source score explanation } missing } }`;
    const householdId = toGlobalId('Household', ids.family as string);
    const own = await api.gql(query, { id: householdId, year: YEAR }, { token: memberAccount.token, headers: { 'accept-language': 'en' } });
    expect(own.errors).toBeUndefined();
    expect(own.data?.titleProgress).toMatchObject({ subjectKind: 'HOUSEHOLD', titleKind: 'LEARNING_FAMILY', total: 100, status: 'MEETS_CRITERIA', live: false });
    expect(own.data?.titleProgress.indicators[4]).toEqual({ code: 'ADULT_ACTIVITY', source: 'AUTO', score: 10, explanation: '100 % of members with verified learning this year: 10 of 10 points' });
    const assessor = await api.account(Role.ASSESSOR, { unitId: communeA.id });
    const otherAssessor = await api.account(Role.ASSESSOR, { unitId: communeB.id });
    expect((await api.gql(query, { id: householdId, year: YEAR }, { token: assessor.token })).data?.titleProgress.total).toBe(100);
    const refused = await api.gql(query, { id: householdId, year: YEAR }, { token: otherAssessor.token });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const commune = await api.gql(query, { id: toGlobalId('AdministrativeUnit', communeA.id), year: YEAR }, { token: otherAssessor.token, headers: { 'accept-language': 'en' } });
    expect(commune.data?.titleProgress).toMatchObject({ subjectKind: 'UNIT', titleKind: 'LEARNING_COMMUNITY', status: 'MEETS_CRITERIA', levelReached: 1 });
    expect(commune.data?.titleProgress.missing).toEqual(expect.arrayContaining([expect.stringContaining('share of households that are Learning Families (level 2): not met yet')]));
  });

  it('lets an assessor attest an indicator of a household and of a unit', async () => {
    const assessor = await api.account(Role.ASSESSOR, { unitId: communeA.id });
    const mutation = `mutation($input: AttestIndicatorInput!) { attestIndicator(input: $input) { attestation { indicatorCode score met } errors { code } } }`;
    const household = await api.gql(mutation, { input: { subjectId: toGlobalId('Household', ids.awaiting as string), year: YEAR, indicatorCode: 'HOME_CONDITIONS', score: 15 } }, { token: assessor.token });
    expect(household.data?.attestIndicator).toEqual({ attestation: { indicatorCode: 'HOME_CONDITIONS', score: 15, met: null }, errors: [] });
    const unit = await api.gql(mutation, { input: { subjectId: toGlobalId('AdministrativeUnit', hamlets.H3?.id as string), year: YEAR, indicatorCode: 'LEADERSHIP', score: 12 } }, { token: assessor.token });
    expect(unit.data?.attestIndicator.errors).toEqual([]);
    const checklist = await api.gql(mutation, { input: { subjectId: toGlobalId('AdministrativeUnit', communeA.id), year: YEAR, indicatorCode: 'RESOURCES_L2', score: 1 } }, { token: assessor.token });
    expect(checklist.data?.attestIndicator.errors).toEqual([{ code: 'MET_REQUIRED' }]);
    await em.execute(`delete from title_attestation where indicator_code in ('HOME_CONDITIONS', 'LEADERSHIP') and subject_id in (?, ?)`, [ids.awaiting, hamlets.H3?.id]);
  });

  it('reports progress in order while two batches run at once', async () => {
    // A table of its own, seen from both lanes' connections (a temporary one would not be).
    await em.execute('create table progress_lanes_test (like title_progress including all)');
    const reported: number[] = [];
    let calls = 0;
    try {
      const scope = { rulesetId: (run.ruleset as { id: string }).id, unitPath: communeA.path, year: YEAR, ref: `${YEAR}-12-31`, batchSize: 20_000, workMem: '16MB', concurrency: 2 };
      const counts = await evaluatePhase(api.runtime.orm.em.fork(), PHASES[0] as PhaseSpec, scope, { table: 'progress_lanes_test', run: null }, {
        planned: async () => undefined,
        batchDone: async (done) => {
          // The first report is slow: the other lane's batch ends meanwhile, and its report must wait.
          calls += 1;
          if (calls === 1) await new Promise((resolve) => setTimeout(resolve, 300));
          reported.push(done);
        },
      });
      expect(counts.done).toBe(27);
      expect(reported).toHaveLength(2);
      expect(reported).toEqual([...reported].sort((a, b) => a - b));
      expect(reported[1]).toBe(27);
    } finally {
      await em.execute('drop table progress_lanes_test');
    }
  });

  it('resumes an interrupted run to the same result as a clean one', async () => {
    const clean = await snapshot();
    const interrupted = await startRun(communeA);
    await expect(
      api.runtime.services.titles.executor.execute(
        {
          em: api.runtime.orm.em.fork(),
          log: api.runtime.log,
          progress: async (p) => {
            if (p.phase === 'HAMLETS' && p.subjectsDone > 0) throw new Error('worker killed');
          },
        },
        interrupted.id,
      ),
    ).rejects.toThrow('worker killed');
    const half = await api.runtime.orm.em.fork().findOneOrFail(TitleRun, { id: interrupted.id });
    expect(half).toMatchObject({ status: 'RUNNING', phasesDone: ['CITIZENS', 'HOUSEHOLDS', 'ORGANISATIONS', 'CLANS'] });
    const resumed = await execute(interrupted.id);
    expect(resumed).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
    expect(await snapshot()).toEqual(clean);
  });
});

describe('a run over commune B', () => {
  beforeAll(async () => {
    const started = await startRun(communeB);
    await execute(started.id);
  }, 120_000);

  it('gives an organisation level 1 at 90 % of members who are Learning Citizens, and nothing at 89.9 %', async () => {
    const ninety = await stored(ids.ninety as string);
    expect(indicator(ninety, 'MEMBER_CITIZENS_L1')).toEqual({ code: 'MEMBER_CITIZENS_L1', source: 'AUTO', score: 1, value: 0.9, holders: provisional(900, 1000) });
    expect(indicator(ninety, 'MEMBER_RESULTS')).toEqual({ code: 'MEMBER_RESULTS', source: 'ATTESTED', score: 1, value: null });
    expect(indicator(ninety, 'LEARNER_CITIZENS_L1')).toEqual({ code: 'LEARNER_CITIZENS_L1', source: 'NOT_APPLICABLE', score: null, value: null, holders: null });
    expect(ninety).toMatchObject({ status: 'MEETS_CRITERIA', level_reached: 1 });
    const below = await stored(ids.eightyNineNine as string);
    expect(indicator(below, 'MEMBER_CITIZENS_L1')).toEqual({ code: 'MEMBER_CITIZENS_L1', source: 'AUTO', score: 0, value: 0.899, holders: provisional(899, 1000) });
    expect(below).toMatchObject({ status: 'NOT_YET', level_reached: 0 });
  });

  it("computes a school's completion of its mandatory programmes and its learners' share, to level 2", async () => {
    const row = await stored(ids.school as string);
    expect(indicator(row, 'MEMBER_RESULTS')).toEqual({ code: 'MEMBER_RESULTS', source: 'AUTO', score: 1, value: 0.95 });
    expect(indicator(row, 'LEARNER_CITIZENS_L2')).toEqual({ code: 'LEARNER_CITIZENS_L2', source: 'AUTO', score: 1, value: 1, holders: provisional(20, 20) });
    expect(row).toMatchObject({ status: 'MEETS_CRITERIA', level_reached: 2 });
  });
});

describe('dryRunRuleset', () => {
  const DRY_RUN = `query($input: DryRunRulesetInput!) { dryRunRuleset(input: $input) { year titles { subjectKind titleKind unitLevel evaluated meetsNow meetsWithDraft gained lost levelUp levelDown gainedSamples lostSamples } } }`;
  let draftId: string;

  beforeAll(async () => {
    const ctx = await api.adminContext();
    const published = await rulesetForYear(ctx.em, YEAR, new Date());
    const draft = await ctx.em.transactional((tx) =>
      api.runtime.services.rulesets.createDraft({ ...ctx, em: tx }, published?.id as string, { code: 'DRY-RUN', effectiveFrom: `${YEAR + 5}-01-01` }),
    );
    draftId = draft.id;
    // Hamlets need 90 points: H1 (80) loses the title, and with it commune A its hamlet share (1/3).
    await em.execute(`update title_definition set pass_threshold = 90 where ruleset_id = ? and kind = 'LEARNING_COMMUNITY' and unit_level = 'HAMLET'`, [draftId]);
  });

  it('tells per title who would gain and lose it, and writes nothing', async () => {
    const before = await snapshot();
    const admin = await api.account(Role.PROVINCE_ADMIN);
    const input = { rulesetId: toGlobalId('TitleRuleset', draftId), unitId: toGlobalId('AdministrativeUnit', communeA.id), year: YEAR };
    const result = await api.gql(DRY_RUN, { input }, { token: admin.token });
    expect(result.errors).toBeUndefined();
    const titles = result.data?.dryRunRuleset.titles as { subjectKind: string; unitLevel: string | null }[];
    expect(titles.map((t) => `${t.subjectKind}:${t.unitLevel ?? ''}`)).toEqual(['CITIZEN:', 'HOUSEHOLD:', 'CLAN:', 'UNIT:HAMLET', 'UNIT:COMMUNE']);
    expect(titles.find((t) => t.unitLevel === 'HAMLET')).toEqual({
      subjectKind: 'UNIT',
      titleKind: 'LEARNING_COMMUNITY',
      unitLevel: 'HAMLET',
      evaluated: 3,
      meetsNow: 2,
      meetsWithDraft: 1,
      gained: 0,
      lost: 1,
      levelUp: 0,
      levelDown: 1,
      gainedSamples: [],
      lostSamples: [toGlobalId('AdministrativeUnit', hamlets.H1?.id as string)],
    });
    expect(titles.find((t) => t.unitLevel === 'COMMUNE')).toMatchObject({ evaluated: 1, meetsNow: 1, meetsWithDraft: 0, lost: 1, lostSamples: [toGlobalId('AdministrativeUnit', communeA.id)] });
    expect(titles.find((t) => t.subjectKind === 'HOUSEHOLD')).toMatchObject({ evaluated: 17, meetsNow: 12, meetsWithDraft: 12, gained: 0, lost: 0 });
    expect(await snapshot()).toEqual(before);
    const tables = await em.execute(`select 1 from pg_tables where tablename = 'title_progress_dry_run'`);
    expect(tables).toEqual([]);
  });

  it('is for province administrators only, and for drafts only', async () => {
    const assessor = await api.account(Role.ASSESSOR, { unitId: communeA.id });
    const input = { rulesetId: toGlobalId('TitleRuleset', draftId), unitId: toGlobalId('AdministrativeUnit', communeA.id), year: YEAR };
    expect((await api.gql(DRY_RUN, { input }, { token: assessor.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = await api.account(Role.PROVINCE_ADMIN);
    const published = await rulesetForYear(em, YEAR, new Date());
    const onPublished = await api.gql(DRY_RUN, { input: { ...input, rulesetId: toGlobalId('TitleRuleset', published?.id as string) } }, { token: admin.token });
    expect(onPublished.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
