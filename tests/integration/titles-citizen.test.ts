import type { EntityManager } from '@mikro-orm/postgresql';
import { AdministrativeUnit } from '../../src/catalogue/units/unit.entity';
import { todayInVietnam } from '../../src/core/time';
import { loadCitizenCriteria, rulesetForYear } from '../../src/titles/engine/criteria';
import { RunStatus, RunTrigger } from '../../src/titles/engine/engine.enums';
import { evaluateCitizen } from '../../src/titles/progress/progress.repository';
import { TitleRun } from '../../src/titles/engine/run.entity';
import { startTestApi, type TestApi } from '../helpers/test-api';
import {
  ATTESTED_CODES,
  insertAttestation,
  insertCitizen,
  insertGoal,
  insertInstitution,
  insertLog,
  insertProgramme,
  insertSession,
  insertUnit,
  voidLog,
  type UnitRow,
} from '../helpers/titles-fixtures';

const YEAR = Number(todayInVietnam().slice(0, 4)) - 1;
const day = (month: number, dayOfMonth = 10, year = YEAR) => `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;

let api: TestApi;
let em: EntityManager;
let province: UnitRow;
let hamlet: UnitRow;
let poorHamlet: UnitRow;
let centre: string;
let library: string;
let centreSessions: string[];
let librarySession: string;
let libraryProgramme: string;

interface StoredRow {
  subject_id: string;
  total: string;
  threshold: string;
  status: string;
  disadvantaged: boolean;
  indicators: { code: string; source: string; score: number | null; value: number | null }[];
}

async function stored(citizenId: string): Promise<StoredRow | undefined> {
  const [row] = await em.execute<StoredRow[]>(`select subject_id, total::text, threshold::text, status, disadvantaged, indicators from title_progress where subject_id = ? and year = ?`, [
    citizenId,
    YEAR,
  ]);
  return row;
}

const indicator = (row: StoredRow | undefined, code: string) => row?.indicators.find((i) => i.code === code);

/** READING 10 h → 8, PLAN ½ of goals → 8, 2 sessions → 6, DIGITAL and FOREIGN activity → 6 + 6: 34 points. */
async function learns34(citizen: string): Promise<void> {
  await insertLog(em, citizen, { day: day(2), hours: 10, source: 'RESOURCE_STUDY' });
  await insertGoal(em, citizen, YEAR, { topic: 'LAW', targetHours: 1 });
  await insertGoal(em, citizen, YEAR, { programmeId: libraryProgramme });
  await insertLog(em, citizen, { day: day(3), hours: 1, topics: ['LAW'] });
  for (const session of centreSessions.slice(0, 2)) await insertLog(em, citizen, { day: day(4), hours: 2, source: 'ATTENDANCE', sessionId: session, institutionId: centre });
  await insertLog(em, citizen, { day: day(5), hours: 1, topics: ['DIGITAL_SKILLS'] });
  await insertLog(em, citizen, { day: day(6), hours: 1, topics: ['FOREIGN_LANGUAGE'] });
}

/**
 * READING 12 h study + 8 h at a library session = 20 h → 10, PLAN all goals → 10, 6 sessions → 10,
 * DIGITAL completed two years ago → 10, FOREIGN activity → 6 (its completion 3 years ago is out of the window): 46 points.
 * Returns the id of the digital-skills completion.
 */
async function learns46(citizen: string, options: { plan?: boolean } = {}): Promise<string> {
  await insertLog(em, citizen, { day: day(2), hours: 12, source: 'RESOURCE_STUDY' });
  await insertLog(em, citizen, { day: day(2, 20), hours: 8, source: 'ATTENDANCE', sessionId: librarySession, institutionId: library });
  if (options.plan ?? true) await insertGoal(em, citizen, YEAR, { topic: 'LAW', targetHours: 1 });
  await insertLog(em, citizen, { day: day(3), hours: 1, topics: ['LAW'] });
  for (const session of centreSessions.slice(0, 5)) await insertLog(em, citizen, { day: day(4), hours: 2, source: 'ATTENDANCE', sessionId: session, institutionId: centre });
  const completion = await insertLog(em, citizen, { day: day(9, 1, YEAR - 2), hours: 3, topics: ['DIGITAL_SKILLS'], result: 'COMPLETED' });
  await insertLog(em, citizen, { day: day(6), hours: 1, topics: ['FOREIGN_LANGUAGE'] });
  await insertLog(em, citizen, { day: day(12, 31, YEAR - 3), hours: 3, topics: ['FOREIGN_LANGUAGE'], result: 'COMPLETED' });
  return completion;
}

async function attest(citizen: string, unit: UnitRow, scores: number[]): Promise<void> {
  for (const [index, code] of ATTESTED_CODES.entries()) await insertAttestation(em, citizen, unit, YEAR, code, scores[index] as number);
}

async function run(): Promise<TitleRun> {
  const ctx = await api.adminContext();
  const unit = await ctx.em.findOneOrFail(AdministrativeUnit, { id: province.id });
  const titleRun = await ctx.em.transactional((tx) => api.runtime.services.titles.runs.request({ ...ctx, em: tx }, unit, YEAR, RunTrigger.ON_DEMAND));
  const outcome = await api.runtime.services.titles.executor.execute({ em: api.runtime.orm.em.fork(), log: api.runtime.log, progress: async () => undefined }, titleRun.id);
  expect(outcome.status).toBe('done');
  return api.runtime.orm.em.fork().findOneOrFail(TitleRun, { id: titleRun.id });
}

const citizens: Record<string, string> = {};
let voidable: string;

beforeAll(async () => {
  api = await startTestApi();
  em = api.runtime.orm.em.fork();
  province = await insertUnit(em, 'PROVINCE', null);
  const commune = await insertUnit(em, 'COMMUNE', province);
  hamlet = await insertUnit(em, 'HAMLET', commune);
  const poorCommune = await insertUnit(em, 'COMMUNE', province, { disadvantaged: true });
  poorHamlet = await insertUnit(em, 'HAMLET', poorCommune);
  centre = await insertInstitution(em, commune, 'COMMUNITY_LEARNING_CENTRE');
  library = await insertInstitution(em, commune, 'LIBRARY');
  const centreProgramme = await insertProgramme(em, centre);
  libraryProgramme = await insertProgramme(em, library);
  centreSessions = [];
  for (let i = 1; i <= 6; i += 1) centreSessions.push(await insertSession(em, centreProgramme, centre, day(4, i)));
  librarySession = await insertSession(em, libraryProgramme, library, day(2, 20));

  const make = async (name: string, unit: UnitRow = hamlet, birthYear = 1990) => (citizens[name] = await insertCitizen(em, unit, birthYear));
  await learns34(await make('eighty'));
  await attest(citizens.eighty as string, hamlet, [10, 10, 10, 8, 8]);
  await learns34(await make('seventyNine'));
  await attest(citizens.seventyNine as string, hamlet, [10, 10, 10, 8, 7]);
  await learns34(await make('seventyPoor', poorHamlet));
  await attest(citizens.seventyPoor as string, poorHamlet, [8, 7, 7, 7, 7]);
  await learns34(await make('seventy'));
  await attest(citizens.seventy as string, hamlet, [8, 7, 7, 7, 7]);
  await learns46(await make('ninetyWithAFour'));
  await attest(citizens.ninetyWithAFour as string, hamlet, [4, 10, 10, 10, 10]);
  await learns46(await make('awaiting'));
  await learns46(await make('awaitingWithoutPlan'), { plan: false });
  await learns34(await make('pending'));
  await attest(citizens.pending as string, hamlet, [10, 10, 10, 8, 7]);
  await insertLog(em, citizens.pending as string, { day: day(7), hours: 12, source: 'RESOURCE_STUDY', status: 'PENDING' });
  voidable = await learns46(await make('voided'));
  await attest(citizens.voided as string, hamlet, [10, 10, 10, 10, 10]);
  await learns34(await make('overridden'));
  await attest(citizens.overridden as string, hamlet, [10, 10, 10, 8, 7]);
  await insertAttestation(em, citizens.overridden as string, hamlet, YEAR, 'READING', 10);
  await learns46(await make('fourteen', hamlet, YEAR - 14));
  await make('fifteen', hamlet, YEAR - 15);
  // Registered the moment the year ended in Vietnam: the same learning, but not a citizen of that year's figures.
  citizens.registeredAfter = await insertCitizen(em, hamlet, 1990, null, `${YEAR + 1}-01-01T00:00:00+07:00`);
  await learns34(citizens.registeredAfter);
  await attest(citizens.registeredAfter, hamlet, [10, 10, 10, 10, 10]);
});

afterAll(async () => {
  await api.close();
});

describe('a run over a province for LEARNING_CITIZEN of VN-2024', () => {
  let first: TitleRun;

  beforeAll(async () => {
    first = await run();
  });

  it('passes 80 points and fails 79', async () => {
    expect(await stored(citizens.eighty as string)).toMatchObject({ total: '80.00', threshold: '80.00', status: 'MEETS_CRITERIA', disadvantaged: false });
    expect(await stored(citizens.seventyNine as string)).toMatchObject({ total: '79.00', status: 'NOT_YET' });
  });

  it('computes each automatic indicator from verified logs, sessions, topics and the plan', async () => {
    const row = await stored(citizens.eighty as string);
    expect(row?.indicators).toEqual([
      { code: 'READING', source: 'AUTO', score: 8, value: 10 },
      { code: 'LEARNING_PLAN', source: 'AUTO', score: 8, value: 0.5 },
      { code: 'COMMUNITY_ACTIVITIES', source: 'AUTO', score: 6, value: 2 },
      { code: 'ENCOURAGES_LEARNING', source: 'ATTESTED', score: 10, value: null },
      { code: 'DIGITAL_SKILLS', source: 'AUTO', score: 6, value: 1 },
      { code: 'FOREIGN_LANGUAGE', source: 'AUTO', score: 6, value: 1 },
      { code: 'NUMERACY', source: 'ATTESTED', score: 10, value: null },
      { code: 'CRITICAL_THINKING', source: 'ATTESTED', score: 10, value: null },
      { code: 'RELATIONS', source: 'ATTESTED', score: 8, value: null },
      { code: 'COOPERATION', source: 'ATTESTED', score: 8, value: null },
    ]);
    const top = await stored(citizens.ninetyWithAFour as string);
    expect(top?.indicators.filter((i) => i.source === 'AUTO')).toEqual([
      { code: 'READING', source: 'AUTO', score: 10, value: 20 },
      { code: 'LEARNING_PLAN', source: 'AUTO', score: 10, value: 1 },
      { code: 'COMMUNITY_ACTIVITIES', source: 'AUTO', score: 10, value: 6 },
      { code: 'DIGITAL_SKILLS', source: 'AUTO', score: 10, value: 2 },
      { code: 'FOREIGN_LANGUAGE', source: 'AUTO', score: 6, value: 1 },
    ]);
  });

  it('passes 70 points in a disadvantaged commune and fails them elsewhere', async () => {
    expect(await stored(citizens.seventyPoor as string)).toMatchObject({ total: '70.00', threshold: '70.00', status: 'MEETS_CRITERIA', disadvantaged: true });
    expect(await stored(citizens.seventy as string)).toMatchObject({ total: '70.00', threshold: '80.00', status: 'NOT_YET', disadvantaged: false });
  });

  it('fails 90 points with an indicator at 4', async () => {
    expect(await stored(citizens.ninetyWithAFour as string)).toMatchObject({ total: '90.00', status: 'NOT_YET' });
  });

  it('awaits assessment when the missing attested indicators at their maximum would pass, and not when an entered one is below 5', async () => {
    const awaiting = await stored(citizens.awaiting as string);
    expect(awaiting).toMatchObject({ total: '46.00', status: 'AWAITING_ASSESSMENT' });
    expect(indicator(awaiting, 'NUMERACY')).toEqual({ code: 'NUMERACY', source: 'MISSING', score: null, value: null });
    expect(await stored(citizens.awaitingWithoutPlan as string)).toMatchObject({ total: '36.00', status: 'NOT_YET' });
  });

  it('does not count pending logs', async () => {
    const row = await stored(citizens.pending as string);
    expect(indicator(row, 'READING')).toEqual({ code: 'READING', source: 'AUTO', score: 8, value: 10 });
    expect(row).toMatchObject({ total: '79.00', status: 'NOT_YET' });
  });

  it("lets an assessor's entry override an automatic indicator", async () => {
    const row = await stored(citizens.overridden as string);
    expect(indicator(row, 'READING')).toEqual({ code: 'READING', source: 'ATTESTED', score: 10, value: 10 });
    expect(row).toMatchObject({ total: '81.00', status: 'MEETS_CRITERIA' });
  });

  it('gives no progress to citizens under 15, and gives it at 15', async () => {
    expect(await stored(citizens.fourteen as string)).toBeUndefined();
    expect(await stored(citizens.fifteen as string)).toMatchObject({ total: '0.00', status: 'NOT_YET' });
  });

  it('counts only citizens registered before the year ended', async () => {
    expect(await stored(citizens.registeredAfter as string)).toBeUndefined();
  });

  it('records the run: phases, counts, rows written, duration', () => {
    expect(first).toMatchObject({
      status: RunStatus.SUCCEEDED,
      phasesDone: [
        'CITIZENS', 'HOUSEHOLDS', 'ORGANISATIONS', 'CLANS', 'HAMLETS', 'COMMUNES', 'DISTRICTS', 'PROVINCES',
        'EMULATION_ORGANISATIONS', 'EMULATION_COMMUNES', 'EMULATION_DISTRICTS', 'EMULATION_PROVINCES',
      ],
      // The last phase, the province's emulation checklist, has nothing to evaluate under version 1.
      subjectsDone: 0,
      subjectsTotal: 0,
      counts: { CITIZENS: { meets: 4, notYet: 6, awaiting: 1 } },
      // 11 citizens, 2 hamlets, 2 communes and the province, each a progress row and a history row.
      rowsWritten: 32,
      attempts: 1,
    });
    expect(first.durationMs).toEqual(expect.any(Number));
  });

  it('computes the same live for one citizen as the run stored', async () => {
    const ruleset = await rulesetForYear(em, YEAR, new Date());
    const criteria = await loadCitizenCriteria(em, ruleset?.id as string);
    for (const citizen of Object.values(citizens)) {
      const live = await evaluateCitizen(em, citizen, YEAR, criteria as NonNullable<typeof criteria>);
      const row = await stored(citizen);
      expect(live ? { total: live.total.toFixed(2), status: live.status, indicators: live.indicators } : undefined).toEqual(
        row ? { total: row.total, status: row.status, indicators: row.indicators } : undefined,
      );
    }
  });

  it('no longer counts a voided log after the next run, and keeps one history row per month', async () => {
    expect(await stored(citizens.voided as string)).toMatchObject({ total: '96.00', status: 'MEETS_CRITERIA' });
    await voidLog(em, voidable);
    expect(await stored(citizens.voided as string)).toMatchObject({ total: '96.00' });
    await run();
    const row = await stored(citizens.voided as string);
    expect(indicator(row, 'DIGITAL_SKILLS')).toEqual({ code: 'DIGITAL_SKILLS', source: 'AUTO', score: 0, value: 0 });
    expect(row).toMatchObject({ total: '86.00', status: 'NOT_YET' });
    const history = await em.execute<{ total: string; status: string }[]>('select total::text, status from title_progress_month where subject_id = ? and year = ?', [citizens.voided, YEAR]);
    expect(history).toEqual([{ total: '86.00', status: 'NOT_YET' }]);
  });

  it('removes the progress of a citizen who is no longer a subject at the next run', async () => {
    await em.execute('update citizen set birth_year = ? where id = ?', [YEAR - 10, citizens.fifteen]);
    await run();
    expect(await stored(citizens.fifteen as string)).toBeUndefined();
  });
});
