import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../src/core/roles';
import { toGlobalId } from '../../src/graphql/global-id';
import { todayInVietnam } from '../../src/core/time';
import { startTestApi, type TestApi } from '../helpers/test-api';
import { insertCitizen, insertProgress, insertUnit, vn2024Id, type UnitRow } from '../helpers/titles-fixtures';

const CURRENT = Number(todayInVietnam().slice(0, 4));
const YEAR = CURRENT - 1;
/** The 1373/QĐ-TTg target of Learning Citizens compared with: 40 % by 2025, 60 % by 2030 (the last one after). */
const targetFor = (year: number) => (year <= 2025 ? 0.4 : 0.6);

const ROW = 'unit { name } evaluated meeting recognised holding meetingShare recognisedShare comparedShare behindTarget';
const STANDINGS = `query($unitId: ID!, $year: Int!, $kind: TitleKind!, $unitLevel: UnitLevel) {
  titleStandings(unitId: $unitId, year: $year, kind: $kind, unitLevel: $unitLevel) {
    year titleKind yearClosed target { population targetYear share basis label } targets { population targetYear share }
    total { ${ROW} } children { ${ROW} } } }`;
const LEADERBOARD = `query($unitId: ID!, $year: Int!, $kind: TitleKind!, $first: Int) {
  titleLeaderboard(unitId: $unitId, year: $year, kind: $kind, first: $first) { rank unit { name } evaluated comparedShare behindTarget } }`;

let api: TestApi;
let em: EntityManager;
let rulesetId: string;
let province: UnitRow;
let admin: string;
let citizenToken: string;

/** `statuses.length` citizens of `unit` with stored progress for `year`; returns their ids. */
async function citizens(unit: UnitRow, year: number, statuses: ('MEETS_CRITERIA' | 'NOT_YET' | 'AWAITING_ASSESSMENT')[]): Promise<string[]> {
  const ids: string[] = [];
  for (const status of statuses) {
    const id = await insertCitizen(em, unit, 1980);
    await insertProgress(em, { id }, unit, year, { rulesetId, status, total: status === 'MEETS_CRITERIA' ? 85 : 60 });
    ids.push(id);
  }
  return ids;
}

async function recognise(ids: string[]): Promise<string[]> {
  const result = await api.gql(
    `mutation($input: RecognizeTitlesInput!) { recogniseTitles(input: $input) { results { award { id } errors { code } } errors { code } } }`,
    { input: { decision: { number: `${ids.length}/QĐ-UBND`, date: `${CURRENT}-01-01`, issuer: 'UBND xã', level: 'COMMUNE' }, subjectIds: ids.map((id) => toGlobalId('Citizen', id)), year: YEAR, titleKind: 'LEARNING_CITIZEN' } },
    { token: admin },
  );
  expect(result.data?.recogniseTitles.errors).toEqual([]);
  return result.data?.recogniseTitles.results.map((r: { award: { id: string } }) => r.award.id);
}

const M = 'MEETS_CRITERIA' as const;
const N = 'NOT_YET' as const;
const A = 'AWAITING_ASSESSMENT' as const;

beforeAll(async () => {
  api = await startTestApi();
  em = api.runtime.orm.em.fork();
  rulesetId = await vn2024Id(em);
  admin = (await api.account(Role.PROVINCE_ADMIN)).token;
  citizenToken = (await api.account(Role.CITIZEN)).token;
  province = await insertUnit(em, 'PROVINCE', null, { name: 'Tỉnh Thử' });
  const an = await insertUnit(em, 'COMMUNE', province, { name: 'Xã An' });
  const binh = await insertUnit(em, 'COMMUNE', province, { name: 'Xã Bình' });
  await insertUnit(em, 'COMMUNE', province, { name: 'Xã Cát' });
  const duong = await insertUnit(em, 'COMMUNE', province, { name: 'Xã Dương' });
  const xaEm = await insertUnit(em, 'COMMUNE', province, { name: 'Xã Êm' });
  const an1 = await insertUnit(em, 'HAMLET', an);
  const an2 = await insertUnit(em, 'HAMLET', an);
  const binh1 = await insertUnit(em, 'HAMLET', binh);
  // Closed year. Xã An: 6 evaluated (4 meet), 2 recognised. Xã Bình: 5 evaluated, all meet, 3 recognised, one revoked → 2.
  // Xã Dương: 5 evaluated, 2 meet and are recognised. Xã Cát: nobody. One citizen attached to the province itself.
  // Xã Êm: 2 evaluated, both meet, and its recognition of the year is not recorded: they count provisionally (titles.md).
  const anIds = [...(await citizens(an1, YEAR, [M, M, M, N])), ...(await citizens(an2, YEAR, [M, A]))];
  const binhIds = await citizens(binh1, YEAR, [M, M, M, M, M]);
  const duongIds = await citizens(duong, YEAR, [M, M, N, N, N]);
  await citizens(province, YEAR, [N]);
  await citizens(xaEm, YEAR, [M, M]);
  await recognise(anIds.slice(0, 2));
  const binhAwards = await recognise(binhIds.slice(0, 3));
  await recognise(duongIds.slice(0, 2));
  const revoked = await api.gql(`mutation($input: RevokeTitleAwardInput!) { revokeTitleAward(input: $input) { errors { code } } }`, { input: { awardId: binhAwards[0], reason: 'Sai hồ sơ' } }, { token: admin });
  expect(revoked.data?.revokeTitleAward.errors).toEqual([]);
  // Current year, provisional: Xã An 2 of 2 meet, Xã Bình 1 of 2.
  await citizens(an1, CURRENT, [M, M]);
  await citizens(binh1, CURRENT, [M, N]);
});

afterAll(async () => {
  await api.close();
});

const row = (name: string, evaluated: number, meeting: number, recognised: number, compared: number | null, target: number | null, holding = recognised) => ({
  unit: { name },
  evaluated,
  meeting,
  recognised,
  holding,
  meetingShare: evaluated ? meeting / evaluated : null,
  recognisedShare: evaluated ? recognised / evaluated : null,
  comparedShare: compared,
  behindTarget: compared === null || target === null ? null : compared < target,
});

it('counts each commune of the province for a closed year, compares recognitions where recorded (provisional progress elsewhere) with the national target and shows who is behind', async () => {
  const result = await api.gql(STANDINGS, { unitId: toGlobalId('AdministrativeUnit', province.id), year: YEAR, kind: 'LEARNING_CITIZEN' }, { token: citizenToken });
  expect(result.errors).toBeUndefined();
  const standings = result.data?.titleStandings;
  const target = targetFor(YEAR);
  expect(standings).toMatchObject({
    year: YEAR,
    titleKind: 'LEARNING_CITIZEN',
    yearClosed: true,
    target: { population: 'SUBJECTS', targetYear: YEAR <= 2025 ? 2025 : 2030, share: target, basis: '1373/QĐ-TTg', label: 'Công dân đạt danh hiệu Công dân học tập' },
    // 19 evaluated (6 + 5 + 5 + 2 + the province's own), 13 meet (4 + 5 + 2 + 2), 6 recognised (2 + 2 + 2), 8 holding (the 6 and Xã Êm's 2).
    total: row('Tỉnh Thử', 19, 13, 6, 8 / 19, target, 8),
    children: [
      row('Xã An', 6, 4, 2, 2 / 6, target),
      row('Xã Bình', 5, 5, 2, 2 / 5, target),
      row('Xã Cát', 0, 0, 0, null, target),
      row('Xã Dương', 5, 2, 2, 2 / 5, target),
      row('Xã Êm', 2, 2, 0, 1, target, 2),
    ],
  });
  // 2/5 is exactly 40 %: not behind a 40 % target (≥ as written).
  expect(standings.children[1].behindTarget).toBe(target > 0.4);
  expect(standings.targets.map((t: { population: string; targetYear: number; share: number }) => `${t.population} ${t.targetYear} ${t.share}`)).toEqual([
    'ADULT_MEMBERS 2025 0.4',
    'ADULT_MEMBERS 2030 0.7',
    'LEARNING_UNIT_STAFF 2025 0.6',
    'LEARNING_UNIT_STAFF 2030 0.8',
    'SUBJECTS 2025 0.4',
    'SUBJECTS 2030 0.6',
  ]);
});

it('compares the current year by the provisional progress', async () => {
  const result = await api.gql(STANDINGS, { unitId: toGlobalId('AdministrativeUnit', province.id), year: CURRENT, kind: 'LEARNING_CITIZEN' }, { token: citizenToken });
  const target = targetFor(CURRENT);
  expect(result.data?.titleStandings).toMatchObject({
    yearClosed: false,
    total: row('Tỉnh Thử', 4, 3, 0, 3 / 4, target, 3),
    children: [
      row('Xã An', 2, 2, 0, 1, target, 2),
      row('Xã Bình', 2, 1, 0, 1 / 2, target, 1),
      row('Xã Cát', 0, 0, 0, null, target),
      row('Xã Dương', 0, 0, 0, null, target),
      row('Xã Êm', 0, 0, 0, null, target),
    ],
  });
});

it('ranks communes with subjects by share, equal shares sharing a rank, and never lists persons', async () => {
  const closed = await api.gql(LEADERBOARD, { unitId: toGlobalId('AdministrativeUnit', province.id), year: YEAR, kind: 'LEARNING_CITIZEN' }, { token: citizenToken });
  expect(closed.data?.titleLeaderboard.map((e: { rank: number; unit: { name: string }; evaluated: number }) => [e.rank, e.unit.name, e.evaluated])).toEqual([
    [1, 'Xã Êm', 2],
    [2, 'Xã Bình', 5],
    [2, 'Xã Dương', 5],
    [4, 'Xã An', 6],
  ]);
  const top = await api.gql(LEADERBOARD, { unitId: toGlobalId('AdministrativeUnit', province.id), year: CURRENT, kind: 'LEARNING_CITIZEN', first: 1 }, { token: citizenToken });
  expect(top.data?.titleLeaderboard).toEqual([{ rank: 1, unit: { name: 'Xã An' }, evaluated: 2, comparedShare: 1, behindTarget: false }]);
  const tooMany = await api.gql(LEADERBOARD, { unitId: toGlobalId('AdministrativeUnit', province.id), year: YEAR, kind: 'LEARNING_CITIZEN', first: 101 }, { token: citizenToken });
  expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

it('lets any signed-in account read standings and leaderboards, and nobody anonymously', async () => {
  const variables = { unitId: toGlobalId('AdministrativeUnit', province.id), year: YEAR, kind: 'LEARNING_CITIZEN' };
  const staff = (await api.account(Role.INSTITUTION_STAFF)).token;
  const otherAssessor = (await api.account(Role.ASSESSOR, { unitId: (await insertUnit(em, 'PROVINCE', null)).id })).token;
  for (const query of [STANDINGS, LEADERBOARD]) {
    expect((await api.gql(query, variables)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    for (const token of [citizenToken, staff, otherAssessor, admin]) expect((await api.gql(query, variables, { token })).errors).toBeUndefined();
  }
});

it('asks for the unit level of a Learning Community, and shows hamlets against their target', async () => {
  const missing = await api.gql(STANDINGS, { unitId: toGlobalId('AdministrativeUnit', province.id), year: YEAR, kind: 'LEARNING_COMMUNITY' }, { token: citizenToken });
  expect(missing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  const hamlets = await api.gql(STANDINGS, { unitId: toGlobalId('AdministrativeUnit', province.id), year: YEAR, kind: 'LEARNING_COMMUNITY', unitLevel: 'HAMLET' }, { token: citizenToken });
  expect(hamlets.data?.titleStandings).toMatchObject({ target: { share: YEAR <= 2025 ? 0.65 : 0.75, basis: '387/QĐ-TTg; 677/QĐ-TTg' }, total: { evaluated: 0, behindTarget: null } });
});

it('answers the same to `titleKind:` and to the deprecated `kind:`, on standings, the leaderboard and a ruleset’s definition', async () => {
  const unitId = toGlobalId('AdministrativeUnit', province.id);
  const ask = async (spelling: 'titleKind' | 'kind') => {
    const result = await api.gql(
      `query($unitId: ID!, $year: Int!, $kind: TitleKind!, $rulesetId: ID!) {
        titleStandings(unitId: $unitId, year: $year, ${spelling}: $kind) { titleKind total { evaluated meeting recognised } children { unit { name } evaluated } }
        titleLeaderboard(unitId: $unitId, year: $year, ${spelling}: $kind) { rank unit { name } comparedShare }
        ruleset(id: $rulesetId) { definition(${spelling}: $kind) { id titleKind kind } } }`,
      { unitId, year: YEAR, kind: 'LEARNING_CITIZEN', rulesetId: toGlobalId('TitleRuleset', rulesetId) },
      { token: citizenToken },
    );
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const answer = await ask('titleKind');
  expect(answer?.titleStandings.titleKind).toBe('LEARNING_CITIZEN');
  expect(answer?.titleLeaderboard.length).toBeGreaterThan(0);
  expect(answer?.ruleset.definition).toMatchObject({ titleKind: 'LEARNING_CITIZEN', kind: 'LEARNING_CITIZEN' });
  expect(await ask('kind')).toEqual(answer);

  const refused = await api.gql('query($unitId: ID!) { titleStandings(unitId: $unitId, year: 2024, titleKind: LEARNING_CITIZEN, kind: LEARNING_FAMILY) { year } }', { unitId }, { token: citizenToken });
  expect(refused.errors?.[0]).toMatchObject({ message: 'Name the title once, with `titleKind`', extensions: { code: 'BAD_USER_INPUT' } });
  const deprecated = await api.gql(`{ titleStandings: __type(name: "Query") { fields { name args(includeDeprecated: true) { name isDeprecated } } }
    definition: __type(name: "TitleDefinition") { fields(includeDeprecated: true) { name isDeprecated } } }`);
  const args = deprecated.data?.titleStandings.fields.find((field: { name: string }) => field.name === 'titleStandings').args;
  expect(args.filter((arg: { name: string }) => ['titleKind', 'kind'].includes(arg.name))).toEqual(
    expect.arrayContaining([{ name: 'titleKind', isDeprecated: false }, { name: 'kind', isDeprecated: true }]),
  );
  expect(deprecated.data?.definition.fields.filter((field: { name: string }) => ['titleKind', 'kind'].includes(field.name))).toEqual(
    expect.arrayContaining([{ name: 'kind', isDeprecated: true }, { name: 'titleKind', isDeprecated: false }]),
  );
});
