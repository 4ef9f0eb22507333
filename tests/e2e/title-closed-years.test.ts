import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../src/core/roles';
import { todayInVietnam } from '../../src/core/time';
import { toGlobalId } from '../../src/graphql/global-id';
import { startWorkers, type WorkerHost } from '../../workers/host';
import { startTestApi, type TestApi } from '../helpers/test-api';
import { recalculateTitlesAndWait } from '../helpers/title-runs';
import { attestLearningCitizen, insertClan, insertCitizens, insertHousehold, insertLog, insertSubjectAttestation, insertCommuneWithHamlet, type UnitRow } from '../helpers/titles-fixtures';

/*
 * For a closed year, the clan's share of Learning Families counts the households recognised, not
 * their provisional progress (titles.md). Year before the current one, VN-2024 version 1: two
 * households of two adults each, every adult a Learning Citizen with a verified activity, literacy,
 * children, conditions and effects attested in full: each household 100 and meets the criteria;
 * the clan of the two: families 2/2 → 30. Both households are recognised (which records the
 * year's recognition of Learning Families in the commune); then every adult loses the Learning
 * Citizen (no award of it exists, so their provisional progress counts): the households no longer
 * meet the criteria, yet the clan's family share stays 2/2 → 30. Revoking one award makes it
 * 1/2 = 50 % → 20 at the next run. The explanations say which was counted: provisional results
 * before the recognition is recorded, recognitions after.
 */

const YEAR = Number(todayInVietnam().slice(0, 4)) - 1;
const FAMILY_ENTRIES = { CHILDREN_SCHOOLING: 10, CHILDREN_RESULTS: 10, CHILDREN_BEHAVIOUR: 10, ADULT_LITERACY: 10, HOME_CONDITIONS: 20, FAMILY_EFFECTS: 20 };
const PROGRESS = `query($id: ID!, $year: Int!) { titleProgress(subjectId: $id, year: $year) { total status indicators { code score value explanation } } }`;

let api: TestApi;
let workers: WorkerHost;
let em: EntityManager;
let commune: UnitRow;
let adults: string[];
let households: string[];
let clanId: string;
let admin: string;

async function recalculate(): Promise<void> {
  expect((await recalculateTitlesAndWait(api, admin, commune.id, YEAR)).run).toEqual({ status: 'SUCCEEDED', error: null });
}

async function progress(type: string, id: string, language = 'vi') {
  const result = await api.gql(PROGRESS, { id: toGlobalId(type, id), year: YEAR }, { token: admin, headers: { 'accept-language': language } });
  expect(result.errors).toBeUndefined();
  return result.data?.titleProgress as { total: number; status: string; indicators: { code: string; score: number | null; value: number | null; explanation: string }[] };
}

const indicator = (row: Awaited<ReturnType<typeof progress>>, code: string) => row.indicators.find((i) => i.code === code);

beforeAll(async () => {
  api = await startTestApi();
  workers = await startWorkers(api.runtime);
  em = api.runtime.orm.em.fork();
  const units = await insertCommuneWithHamlet(em);
  commune = units.commune;
  const hamlet = units.hamlet;
  const members = [await insertCitizens(em, hamlet, 1985, 2), await insertCitizens(em, hamlet, 1985, 2)];
  adults = members.flat();
  households = [await insertHousehold(em, hamlet, members[0] as string[]), await insertHousehold(em, hamlet, members[1] as string[])];
  clanId = await insertClan(em, commune, households);
  for (const citizenId of adults) await insertLog(em, citizenId, { day: `${YEAR}-03-01`, hours: 2, source: 'RESOURCE_STUDY' });
  for (const household of households) await insertSubjectAttestation(em, { kind: 'HOUSEHOLD', id: household }, hamlet, YEAR, FAMILY_ENTRIES);
  await attestLearningCitizen(em, adults, hamlet, YEAR);
  await insertSubjectAttestation(em, { kind: 'CLAN', id: clanId }, commune, YEAR, { STUDY_PROMOTION: 25, CHILDREN_ACHIEVEMENTS: 25 });
  admin = (await api.account(Role.PROVINCE_ADMIN)).token;
  await recalculate();
}, 120_000);

afterAll(async () => {
  await workers.close();
  await api.close();
});

it('counts the recognised households for the closed year, and moves only when an award is revoked', async () => {
  for (const household of households) expect(await progress('Household', household)).toMatchObject({ total: 100, status: 'MEETS_CRITERIA' });
  expect(indicator(await progress('Clan', clanId), 'FAMILY_SHARE')).toMatchObject({
    score: 30,
    value: 1,
    explanation: `2/2 hộ đạt tiêu chí Gia đình học tập năm ${YEAR}, tạm tính vì chưa có quyết định công nhận (100 %): 30/30 điểm`,
  });
  expect(indicator(await progress('Clan', clanId, 'en'), 'FAMILY_SHARE')?.explanation).toBe(
    `2 of 2 households meet the criteria of Gia đình học tập in ${YEAR}, provisional while the recognition is not recorded (100 %): 30 of 30 points`,
  );

  const recognised = await api.gql(
    `mutation($input: RecognizeTitlesInput!) { recogniseTitles(input: $input) { results { award { id } errors { code } } errors { code } } }`,
    {
      input: {
        decision: { number: '12/QĐ-UBND', date: `${YEAR + 1}-01-01`, issuer: 'UBND xã', level: 'COMMUNE' },
        subjectIds: households.map((id) => toGlobalId('Household', id)),
        year: YEAR,
        titleKind: 'LEARNING_FAMILY',
      },
    },
    { token: admin },
  );
  expect(recognised.data?.recogniseTitles.errors).toEqual([]);
  const awardIds = (recognised.data?.recogniseTitles.results as { award: { id: string } | null }[]).map((result) => result.award?.id as string);
  expect(awardIds).toHaveLength(2);

  // Every adult loses the Learning Citizen (READING 0 is below the minimum of 5): the households no longer meet the criteria.
  await em.execute(`update title_attestation set score = 0 where subject_id = any(?::uuid[]) and indicator_code = 'READING' and year = ?`, [`{${adults.join(',')}}`, YEAR]);
  await recalculate();
  for (const household of households) {
    const row = await progress('Household', household);
    expect(row.status).toBe('NOT_YET');
    expect(indicator(row, 'CITIZEN_SHARE')).toMatchObject({ score: 0, value: 0 });
    expect(indicator(await progress('Household', household, 'en'), 'CITIZEN_SHARE')?.explanation).toMatch(/^0 of 2 people meet the criteria of Công dân học tập in \d{4}, provisional/);
  }
  expect(indicator(await progress('Clan', clanId), 'FAMILY_SHARE')).toMatchObject({ score: 30, value: 1, explanation: `2/2 hộ được công nhận Gia đình học tập năm ${YEAR} (100 %): 30/30 điểm` });
  expect(indicator(await progress('Clan', clanId, 'en'), 'FAMILY_SHARE')?.explanation).toBe(`2 of 2 households recognised as Gia đình học tập in ${YEAR} (100 %): 30 of 30 points`);

  const revoked = await api.gql(
    `mutation($input: RevokeTitleAwardInput!) { revokeTitleAward(input: $input) { errors { code } } }`,
    { input: { awardId: awardIds[0], reason: 'Hồ sơ khen thưởng không đúng' } },
    { token: admin },
  );
  expect(revoked.data?.revokeTitleAward.errors).toEqual([]);
  // Unchanged until the next run, which counts the one award left.
  expect(indicator(await progress('Clan', clanId), 'FAMILY_SHARE')).toMatchObject({ score: 30, value: 1 });
  await recalculate();
  expect(indicator(await progress('Clan', clanId), 'FAMILY_SHARE')).toMatchObject({ score: 20, value: 0.5 });
  expect(indicator(await progress('Clan', clanId, 'en'), 'FAMILY_SHARE')?.explanation).toBe(`1 of 2 households recognised as Gia đình học tập in ${YEAR} (50 %): 20 of 30 points`);
});
