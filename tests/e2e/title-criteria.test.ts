import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../src/core/roles';
import { toGlobalId } from '../../src/graphql/global-id';
import { todayInVietnam } from '../../src/core/time';
import { startWorkers, type WorkerHost } from '../../workers/host';
import { startTestApi, type TestApi } from '../helpers/test-api';
import { recalculateTitlesAndWait } from '../helpers/title-runs';
import {
  attestLearningCitizen,
  insertCitizens,
  insertClan,
  insertHousehold,
  insertProgress,
  insertInstitution,
  insertLog,
  insertProgramme,
  insertSession,
  insertSubjectAttestation,
  insertCommuneWithHamlet,
  insertUnit,
  type UnitRow,
} from '../helpers/titles-fixtures';

/*
 * Hand-computed cases of titles.md's points rules for families, clans and hamlets, under VN-2024
 * version 2 (criteria, from 2026; version 3, in force for the current year, keeps its definitions) and version 1 (every indicator at least
 * half its maximum) for the year before, on the same people with the same entries each year.
 *
 * Four households of two adults (aged 19–60) each, all in one hamlet and one clan; every adult
 * has a verified activity in the year (ADULT_ACTIVITY 10); children 10 + 10 + 10, conditions 20,
 * effects 20 attested for every household.
 * - F90: literacy 10, nobody a Learning Citizen (share 0): adults 20/30, total 90.
 * - F14: literacy 4: adults 14/30, total 84.
 * - F15: literacy 5: adults 15/30, total 85 (the boundary: half of 30).
 * - FLC: literacy 10, both adults Learning Citizens (share 10): adults 30/30, total 100.
 * Version 2: F90, F15 and FLC pass (F14's adults are below 15). Version 1: only FLC (share 0 < 5, literacy 4 < 5).
 * Clan of the four: families 3/4 = 75 % → 30 (v1: 1/4 = 25 % → 0), citizens 2/8 = 25 % → 10,
 * study promotion 25, children 25: 90 and passes (v1: 60, families 0 < 15).
 * Hamlet of the four: families 75 % → 40 (v1: 25 % → 0), residents 2/8 = 25 % → 10, 12 verified
 * sessions in the hamlet → 20, leadership 20: 90 and passes (v1: 50, families 0 < 20).
 * In another hamlet, FAW: like F90 but literacy not entered yet: total 80, adults 10/30, which
 * could still reach 15 with the entry: awaiting assessment.
 */

const CURRENT = Number(todayInVietnam().slice(0, 4));
const YEARS = [CURRENT, CURRENT - 1] as const;

let api: TestApi;
let workers: WorkerHost;
let em: EntityManager;
let commune: UnitRow;
let hamlet: UnitRow;
let households: Record<'F90' | 'F14' | 'F15' | 'FLC', string>;
let awaitingHousehold: string;
let clanId: string;
let adminToken: string;

const PROGRESS = `query($id: ID!, $year: Int!) { titleProgress(subjectId: $id, year: $year) {
  total status ruleset { version } missing criteria { code label score maxScore minimum meetsMinimum explanation } } }`;

const FAMILY_ENTRIES = { CHILDREN_SCHOOLING: 10, CHILDREN_RESULTS: 10, CHILDREN_BEHAVIOUR: 10, HOME_CONDITIONS: 20, FAMILY_EFFECTS: 20 };

async function recalculate(year: number): Promise<void> {
  expect((await recalculateTitlesAndWait(api, adminToken, commune.id, year)).run).toEqual({ status: 'SUCCEEDED', error: null });
}

async function progress(type: string, id: string, year: number, headers: Record<string, string> = {}) {
  const result = await api.gql(PROGRESS, { id: toGlobalId(type, id), year }, { token: adminToken, headers });
  expect(result.errors).toBeUndefined();
  return result.data?.titleProgress;
}

beforeAll(async () => {
  api = await startTestApi();
  workers = await startWorkers(api.runtime);
  em = api.runtime.orm.em.fork();
  ({ commune, hamlet } = await insertCommuneWithHamlet(em));
  const institution = await insertInstitution(em, hamlet, 'COMMUNITY_LEARNING_CENTRE');
  const programme = await insertProgramme(em, institution);
  const adults = {
    F90: await insertCitizens(em, hamlet, 1985, 2),
    F14: await insertCitizens(em, hamlet, 1985, 2),
    F15: await insertCitizens(em, hamlet, 1985, 2),
    FLC: await insertCitizens(em, hamlet, 1985, 2),
  };
  households = {
    F90: await insertHousehold(em, hamlet, adults.F90),
    F14: await insertHousehold(em, hamlet, adults.F14),
    F15: await insertHousehold(em, hamlet, adults.F15),
    FLC: await insertHousehold(em, hamlet, adults.FLC),
  };
  clanId = await insertClan(em, commune, Object.values(households));
  const otherHamlet = await insertUnit(em, 'HAMLET', commune);
  const awaitingAdults = await insertCitizens(em, otherHamlet, 1985, 2);
  awaitingHousehold = await insertHousehold(em, otherHamlet, awaitingAdults);
  const literacy = { F90: 10, F14: 4, F15: 5, FLC: 10 };
  for (const year of YEARS) {
    for (const [name, members] of Object.entries(adults) as [keyof typeof adults, string[]][]) {
      for (const citizenId of members) await insertLog(em, citizenId, { day: `${year}-03-01`, hours: 2, source: 'RESOURCE_STUDY' });
      await insertSubjectAttestation(em, { kind: 'HOUSEHOLD', id: households[name] }, hamlet, year, { ...FAMILY_ENTRIES, ADULT_LITERACY: literacy[name] });
    }
    for (const citizenId of awaitingAdults) await insertLog(em, citizenId, { day: `${year}-03-01`, hours: 2, source: 'RESOURCE_STUDY' });
    await insertSubjectAttestation(em, { kind: 'HOUSEHOLD', id: awaitingHousehold }, otherHamlet, year, FAMILY_ENTRIES);
    await attestLearningCitizen(em, adults.FLC, hamlet, year);
    // 12 verified sessions in the hamlet, each attended by a resident.
    for (let month = 1; month <= 12; month += 1) {
      const day = `${year}-${String(month).padStart(2, '0')}-10`;
      const session = await insertSession(em, programme, institution, day);
      await insertLog(em, adults.F90[0] as string, { day, hours: 2, source: 'ATTENDANCE', sessionId: session, institutionId: institution });
    }
    await insertSubjectAttestation(em, { kind: 'CLAN', id: clanId }, commune, year, { STUDY_PROMOTION: 25, CHILDREN_ACHIEVEMENTS: 25 });
    await insertSubjectAttestation(em, { kind: 'UNIT', id: hamlet.id, unitLevel: 'HAMLET' }, hamlet, year, { LEADERSHIP: 20 });
  }
  adminToken = (await api.account(Role.PROVINCE_ADMIN)).token;
  for (const year of YEARS) await recalculate(year);
}, 120_000);

afterAll(async () => {
  await workers.close();
  await api.close();
});

describe('a family under version 2: no criterion below half its maximum', () => {
  it('passes at 20/30 on adults with nobody yet a Learning Citizen and 90 in total', async () => {
    const family = await progress('Household', households.F90, CURRENT, { 'accept-language': 'en' });
    expect(family).toMatchObject({ total: 90, status: 'MEETS_CRITERIA', ruleset: { version: 3 }, missing: [] });
    expect(family.criteria).toEqual([
      { code: 'CHILDREN', label: "Children's learning", score: 30, maxScore: 30, minimum: 15, meetsMinimum: true, explanation: "Children's learning: 30 of 30 points, needs at least 15" },
      { code: 'ADULTS', label: "Adults' learning", score: 20, maxScore: 30, minimum: 15, meetsMinimum: true, explanation: "Adults' learning: 20 of 30 points, needs at least 15" },
      { code: 'CONDITIONS', label: 'Learning conditions', score: 20, maxScore: 20, minimum: 10, meetsMinimum: true, explanation: 'Learning conditions: 20 of 20 points, needs at least 10' },
      { code: 'EFFECTS', label: 'Effects of learning', score: 20, maxScore: 20, minimum: 10, meetsMinimum: true, explanation: 'Effects of learning: 20 of 20 points, needs at least 10' },
    ]);
  });

  it('does not pass at 14/30 on adults although the total is 84, and says which criterion is short', async () => {
    const family = await progress('Household', households.F14, CURRENT);
    expect(family).toMatchObject({ total: 84, status: 'NOT_YET', ruleset: { version: 3 } });
    expect(family.criteria[1]).toMatchObject({ code: 'ADULTS', label: 'Người lớn học tập', score: 14, maxScore: 30, minimum: 15, meetsMinimum: false });
    expect(family.missing).toEqual(['Người lớn học tập: 14/30 điểm, cần ít nhất 15']);
  });

  it('passes at the boundary, 15/30 on adults', async () => {
    const family = await progress('Household', households.F15, CURRENT);
    expect(family).toMatchObject({ total: 85, status: 'MEETS_CRITERIA', missing: [] });
    expect(family.criteria[1]).toMatchObject({ score: 15, minimum: 15, meetsMinimum: true });
  });

  it('awaits assessment at 80 in total when adults are at 10/30 with literacy not entered yet, since the entry could bring them to 15', async () => {
    const family = await progress('Household', awaitingHousehold, CURRENT, { 'accept-language': 'en' });
    expect(family).toMatchObject({ total: 80, status: 'AWAITING_ASSESSMENT' });
    expect(family.criteria[1]).toMatchObject({ code: 'ADULTS', score: 10, meetsMinimum: false });
    expect(family.missing).toEqual(["Adults' learning: 10 of 30 points, needs at least 15", "Adults aged 19–60 are literate: awaiting an assessor's entry"]);
  });

  it('under version 1 (the year before) the same households fail on the Learning-Citizen item, and show no criteria', async () => {
    const statuses: Record<string, unknown> = {};
    for (const [name, id] of Object.entries(households)) {
      const family = await progress('Household', id, CURRENT - 1);
      statuses[name] = [family.ruleset.version, family.total, family.status, family.criteria];
    }
    expect(statuses).toEqual({
      F90: [1, 90, 'NOT_YET', []],
      F14: [1, 84, 'NOT_YET', []],
      F15: [1, 85, 'NOT_YET', []],
      FLC: [1, 100, 'MEETS_CRITERIA', []],
    });
  });
});

describe('clans and hamlets count the families version 2 recognises', () => {
  it('a clan of the four households: 3 of 4 Learning Families, 90 points, passes; 60 and not under version 1', async () => {
    const now = await progress('Clan', clanId, CURRENT);
    expect(now).toMatchObject({ total: 90, status: 'MEETS_CRITERIA' });
    expect(now.criteria.map((c: { code: string; score: number }) => [c.code, c.score])).toEqual([
      ['FAMILIES', 30],
      ['CITIZENS', 10],
      ['STUDY_PROMOTION', 25],
      ['CHILDREN', 25],
    ]);
    const before = await progress('Clan', clanId, CURRENT - 1);
    expect(before).toMatchObject({ total: 60, status: 'NOT_YET', ruleset: { version: 1 } });
  });

  it('a hamlet of the four households: 75 % Learning Families, 90 points, passes; 50 and not under version 1', async () => {
    const now = await progress('AdministrativeUnit', hamlet.id, CURRENT);
    expect(now).toMatchObject({ total: 90, status: 'MEETS_CRITERIA' });
    expect(now.criteria.map((c: { code: string; score: number; minimum: number }) => [c.code, c.score, c.minimum])).toEqual([
      ['FAMILIES', 40, 20],
      ['CITIZENS', 10, 10],
      ['ACTIVITY', 20, 10],
      ['LEADERSHIP', 20, 10],
    ]);
    const before = await progress('AdministrativeUnit', hamlet.id, CURRENT - 1);
    expect(before).toMatchObject({ total: 50, status: 'NOT_YET', ruleset: { version: 1 } });
  });
});

describe('a dry run of version 2 against version 1', () => {
  it('over the year version 1 computed: two families, the clan and the hamlet gain the title; the criteria say who falls short (F14 and FAW on adults)', async () => {
    const [v2] = await em.execute<{ id: string }[]>(`select id from title_ruleset where code = 'VN-2024' and version = 2`);
    const draft = await api.gql(
      'mutation($input: CreateRulesetDraftInput!) { createRulesetDraft(input: $input) { ruleset { id } errors { code } } }',
      { input: { fromId: toGlobalId('TitleRuleset', v2?.id as string), code: 'TEST-DRY-V2', effectiveFrom: '2090-01-01' } },
      { token: adminToken },
    );
    const dry = await api.gql(
      `query($input: DryRunRulesetInput!) { dryRunRuleset(input: $input) { titles { titleKind unitLevel evaluated meetsNow meetsWithDraft gained lost gainedSamples criteria { code label maxScore minimum belowMinimum } } } }`,
      { input: { rulesetId: draft.data?.createRulesetDraft.ruleset.id, unitId: toGlobalId('AdministrativeUnit', commune.id), year: CURRENT - 1 } },
      { token: adminToken, headers: { 'accept-language': 'en' } },
    );
    expect(dry.errors).toBeUndefined();
    const titles = dry.data?.dryRunRuleset.titles as { titleKind: string; unitLevel: string | null }[];
    const of = (kind: string, level: string | null = null) => titles.find((title) => title.titleKind === kind && title.unitLevel === level);
    expect(of('LEARNING_FAMILY')).toMatchObject({
      evaluated: 5,
      meetsNow: 1,
      meetsWithDraft: 3,
      gained: 2,
      lost: 0,
      gainedSamples: expect.arrayContaining([toGlobalId('Household', households.F90), toGlobalId('Household', households.F15)]),
      criteria: [
        { code: 'CHILDREN', label: "Children's learning", maxScore: 30, minimum: 15, belowMinimum: 0 },
        { code: 'ADULTS', label: "Adults' learning", maxScore: 30, minimum: 15, belowMinimum: 2 },
        { code: 'CONDITIONS', label: 'Learning conditions', maxScore: 20, minimum: 10, belowMinimum: 0 },
        { code: 'EFFECTS', label: 'Effects of learning', maxScore: 20, minimum: 10, belowMinimum: 0 },
      ],
    });
    expect(of('LEARNING_CLAN')).toMatchObject({ evaluated: 1, meetsNow: 0, meetsWithDraft: 1, gained: 1 });
    expect(of('LEARNING_COMMUNITY', 'HAMLET')).toMatchObject({ evaluated: 2, meetsNow: 0, meetsWithDraft: 1, gained: 1 });
  });
});

describe('awards', () => {
  it('show the criteria of the version they were made with, summed over the frozen scores', async () => {
    // A household's progress for the closed year as a run with version 2 would have stored it (F90's scores).
    const [v2] = await em.execute<{ id: string }[]>(`select id from title_ruleset where code = 'VN-2024' and version = 2`);
    const members = await insertCitizens(em, hamlet, 1985, 2);
    const household = await insertHousehold(em, hamlet, members);
    const scores = (codes: Record<string, number>, source: string) => Object.entries(codes).map(([code, score]) => ({ code, source, score, value: source === 'AUTO' ? score / 10 : null }));
    const indicators = [...scores({ CHILDREN_SCHOOLING: 10, CHILDREN_RESULTS: 10, CHILDREN_BEHAVIOUR: 10, ADULT_LITERACY: 10 }, 'ATTESTED'), ...scores({ ADULT_ACTIVITY: 10, CITIZEN_SHARE: 0 }, 'AUTO'), ...scores({ HOME_CONDITIONS: 20, FAMILY_EFFECTS: 20 }, 'ATTESTED')];
    await insertProgress(em, { kind: 'HOUSEHOLD', id: household, titleKind: 'LEARNING_FAMILY' }, hamlet, CURRENT - 1, { rulesetId: v2?.id as string, status: 'MEETS_CRITERIA', total: 90, indicators });
    const result = await api.gql(
      `mutation($input: RecognizeTitlesInput!) { recogniseTitles(input: $input) { results { award { total ruleset { version } criteria { code score maxScore minimum meetsMinimum explanation } } errors { code } } errors { code } } }`,
      {
        input: {
          decision: { number: '7/QĐ-UBND', date: `${CURRENT}-01-05`, issuer: 'UBND xã Thử Nghiệm', level: 'COMMUNE' },
          subjectIds: [toGlobalId('Household', household)],
          year: CURRENT - 1,
          titleKind: 'LEARNING_FAMILY',
        },
      },
      { token: adminToken, headers: { 'accept-language': 'en' } },
    );
    expect(result.data?.recogniseTitles.errors).toEqual([]);
    const award = result.data?.recogniseTitles.results[0].award;
    expect(award).toMatchObject({ total: 90, ruleset: { version: 2 } });
    expect(award.criteria.map((c: { explanation: string }) => c.explanation)).toEqual([
      "Children's learning: 30 of 30 points, needs at least 15",
      "Adults' learning: 20 of 30 points, needs at least 15",
      'Learning conditions: 20 of 20 points, needs at least 10',
      'Effects of learning: 20 of 20 points, needs at least 10',
    ]);
  });
});

describe('publishing criteria', () => {
  const DEFINITION = `mutation($input: UpdateTitleDefinitionInput!) { updateTitleDefinition(input: $input) { definition { id } errors { code } } }`;

  it('refuses criteria that overlap, name unknown indicators or set a minimum out of range, each as a UserError', async () => {
    const v2 = await api.gql(`{ activeRuleset(date: "${CURRENT}-06-30") { id version definition(kind: LEARNING_FAMILY) { id criteria { code maxScore indicatorCodes } } } }`);
    expect(v2.data?.activeRuleset).toMatchObject({ version: 3, definition: { criteria: [{ code: 'CHILDREN', maxScore: 30 }, { code: 'ADULTS', maxScore: 30, indicatorCodes: ['ADULT_LITERACY', 'ADULT_ACTIVITY', 'CITIZEN_SHARE'] }, { code: 'CONDITIONS', maxScore: 20 }, { code: 'EFFECTS', maxScore: 20 }] } });
    const draft = await api.gql(
      'mutation($input: CreateRulesetDraftInput!) { createRulesetDraft(input: $input) { ruleset { id definition(kind: LEARNING_FAMILY) { id } } errors { code } } }',
      { input: { fromId: v2.data?.activeRuleset.id, code: 'TEST-CRITERIA', effectiveFrom: '2090-01-01' } },
      { token: adminToken },
    );
    const ruleset = draft.data?.createRulesetDraft.ruleset;
    const changed = await api.gql(
      DEFINITION,
      {
        input: {
          id: ruleset.definition.id,
          passRule: { kind: 'POINTS', totalPoints: 100, threshold: 80, criterionMinimum: 1.5, criterionMinimumKind: 'FRACTION_OF_MAXIMUM' },
          criteria: [
            { code: 'A', labelVi: 'A', labelEn: 'A', indicatorCodes: ['ADULT_LITERACY', 'NO_SUCH'] },
            { code: 'B', labelVi: 'B', labelEn: 'B', indicatorCodes: ['ADULT_LITERACY'] },
          ],
        },
      },
      { token: adminToken },
    );
    expect(changed.data?.updateTitleDefinition.errors).toEqual([]);
    const published = await api.gql('mutation($input: PublishRulesetInput!) { publishRuleset(input: $input) { ruleset { id } errors { field code } } }', { input: { id: ruleset.id } }, { token: adminToken });
    expect(published.data?.publishRuleset).toEqual({
      ruleset: null,
      errors: [
        { field: ['ruleset', 'definitions', 'LEARNING_FAMILY', 'criteria', 'A', 'indicatorCodes', 'NO_SUCH'], code: 'UNKNOWN_CRITERION_INDICATOR' },
        { field: ['ruleset', 'definitions', 'LEARNING_FAMILY', 'criteria', 'B', 'indicatorCodes', 'ADULT_LITERACY'], code: 'INDICATOR_IN_TWO_CRITERIA' },
        { field: ['ruleset', 'definitions', 'LEARNING_FAMILY', 'passRule', 'criterionMinimum'], code: 'THRESHOLD_OUT_OF_RANGE' },
      ],
    });
  });
});
