import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../src/core/roles';
import { idOf, toGlobalId } from '../../src/graphql/global-id';
import { todayInVietnam } from '../../src/core/time';
import { validUntil } from '../../src/titles/recognition/recognition.service';
import { startTestApi, type TestApi } from '../helpers/test-api';
import { insertCitizen, insertProgress, insertUnit, vn2024Id, type UnitRow } from '../helpers/titles-fixtures';

const TODAY = todayInVietnam();
const CURRENT = Number(TODAY.slice(0, 4));
const YEAR = CURRENT - 1;
// 1 January: never in the future, and the day after the year recognised ended.
const DECISION_DATE = `${CURRENT}-01-01`;

const AWARD = `id subjectId titleKind titleKindLabel year decisionNumber decisionDate issuer decisionLevel decisionLevelLabel validUntil inForce
  total threshold progressStatus overrideReason status statusLabel revokedAt revocationReason recordedByName revokedByName
  ruleset { code version } unit { id } indicators { code source score value }`;
const RECOGNIZE = `mutation($input: RecognizeTitlesInput!) { recogniseTitles(input: $input) {
  recognisedCount results { subjectId award { ${AWARD} } errors { field code message } } errors { field code message } } }`;
const REVOKE = `mutation($input: RevokeTitleAwardInput!) { revokeTitleAward(input: $input) { award { ${AWARD} } errors { field code message } } }`;
const AWARDS = `query($filter: TitleAwardFilter!, $first: Int, $after: String) { titleAwards(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id subjectId status year } } } }`;
const CITIZEN_AWARDS = `query($id: ID!) { node(id: $id) { ... on Citizen { titleAwards { id year status decisionNumber } } } }`;

type Caller = 'anonymous' | 'citizen' | 'staff' | 'assessor' | 'otherAssessor' | 'hamletAssessor' | 'provinceAssessor' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'citizen', 'staff', 'assessor', 'otherAssessor', 'hamletAssessor', 'provinceAssessor', 'admin'];

let api: TestApi;
let em: EntityManager;
let rulesetId: string;
let province: UnitRow;
let commune: UnitRow;
let hamlet: UnitRow;
let otherCommune: UnitRow;
let ownCitizenId: string;
let tokens: Record<Exclude<Caller, 'anonymous'>, string>;
let serial = 0;

const gid = (type: string, id: string) => toGlobalId(type, id);
const token = (caller: Caller) => (caller === 'anonymous' ? undefined : tokens[caller]);
const decision = (overrides: Record<string, unknown> = {}) => ({ number: `${(serial += 1)}/QĐ-UBND`, date: DECISION_DATE, issuer: 'UBND phường Thử Nghiệm', level: 'COMMUNE', ...overrides });

const SCORES = [
  { code: 'READING', source: 'AUTO', score: 10, value: 24 },
  { code: 'LEARNING_PLAN', source: 'AUTO', score: 8, value: 0.5 },
  { code: 'ENCOURAGES_LEARNING', source: 'ATTESTED', score: 9, value: null },
];

/** A citizen of `unit` whose stored progress for YEAR has `status`. */
async function citizenWith(status: 'MEETS_CRITERIA' | 'NOT_YET' | 'AWAITING_ASSESSMENT' | null, unit: UnitRow = hamlet, accountId: string | null = null): Promise<string> {
  const id = await insertCitizen(em, unit, 1980, accountId);
  if (status) await insertProgress(em, { id }, unit, YEAR, { rulesetId, status, total: status === 'MEETS_CRITERIA' ? 85 : 62, indicators: SCORES });
  return id;
}

function recognize(subjectIds: string[], caller: Caller, overrides: Record<string, unknown> = {}, language = 'vi') {
  const input = { decision: decision(), subjectIds: subjectIds.map((id) => gid('Citizen', id)), year: YEAR, titleKind: 'LEARNING_CITIZEN', ...overrides };
  return api.gql(RECOGNIZE, { input }, { token: token(caller), headers: { 'accept-language': language } });
}

async function recognised(subjectId: string): Promise<Record<string, any>> {
  const result = await recognize([subjectId], 'admin');
  expect(result.data?.recogniseTitles.errors).toEqual([]);
  expect(result.data?.recogniseTitles.results[0].errors).toEqual([]);
  return result.data?.recogniseTitles.results[0].award;
}

const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code ?? 'OK';

beforeAll(async () => {
  api = await startTestApi();
  em = api.runtime.orm.em.fork();
  rulesetId = await vn2024Id(em);
  province = await insertUnit(em, 'PROVINCE', null);
  commune = await insertUnit(em, 'COMMUNE', province, { name: 'Phường Thử Nghiệm' });
  hamlet = await insertUnit(em, 'HAMLET', commune);
  otherCommune = await insertUnit(em, 'COMMUNE', province);
  const citizen = await api.account(Role.CITIZEN);
  ownCitizenId = await citizenWith('MEETS_CRITERIA', hamlet, citizen.id);
  tokens = {
    citizen: citizen.token,
    staff: (await api.account(Role.INSTITUTION_STAFF)).token,
    assessor: (await api.account(Role.ASSESSOR, { unitId: commune.id })).token,
    otherAssessor: (await api.account(Role.ASSESSOR, { unitId: otherCommune.id })).token,
    hamletAssessor: (await api.account(Role.ASSESSOR, { unitId: hamlet.id })).token,
    provinceAssessor: (await api.account(Role.ASSESSOR, { unitId: province.id })).token,
    admin: (await api.account(Role.PROVINCE_ADMIN)).token,
  };
});

afterAll(async () => {
  await api.close();
});

describe('recogniseTitles', () => {
  it('recognises a citizen meeting the criteria, freezing the progress and dating the validity one year from the decision', async () => {
    const subject = await citizenWith('MEETS_CRITERIA');
    const result = await recognize([subject], 'assessor', { decision: decision({ number: '12/QĐ-UBND' }) });
    expect(result.errors).toBeUndefined();
    const payload = result.data?.recogniseTitles;
    expect(payload.errors).toEqual([]);
    expect(payload.recognisedCount).toBe(1);
    const award = payload.results[0].award;
    expect(award).toMatchObject({
      subjectId: gid('Citizen', subject),
      titleKind: 'LEARNING_CITIZEN',
      titleKindLabel: 'Công dân học tập',
      year: YEAR,
      decisionNumber: '12/QĐ-UBND',
      decisionDate: DECISION_DATE,
      issuer: 'UBND phường Thử Nghiệm',
      decisionLevel: 'COMMUNE',
      decisionLevelLabel: 'Cấp xã',
      validUntil: `${CURRENT}-12-31`,
      inForce: true,
      total: 85,
      threshold: 80,
      progressStatus: 'MEETS_CRITERIA',
      overrideReason: null,
      status: 'AWARDED',
      recordedByName: expect.stringContaining('ASSESSOR'),
      ruleset: { code: 'VN-2024', version: 1 },
      unit: { id: gid('AdministrativeUnit', hamlet.id) },
      indicators: SCORES,
    });
    const [closure] = await em.execute('select unit_id, year from learning_year_closure where unit_id = ? and year = ?', [commune.id, YEAR]);
    expect(closure).toEqual({ unit_id: commune.id, year: YEAR });
  });

  it('still answers under its first spelling, recognizeTitles, marked deprecated', async () => {
    const subject = await citizenWith('MEETS_CRITERIA');
    const input = { decision: decision(), subjectIds: [gid('Citizen', subject)], year: YEAR, titleKind: 'LEARNING_CITIZEN' };
    const result = await api.gql(RECOGNIZE.replace('recogniseTitles(', 'recognizeTitles('), { input }, { token: token('admin') });
    expect(result.data?.recognizeTitles).toMatchObject({ errors: [], recognisedCount: 1, results: [{ subjectId: gid('Citizen', subject), award: { status: 'AWARDED' } }] });
    const deprecated = await api.gql(`{ __type(name: "Mutation") { fields(includeDeprecated: true) { name isDeprecated } } }`);
    expect(deprecated.data?.__type.fields).toEqual(expect.arrayContaining([{ name: 'recognizeTitles', isDeprecated: true }, { name: 'recogniseTitles', isDeprecated: false }]));
  });

  it('computes validity from the definition of the progress row’s ruleset, one year when it says nothing', async () => {
    expect([validUntil('2026-01-20', 1), validUntil('2024-02-29', 1), validUntil('2025-03-01', 3), validUntil('2025-12-31', 1)]).toEqual([
      '2027-01-19',
      '2025-02-28',
      '2028-02-29',
      '2026-12-30',
    ]);
    // A draft version whose Learning Citizen recognition lasts three years, and a progress row computed with it.
    const [draft] = await em.execute<{ id: string }[]>(
      `insert into title_ruleset (id, created_at, updated_at, code, version, status, effective_from) values (gen_random_uuid(), now(), now(), 'TEST-VALIDITY', 1, 'DRAFT', '2020-01-01') returning id`,
    );
    await em.execute(
      `insert into title_definition (id, created_at, updated_at, ruleset_id, kind, position, pass_rule, total_points, pass_threshold, recognition_validity_years)
       values (gen_random_uuid(), now(), now(), ?, 'LEARNING_CITIZEN', 1, 'POINTS', 100, 80, 3)`,
      [draft?.id],
    );
    const subject = await insertCitizen(em, hamlet, 1975);
    await insertProgress(em, { id: subject }, hamlet, YEAR, { rulesetId: draft?.id as string, status: 'MEETS_CRITERIA', total: 90 });
    const award = (await recognize([subject], 'assessor')).data?.recogniseTitles.results[0].award;
    expect(award).toMatchObject({ validUntil: `${CURRENT + 2}-12-31`, ruleset: { code: 'TEST-VALIDITY', version: 1 } });
  });

  it('refuses a subject not meeting the criteria without an override, and recognises it with one', async () => {
    const notYet = await citizenWith('NOT_YET');
    const refused = await recognize([notYet], 'assessor');
    expect(refused.data?.recogniseTitles).toEqual({
      recognisedCount: 0,
      results: [{ subjectId: gid('Citizen', notYet), award: null, errors: [{ field: ['input', 'subjectIds', '0'], code: 'CRITERIA_NOT_MET', message: `Đối tượng chưa đạt tiêu chí của năm ${YEAR} (Chưa đạt); muốn vẫn công nhận, hãy nêu lý do ngoại lệ.` }] }],
      errors: [],
    });
    const inEnglish = await recognize([notYet], 'assessor', {}, 'en');
    expect(inEnglish.data?.recogniseTitles.results[0].errors[0].message).toBe(`Does not meet the criteria for ${YEAR} (Not yet); give an override with a reason to recognise anyway.`);
    expect(await em.execute('select id from title_award where subject_id = ?', [notYet])).toEqual([]);
    const accepted = await recognize([notYet], 'assessor', { override: { reason: 'Thương binh, tham gia học tập tích cực tại địa phương' } });
    expect(accepted.data?.recogniseTitles.results[0]).toMatchObject({
      errors: [],
      award: { progressStatus: 'NOT_YET', total: 62, overrideReason: 'Thương binh, tham gia học tập tích cực tại địa phương', status: 'AWARDED' },
    });
    const blank = await recognize([await citizenWith('NOT_YET')], 'assessor', { override: { reason: '   ' } });
    expect(blank.data?.recogniseTitles.errors).toEqual([{ field: ['input', 'override', 'reason'], code: 'OVERRIDE_REASON_REQUIRED', message: expect.any(String) }]);
  });

  it('reports each subject of a bulk decision, recording those that may be and only those', async () => {
    const meets = await citizenWith('MEETS_CRITERIA');
    const awaiting = await citizenWith('AWAITING_ASSESSMENT');
    const unevaluated = await citizenWith(null);
    const already = await citizenWith('MEETS_CRITERIA');
    const earlier = await recognised(already);
    const missing = '00000000-0000-4000-8000-000000000001';
    const result = await recognize([meets, awaiting, unevaluated, already, missing], 'assessor');
    const payload = result.data?.recogniseTitles;
    expect(payload.recognisedCount).toBe(1);
    expect(payload.results.map((r: Record<string, any>) => [r.subjectId, r.award?.status ?? null, r.errors.map((e: { code: string }) => e.code)])).toEqual([
      [gid('Citizen', meets), 'AWARDED', []],
      [gid('Citizen', awaiting), null, ['CRITERIA_NOT_MET']],
      [gid('Citizen', unevaluated), null, ['NOT_EVALUATED']],
      [gid('Citizen', already), null, ['ALREADY_RECOGNISED']],
      [gid('Citizen', missing), null, ['SUBJECT_NOT_FOUND']],
    ]);
    expect(payload.results[3].errors[0].message).toBe(`Đối tượng đã được công nhận cho năm ${YEAR} theo quyết định ${earlier.decisionNumber}; hãy thu hồi danh hiệu đó trước.`);
    expect(payload.results[2].errors[0].message).toBe(`Chưa có kết quả đánh giá của đối tượng cho năm ${YEAR}; hãy tính lại danh hiệu của đơn vị trước.`);
    expect(await em.execute(`select count(*)::int as n from title_award where subject_id = any(?::uuid[])`, [`{${meets},${awaiting},${unevaluated},${already}}`])).toEqual([{ n: 2 }]);
  });

  it('returns the award already recorded when the same decision is sent again', async () => {
    const subject = await citizenWith('MEETS_CRITERIA');
    const input = decision();
    const first = await recognize([subject], 'assessor', { decision: input });
    const again = await recognize([subject], 'assessor', { decision: input });
    expect(again.data?.recogniseTitles.results[0]).toEqual({ ...first.data?.recogniseTitles.results[0] });
    expect(await em.execute('select count(*)::int as n from title_award where subject_id = ?', [subject])).toEqual([{ n: 1 }]);
  });

  it('recognises only a year that has ended, with a decision dated after it and not in the future', async () => {
    const subject = await citizenWith('MEETS_CRITERIA');
    const current = await recognize([subject], 'assessor', { year: CURRENT });
    expect(current.data?.recogniseTitles.errors).toEqual([{ field: ['input', 'year'], code: 'YEAR_NOT_ENDED', message: expect.any(String) }]);
    const early = await recognize([subject], 'assessor', { decision: decision({ date: `${YEAR}-12-31` }) });
    expect(early.data?.recogniseTitles.errors).toEqual([{ field: ['input', 'decision', 'date'], code: 'DECISION_DATE_INVALID', message: expect.any(String) }]);
    const future = await recognize([subject], 'assessor', { decision: decision({ date: `${CURRENT + 1}-01-02` }) });
    expect(future.data?.recogniseTitles.errors[0].code).toBe('DECISION_DATE_INVALID');
    const noNumber = await recognize([subject], 'assessor', { decision: decision({ number: ' ' }) });
    expect(noNumber.data?.recogniseTitles.errors[0]).toMatchObject({ field: ['input', 'decision', 'number'], code: 'DECISION_NUMBER_REQUIRED' });
    expect(await em.execute('select id from title_award where subject_id = ?', [subject])).toEqual([]);
  });

  it('refuses a decision of a level that does not recognise the title, and a title that is not the subject’s', async () => {
    const subject = await citizenWith('MEETS_CRITERIA');
    const provinceLevel = await recognize([subject], 'admin', { decision: decision({ level: 'PROVINCE', issuer: 'UBND tỉnh' }) });
    expect(provinceLevel.data?.recogniseTitles.results[0].errors).toEqual([{ field: ['input', 'subjectIds', '0'], code: 'ISSUER_LEVEL_NOT_ALLOWED', message: 'Danh hiệu này của đối tượng do chính quyền Cấp xã công nhận.' }]);
    const inEnglish = await recognize([subject], 'admin', { decision: decision({ level: 'PROVINCE', issuer: 'UBND tỉnh' }) }, 'en');
    expect(inEnglish.data?.recogniseTitles.results[0].errors[0].message).toBe('This subject\'s title is recognised at the level: Commune.');
    const family = await recognize([subject], 'admin', { titleKind: 'LEARNING_FAMILY' });
    expect(family.data?.recogniseTitles.results[0].errors[0]).toMatchObject({ code: 'TITLE_NOT_FOR_SUBJECT', message: 'Danh hiệu của đối tượng này là Công dân học tập.' });
  });

  it('closes the year’s records of the commune: a late self-declared log of that year is refused, this year’s is not', async () => {
    const quiet = await insertUnit(em, 'COMMUNE', province);
    const quietHamlet = await insertUnit(em, 'HAMLET', quiet);
    const citizen = await api.account(Role.CITIZEN);
    await citizenWith(null, quietHamlet, citizen.id);
    const SUBMIT = `mutation($input: SubmitLearningLogInput!) { submitLearningLog(input: $input) { log { id } errors { code } } }`;
    const log = (occurredOn: string) => ({ activityTitle: 'Đọc sách tại nhà văn hoá', occurredOn, hours: 2, topics: ['OTHER'], result: 'PARTICIPATED' });
    const before = await api.gql(SUBMIT, { input: log(`${YEAR}-11-02`) }, { token: citizen.token });
    expect(before.data?.submitLearningLog.errors).toEqual([]);
    const neighbour = await citizenWith('MEETS_CRITERIA', quietHamlet);
    await recognised(neighbour);
    const late = await api.gql(SUBMIT, { input: log(`${YEAR}-11-03`) }, { token: citizen.token });
    expect(late.data?.submitLearningLog).toEqual({ log: null, errors: [{ code: 'YEAR_CLOSED' }] });
    const thisYear = await api.gql(SUBMIT, { input: log(TODAY) }, { token: citizen.token });
    expect(thisYear.data?.submitLearningLog.errors).toEqual([]);
  });
});

describe('revokeTitleAward', () => {
  it('revokes with a reason, keeps the award with who and when, refuses a second revocation, and allows a new decision', async () => {
    const subject = await citizenWith('MEETS_CRITERIA');
    const award = await recognised(subject);
    const revoked = await api.gql(REVOKE, { input: { awardId: award.id, reason: 'Hồ sơ khai không đúng sự thật' } }, { token: tokens.assessor });
    expect(revoked.data?.revokeTitleAward).toMatchObject({
      errors: [],
      award: { id: award.id, status: 'REVOKED', statusLabel: 'Đã thu hồi', inForce: false, revocationReason: 'Hồ sơ khai không đúng sự thật', revokedByName: expect.stringContaining('ASSESSOR'), decisionNumber: award.decisionNumber, total: 85 },
    });
    expect(Date.parse(revoked.data?.revokeTitleAward.award.revokedAt)).toBeGreaterThan(Date.now() - 60_000);
    const again = await api.gql(REVOKE, { input: { awardId: award.id, reason: 'Lần nữa' } }, { token: tokens.assessor });
    expect(again.data?.revokeTitleAward).toEqual({ award: null, errors: [{ field: ['input', 'awardId'], code: 'ALREADY_REVOKED', message: expect.any(String) }] });
    const blank = await api.gql(REVOKE, { input: { awardId: (await recognised(await citizenWith('MEETS_CRITERIA'))).id, reason: ' ' } }, { token: tokens.assessor });
    expect(blank.data?.revokeTitleAward.errors[0]).toMatchObject({ field: ['input', 'reason'], code: 'REVOCATION_REASON_REQUIRED' });
    const renewed = await recognised(subject);
    expect(renewed.id).not.toBe(award.id);
    const history = await api.gql(CITIZEN_AWARDS, { id: gid('Citizen', subject) }, { token: tokens.assessor });
    expect(history.data?.node.titleAwards.map((a: { status: string }) => a.status).sort()).toEqual(['AWARDED', 'REVOKED']);
  });

  it('is never edited in the database: only AWARDED → REVOKED, no deletes', async () => {
    const award = await recognised(await citizenWith('MEETS_CRITERIA'));
    const id = idOf('TitleAward', award.id);
    await expect(em.execute('update title_award set total = 100 where id = ?', [id])).rejects.toThrow(/never edited/);
    await expect(em.execute('delete from title_award where id = ?', [id])).rejects.toThrow(/never deleted/);
    await em.execute(`update title_award set status = 'REVOKED', revoked_at = now(), revocation_reason = 'x' where id = ?`, [id]);
    await expect(em.execute(`update title_award set status = 'AWARDED', revoked_at = null, revocation_reason = null where id = ?`, [id])).rejects.toThrow(/never edited/);
  });
});

describe('access', () => {
  const expected: Record<string, Record<Caller, string>> = {
    // Within their area, assessors of another level get a UserError they can act on; outside it, FORBIDDEN.
    recogniseTitles: { anonymous: 'UNAUTHENTICATED', citizen: 'FORBIDDEN', staff: 'FORBIDDEN', assessor: 'OK', otherAssessor: 'FORBIDDEN', hamletAssessor: 'DECISION_LEVEL_NOT_YOURS', provinceAssessor: 'DECISION_LEVEL_NOT_YOURS', admin: 'OK' },
    revokeTitleAward: { anonymous: 'UNAUTHENTICATED', citizen: 'FORBIDDEN', staff: 'FORBIDDEN', assessor: 'OK', otherAssessor: 'FORBIDDEN', hamletAssessor: 'FORBIDDEN', provinceAssessor: 'FORBIDDEN', admin: 'OK' },
    titleAwards: { anonymous: 'UNAUTHENTICATED', citizen: 'FORBIDDEN', staff: 'FORBIDDEN', assessor: 'OK', otherAssessor: 'FORBIDDEN', hamletAssessor: 'FORBIDDEN', provinceAssessor: 'OK', admin: 'OK' },
    'Citizen.titleAwards': { anonymous: 'NONE', citizen: 'OWN', staff: 'NONE', assessor: 'OWN', otherAssessor: 'NONE', hamletAssessor: 'OWN', provinceAssessor: 'OWN', admin: 'OWN' },
    'node(TitleAward)': { anonymous: 'NONE', citizen: 'OWN', staff: 'NONE', assessor: 'OWN', otherAssessor: 'NONE', hamletAssessor: 'OWN', provinceAssessor: 'OWN', admin: 'OWN' },
  };

  it.each(CALLERS)('recogniseTitles and revokeTitleAward by %s', async (caller) => {
    const subject = await citizenWith('MEETS_CRITERIA');
    const recognisedBy = await recognize([subject], caller);
    const refusal = recognisedBy.data?.recogniseTitles?.errors?.[0];
    expect(refusal?.code ?? codeOf(recognisedBy)).toBe(expected.recogniseTitles?.[caller]);
    if (refusal) expect(refusal).toEqual({ field: ['input', 'decision', 'level'], code: 'DECISION_LEVEL_NOT_YOURS', message: `Bạn ghi nhận quyết định của cấp ${caller === 'hamletAssessor' ? 'Ấp, khu phố' : 'Tỉnh'}, không phải quyết định Cấp xã.` });
    if (codeOf(recognisedBy) === 'OK' && !refusal) expect(recognisedBy.data?.recogniseTitles.results[0].award.status).toBe('AWARDED');
    else expect(await em.execute('select id from title_award where subject_id = ?', [subject])).toEqual([]);

    const award = codeOf(recognisedBy) === 'OK' && !refusal ? recognisedBy.data?.recogniseTitles.results[0].award : await recognised(subject);
    const revoked = await api.gql(REVOKE, { input: { awardId: award.id, reason: 'Kiểm tra quyền' } }, { token: token(caller) });
    expect(codeOf(revoked)).toBe(expected.revokeTitleAward?.[caller]);
    const [row] = await em.execute<{ status: string }[]>('select status from title_award where subject_id = ?', [subject]);
    expect(row?.status).toBe(codeOf(revoked) === 'OK' ? 'REVOKED' : 'AWARDED');
  });

  let ownAward: string;
  beforeAll(async () => {
    ownAward = (await recognised(ownCitizenId)).id;
  });

  it.each(CALLERS)('reading awards as %s', async (caller) => {
    const list = await api.gql(AWARDS, { filter: { unitId: gid('AdministrativeUnit', commune.id), year: YEAR } }, { token: token(caller) });
    expect(codeOf(list)).toBe(expected.titleAwards?.[caller]);
    if (codeOf(list) === 'OK') expect(list.data?.titleAwards.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(ownAward);

    const citizen = await api.gql(CITIZEN_AWARDS, { id: gid('Citizen', ownCitizenId) }, { token: token(caller) });
    const seen = citizen.data?.node?.titleAwards?.some((a: { id: string }) => a.id === ownAward) ? 'OWN' : 'NONE';
    expect(seen).toBe(expected['Citizen.titleAwards']?.[caller]);

    const node = await api.gql(`query($id: ID!) { node(id: $id) { ... on TitleAward { id year } } }`, { id: ownAward }, { token: token(caller) });
    expect(node.data?.node ? 'OWN' : 'NONE').toBe(expected['node(TitleAward)']?.[caller]);
  });

  it('shows the subject recognised and each frozen indicator with its label, maximum and explanation, to those who may see the subject', async () => {
    const subject = await citizenWith('MEETS_CRITERIA');
    const award = await recognised(subject);
    const query = `query($id: ID!) { node(id: $id) { ... on TitleAward {
      subject { __typename ... on Citizen { id birthYear } }
      indicators { code label maxScore score explanation } } } }`;
    const seen = await api.gql(query, { id: award.id }, { token: tokens.assessor, headers: { 'accept-language': 'en' } });
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.node).toEqual({
      subject: { __typename: 'Citizen', id: gid('Citizen', subject), birthYear: 1980 },
      indicators: [
        { code: 'READING', label: 'Keeps informed and reads', maxScore: 10, score: 10, explanation: '24 verified hours of learning this year: 10 of 10 points' },
        { code: 'LEARNING_PLAN', label: 'Has a personal learning plan', maxScore: 10, score: 8, explanation: "50 % of the learning plan's goals met: 8 of 10 points" },
        { code: 'ENCOURAGES_LEARNING', label: expect.any(String), maxScore: 10, score: 9, explanation: 'Attested by an assessor: 9 of 10 points' },
      ],
    });
    const vi = await api.gql(query, { id: award.id }, { token: tokens.assessor });
    expect(vi.data?.node.indicators[0].label).toBe('Thường xuyên đọc sách, cập nhật thông tin');
  });

  it('pages the awards of a unit with stable cursors and filters by status', async () => {
    const unit = await insertUnit(em, 'COMMUNE', province);
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push((await recognised(await citizenWith('MEETS_CRITERIA', unit))).id);
    await api.gql(REVOKE, { input: { awardId: ids[0], reason: 'Sai sót' } }, { token: tokens.admin });
    const filter = { unitId: gid('AdministrativeUnit', unit.id) };
    const first = await api.gql(AWARDS, { filter, first: 2 }, { token: tokens.provinceAssessor });
    expect(first.data?.titleAwards).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const second = await api.gql(AWARDS, { filter, first: 2, after: first.data?.titleAwards.pageInfo.endCursor }, { token: tokens.provinceAssessor });
    const seen = [...first.data?.titleAwards.edges, ...second.data?.titleAwards.edges].map((e: { node: { id: string } }) => e.node.id);
    expect(seen).toEqual([...ids].reverse());
    const revoked = await api.gql(AWARDS, { filter: { ...filter, status: 'REVOKED' } }, { token: tokens.provinceAssessor });
    expect(revoked.data?.titleAwards.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[0]]);
  });
});
