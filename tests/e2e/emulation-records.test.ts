import { Role } from '../../src/core/roles';
import { toGlobalId } from '../../src/graphql/global-id';
import { todayInVietnam } from '../../src/core/time';
import { makeJpeg, uploadEvidence } from '../helpers/media-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';
import { appraisedNomination, DECIDE, emulationWorld, nominationInput, SUBMIT, CREATE, type EmulationWorld } from '../helpers/emulation-fixtures';
import { insertCitizen, insertProgress, vn2024Id } from '../helpers/titles-fixtures';

const CURRENT = Number(todayInVietnam().slice(0, 4));
const YEAR = CURRENT - 1;

let api: TestApi;
let world: EmulationWorld;
let citizenId: string;
let citizenToken: string;

const RECORD = `mutation($input: RecordContributionInput!) { recordContribution(input: $input) { contribution { id status kind kindLabel valueVnd hours contributorName contributorKind evidenceKeys } errors { field code message } } }`;
const VERIFY = `mutation($input: VerifyContributionInput!) { verifyContribution(input: $input) { contribution { id status verifiedAt } errors { code } } }`;
const TOTALS = `query($filter: ContributionFilter!) { contributionTotals(filter: $filter) { count valueVnd hours byKind { kind count valueVnd hours } } }`;
const INITIATIVE = `mutation($input: RecordInitiativeInput!) { recordInitiative(input: $input) { initiative { id title ownerName decisionNumber } errors { field code } } }`;
const RECOGNISE = `mutation($input: RecogniseInitiativeInput!) { recogniseInitiative(input: $input) { initiative { id decisionNumber decisionDate council } errors { field code } } }`;
const ROLL = `query($filter: HonourRollFilter) { honourRoll(first: 50, filter: $filter) { totalCount edges { node { entryKind subjectKind subjectKindLabel name unitName achievement year decisionNumber } } } }`;
const code = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code;

beforeAll(async () => {
  api = await startTestApi();
  world = await emulationWorld(api);
  const account = await api.account(Role.CITIZEN);
  citizenToken = account.token;
  const em = api.runtime.orm.em.fork();
  citizenId = await insertCitizen(em, world.hamlet, 1968, account.id);
  await em.execute(`update citizen set full_name = 'Trần Văn Hiếu' where id = ?`, [citizenId]);
  await insertProgress(em, { id: citizenId }, world.hamlet, YEAR, { rulesetId: await vn2024Id(em), status: 'MEETS_CRITERIA', total: 92 });
});

afterAll(async () => {
  await api.close();
});

function contribution(overrides: Record<string, unknown> = {}) {
  return {
    contributorKind: 'CITIZEN',
    contributorId: toGlobalId('Citizen', citizenId),
    kind: 'MONEY',
    valueVnd: 5_000_000,
    contributedOn: `${YEAR}-09-05`,
    recipientKind: 'UNIT',
    recipientId: toGlobalId('AdministrativeUnit', world.commune.id),
    description: 'Ủng hộ quỹ khuyến học của xã',
    ...overrides,
  };
}

describe('contributions and initiatives', () => {
  it("records contributions on the recipient's side, counts them once verified, and totals them per unit, year and contributor", async () => {
    expect(code(await api.gql(RECORD, { input: contribution() }, { token: world.tokens.outsider }))).toBe('FORBIDDEN');
    const receipt = await uploadEvidence(api, world.tokens.assessor, await makeJpeg(64, 48), { contentType: 'image/jpeg', filename: 'bien-nhan.jpg' });
    const money = await api.gql(RECORD, { input: contribution({ evidenceKeys: [receipt] }) }, { token: world.tokens.assessor });
    expect(money.data?.recordContribution).toMatchObject({ contribution: { status: 'RECORDED', kindLabel: 'Tiền', contributorName: 'Trần Văn Hiếu', valueVnd: 5_000_000, evidenceKeys: [receipt] }, errors: [] });
    const noValue = await api.gql(RECORD, { input: contribution({ valueVnd: null }) }, { token: world.tokens.assessor });
    expect(noValue.data?.recordContribution.errors).toMatchObject([{ field: ['input', 'valueVnd'], code: 'CONTRIBUTION_VALUE_REQUIRED' }]);

    const external = await api.gql(`mutation($input: RecordExternalContributorInput!) { recordExternalContributor(input: $input) { contributor { id name kind kindLabel country } errors { code } } }`, { input: { name: 'Nguyễn Minh Khoa', kind: 'OVERSEAS_VIETNAMESE', country: 'Hoa Kỳ' } }, { token: world.tokens.otherOfficer });
    const khoa = external.data?.recordExternalContributor.contributor;
    expect(khoa).toMatchObject({ name: 'Nguyễn Minh Khoa', kindLabel: 'Người Việt Nam ở nước ngoài', country: 'Hoa Kỳ' });
    // A fund's officer records and verifies what its fund receives.
    const teaching = await api.gql(RECORD, { input: contribution({ contributorKind: 'EXTERNAL', contributorId: khoa.id, kind: 'VOLUNTEER_TEACHING_HOURS', valueVnd: null, hours: 24, recipientKind: 'FUND', recipientId: toGlobalId('Body', world.associationId), description: 'Dạy tiếng Anh miễn phí' }) }, { token: world.tokens.otherOfficer });
    expect(teaching.data?.recordContribution.errors).toEqual([]);

    const all = { unitId: toGlobalId('AdministrativeUnit', world.province.id), year: YEAR };
    expect((await api.gql(TOTALS, { filter: all })).data?.contributionTotals).toEqual({ count: 0, valueVnd: 0, hours: 0, byKind: [] });
    expect(code(await api.gql(VERIFY, { input: { id: money.data?.recordContribution.contribution.id } }, { token: world.tokens.otherOfficer }))).toBe('FORBIDDEN');
    for (const [id, token] of [[money.data?.recordContribution.contribution.id, world.tokens.assessor], [teaching.data?.recordContribution.contribution.id, world.tokens.otherOfficer]]) {
      expect((await api.gql(VERIFY, { input: { id } }, { token })).data?.verifyContribution.contribution.status).toBe('VERIFIED');
    }
    expect((await api.gql(TOTALS, { filter: all })).data?.contributionTotals).toEqual({
      count: 2,
      valueVnd: 5_000_000,
      hours: 24,
      byKind: [
        { kind: 'MONEY', count: 1, valueVnd: 5_000_000, hours: 0 },
        { kind: 'VOLUNTEER_TEACHING_HOURS', count: 1, valueVnd: 0, hours: 24 },
      ],
    });
    expect((await api.gql(TOTALS, { filter: { ...all, year: YEAR - 1 } })).data?.contributionTotals.count).toBe(0);
    const perCitizen = { ...all, contributorKind: 'CITIZEN', contributorId: toGlobalId('Citizen', citizenId) };
    expect(code(await api.gql(TOTALS, { filter: perCitizen }, { token: world.tokens.outsider }))).toBe('FORBIDDEN');
    expect((await api.gql(TOTALS, { filter: perCitizen }, { token: world.tokens.education })).data?.contributionTotals).toMatchObject({ count: 1, valueVnd: 5_000_000 });
    const listed = await api.gql(`query($filter: ContributionFilter!) { contributions(first: 10, filter: $filter) { totalCount edges { node { kind contributorName } } } }`, { filter: all }, { token: world.tokens.education });
    expect(listed.data?.contributions.totalCount).toBe(2);
  });

  it('records initiatives of a body and their recognition, counted per unit and year', async () => {
    const input = { title: 'Mô hình "Tủ sách cộng đồng" ở các ấp', summary: 'Mỗi ấp một tủ sách do người dân đóng góp.', ownerBodyId: toGlobalId('Body', world.committeeId), periodFrom: `${YEAR}-01-01`, periodTo: `${YEAR}-12-31` };
    expect(code(await api.gql(INITIATIVE, { input }, { token: world.tokens.otherOfficer }))).toBe('FORBIDDEN');
    const recorded = await api.gql(INITIATIVE, { input }, { token: world.tokens.officer });
    expect(recorded.data?.recordInitiative).toMatchObject({ initiative: { ownerName: 'Ủy ban nhân dân Xã Thử Nghiệm', decisionNumber: null }, errors: [] });
    await api.gql(INITIATIVE, { input: { ...input, title: 'Lớp tin học buổi tối' } }, { token: world.tokens.officer });
    const id = recorded.data?.recordInitiative.initiative.id;
    const recognised = await api.gql(RECOGNISE, { input: { id, decisionNumber: '45/QĐ-HĐTĐKT', decisionDate: `${YEAR}-12-31`, council: 'Hội đồng Thi đua - Khen thưởng xã' } }, { token: world.tokens.assessor });
    expect(recognised.data?.recogniseInitiative).toMatchObject({ initiative: { decisionNumber: '45/QĐ-HĐTĐKT', council: 'Hội đồng Thi đua - Khen thưởng xã' }, errors: [] });
    const counts = await api.gql(`query($unitId: ID!, $year: Int!) { initiativeCounts(unitId: $unitId, year: $year) { recorded recognised } }`, { unitId: toGlobalId('AdministrativeUnit', world.province.id), year: YEAR });
    expect(counts.data?.initiativeCounts).toEqual({ recorded: 2, recognised: 1 });
  });
});

describe('dossier and honour roll', () => {
  it('assembles the dossier from the titles, contributions, initiatives and standings the platform holds', async () => {
    const recognized = await api.gql(
      `mutation($input: RecognizeTitlesInput!) { recogniseTitles(input: $input) { errors { code } results { errors { code message } } } }`,
      { input: { decision: { number: '88/QĐ-UBND', date: `${CURRENT}-01-01`, issuer: 'UBND Xã Thử Nghiệm', level: 'COMMUNE' }, subjectIds: [toGlobalId('Citizen', citizenId)], year: YEAR, titleKind: 'LEARNING_CITIZEN' } },
      { token: world.tokens.assessor },
    );
    expect(recognized.data?.recogniseTitles.results[0].errors).toEqual([]);

    const created = await api.gql(CREATE, { input: nominationInput(world, { kind: 'CITIZEN', type: 'Citizen', id: citizenId }) }, { token: world.tokens.officer });
    const submitted = await api.gql(SUBMIT, { input: { id: created.data?.createNomination.nomination.id } }, { token: world.tokens.officer });
    expect(submitted.data?.submitNomination.nomination.dossier).toEqual({
      titles: [{ titleKind: 'LEARNING_CITIZEN', year: YEAR, decisionNumber: '88/QĐ-UBND' }],
      commendations: [],
      contributions: { count: 1, valueVnd: 5_000_000, hours: 0 },
      initiatives: { count: 0, recognised: 0, titles: [] },
      standings: [{ titleKind: 'LEARNING_CITIZEN', year: YEAR, status: 'MEETS_CRITERIA', total: 92 }],
    });

    const body = await api.gql(CREATE, { input: nominationInput(world, { kind: 'BODY', type: 'Body', id: world.committeeId }) }, { token: world.tokens.officer });
    const bodyDossier = await api.gql(`query($id: ID!) { nominationDossierPreview(id: $id) { initiatives { count recognised titles } } }`, { id: body.data?.createNomination.nomination.id }, { token: world.tokens.officer });
    expect(bodyDossier.data?.nominationDossierPreview.initiatives).toEqual({ count: 2, recognised: 1, titles: expect.arrayContaining(['Lớp tin học buổi tối', 'Mô hình "Tủ sách cộng đồng" ở các ấp']) });
  });

  it('names commended collectives and recognised titles publicly, and a citizen only with their consent', async () => {
    const nomination = await appraisedNomination(api, world, nominationInput(world, { kind: 'CITIZEN', type: 'Citizen', id: citizenId }, { formId: world.forms.GIAY_KHEN }));
    await api.gql(DECIDE, { input: { id: nomination, decisionNumber: '301/QĐ-UBND', decisionDate: todayInVietnam(), signer: 'Chủ tịch UBND xã' } }, { token: world.tokens.homeAffairs });
    const collective = await appraisedNomination(api, world, nominationInput(world, { kind: 'BODY', type: 'Body', id: world.unionId }));
    await api.gql(DECIDE, { input: { id: collective, decisionNumber: '302/QĐ-UBND', decisionDate: todayInVietnam(), signer: 'Chủ tịch UBND tỉnh' } }, { token: world.tokens.homeAffairs });

    const names = async () => ((await api.gql(ROLL, {})).data?.honourRoll.edges.map((edge: any) => edge.node) ?? []) as any[];
    const before = await names();
    expect(before).toEqual([expect.objectContaining({ entryKind: 'COMMENDATION', subjectKind: 'BODY', subjectKindLabel: 'Cơ quan, ban, ngành, đoàn thể', name: 'Hội Liên hiệp Phụ nữ tỉnh', unitName: 'Tỉnh Thử Nghiệm', achievement: 'Bằng khen của Chủ tịch UBND tỉnh – Sơ kết 2023–2025', decisionNumber: '302/QĐ-UBND' })]);

    const consent = `mutation($input: HonourRollConsentInput!) { setHonourRollConsent(input: $input) { consent errors { code } } }`;
    expect(code(await api.gql(consent, { input: { consent: true } }))).toBe('UNAUTHENTICATED');
    expect((await api.gql(consent, { input: { consent: true } }, { token: citizenToken })).data?.setHonourRollConsent).toEqual({ consent: true, errors: [] });
    const after = await names();
    expect(after.filter((entry) => entry.name === 'Trần Văn Hiếu').map((entry) => [entry.entryKind, entry.achievement, entry.unitName]).sort()).toEqual([
      ['COMMENDATION', 'Giấy khen – Sơ kết 2023–2025', 'Ấp Một'],
      ['TITLE', `Công dân học tập ${YEAR}`, 'Ấp Một'],
    ]);
    expect(Object.keys(after[0]).sort()).toEqual(['achievement', 'decisionNumber', 'entryKind', 'name', 'subjectKind', 'subjectKindLabel', 'unitName', 'year']);

    await api.gql(consent, { input: { consent: false } }, { token: citizenToken });
    expect((await names()).some((entry) => entry.name === 'Trần Văn Hiếu')).toBe(false);
  });
});
