import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../src/core/roles';
import { todayInVietnam } from '../../src/core/time';
import { toGlobalId } from '../../src/graphql/global-id';
import { startWorkers, type WorkerHost } from '../../workers/host';
import { CREATE, emulationWorld, nominationInput, type EmulationWorld } from '../helpers/emulation-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';
import { insertOrganisation, insertUnit, type UnitRow } from '../helpers/titles-fixtures';

/*
 * The communes' emulation checklist (III.1 c of the plan) as VN-2024 version 3 ships it, for the year
 * before the current one: a province publishes a copy of version 3 in force for that year only.
 * Four items, each met or not (one level): POLICIES and PROPAGANDA attested, INITIATIVES (AUTO: at
 * least 1 initiative recognised whose period ends in the year, of a body or organisation in the
 * commune) and COMMUNITY_TITLE (AUTO: the commune holds its Learning Community title of the year,
 * here recognised by a decision).
 * - Commune A: both entries met, one recognised initiative of its enterprise, the title recognised:
 *   4 of 4 met → MEETS_CRITERIA at level 1, nothing missing.
 * - Commune B: both entries met, the title recognised, its enterprise's initiative recorded but not
 *   recognised (0): 3 of 4 → NOT_YET, missing "INITIATIVES: not met yet".
 * The dry run of a draft of the same checklist, before the run, gives A and only A the checklist.
 * The enterprise of commune A (III.1 đ): its recognised initiative (1) and a verified contribution
 * it made (1) meet their items; it is no Learning Unit (0), and its two attested items have no
 * entry: NOT_YET, with those three missing.
 */

const YEAR = Number(todayInVietnam().slice(0, 4)) - 1;
const RESULT = `query($id: ID!, $year: Int!) { emulationResult(collectiveId: $id, year: $year) {
  titleKind titleKindLabel status levelReached total missing ruleset { code }
  indicators { code indicatorSource source score value explanation } } }`;
const ATTEST = `mutation($input: AttestEmulationItemInput!) { attestEmulationItem(input: $input) { attestation { titleKind indicatorCode met } errors { field code message } } }`;

let api: TestApi;
let workers: WorkerHost;
let em: EntityManager;
let world: EmulationWorld;
let admin: string;
let assessor: string;
let communeA: UnitRow;
let communeB: UnitRow;
let rulesetId: string;
let enterpriseA: string;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const gid = (type: string, id: string) => toGlobalId(type, id);

async function recalculate(): Promise<void> {
  const started = await api.gql(
    `mutation($input: RecalculateTitlesInput!) { recalculateTitles(input: $input) { run { id } errors { code } } }`,
    { input: { unitId: gid('AdministrativeUnit', world.province.id), year: YEAR } },
    { token: admin },
  );
  const id = started.data?.recalculateTitles.run.id as string;
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const run = await api.gql(`query($id: ID!) { titleRun(id: $id) { status error } }`, { id }, { token: admin });
    if (run.data?.titleRun?.status === 'SUCCEEDED') return;
    if (run.data?.titleRun?.status === 'FAILED') throw new Error(`the run failed: ${run.data?.titleRun?.error}`);
    await sleep(100);
  }
  throw new Error('the run did not finish');
}

/** A draft copied from a published ruleset. */
async function draftOf(fromId: string, code: string, effectiveFrom: string, effectiveTo?: string): Promise<string> {
  const draft = await api.gql(
    'mutation($input: CreateRulesetDraftInput!) { createRulesetDraft(input: $input) { ruleset { id } errors { code } } }',
    { input: { fromId, code, effectiveFrom, ...(effectiveTo ? { effectiveTo } : {}) } },
    { token: admin },
  );
  expect(draft.data?.createRulesetDraft.errors).toEqual([]);
  return draft.data?.createRulesetDraft.ruleset.id as string;
}

/** An initiative of an organisation over the year, recognised by a council's decision when `decision` is given. */
async function initiative(organisationId: string, title: string, decision: string | null): Promise<void> {
  const recorded = await api.gql(
    `mutation($input: RecordInitiativeInput!) { recordInitiative(input: $input) { initiative { id } errors { code } } }`,
    { input: { title, summary: 'Tổ chức lớp học kỹ năng số cho người lao động.', ownerOrganisationId: gid('Organisation', organisationId), periodFrom: `${YEAR}-02-01`, periodTo: `${YEAR}-10-31` } },
    { token: admin },
  );
  expect(recorded.data?.recordInitiative.errors).toEqual([]);
  if (!decision) return;
  const recognised = await api.gql(
    `mutation($input: RecogniseInitiativeInput!) { recogniseInitiative(input: $input) { errors { code } } }`,
    { input: { id: recorded.data?.recordInitiative.initiative.id, decisionNumber: decision, decisionDate: `${YEAR}-11-20`, council: 'Hội đồng Thi đua - Khen thưởng huyện' } },
    { token: admin },
  );
  expect(recognised.data?.recogniseInitiative.errors).toEqual([]);
}

async function result(unit: UnitRow, language = 'en') {
  const answer = await api.gql(RESULT, { id: gid('AdministrativeUnit', unit.id), year: YEAR }, { token: assessor, headers: { 'accept-language': language } });
  expect(answer.errors).toBeUndefined();
  return answer.data?.emulationResult;
}

beforeAll(async () => {
  api = await startTestApi();
  workers = await startWorkers(api.runtime);
  em = api.runtime.orm.em.fork();
  world = await emulationWorld(api);
  admin = world.tokens.admin;
  assessor = (await api.account(Role.ASSESSOR, { unitId: world.province.id })).token;
  communeA = world.commune;
  communeB = await insertUnit(em, 'COMMUNE', world.province, { name: 'Xã Thứ Hai' });
  enterpriseA = await insertOrganisation(em, communeA, 'ENTERPRISE', []);
  const enterpriseB = await insertOrganisation(em, communeB, 'ENTERPRISE', []);

  // Version 3 as shipped, published again for the year before the current one.
  const [v3] = await em.execute<{ id: string }[]>(`select id from title_ruleset where code = 'VN-2024' and version = 3 and status = 'PUBLISHED'`);
  rulesetId = await draftOf(gid('TitleRuleset', v3?.id as string), 'TEST-EMULATION', `${YEAR}-01-01`, `${YEAR}-12-31`);
  const published = await api.gql('mutation($input: PublishRulesetInput!) { publishRuleset(input: $input) { errors { code message } } }', { input: { id: rulesetId } }, { token: admin });
  expect(published.data?.publishRuleset.errors).toEqual([]);

  // A first run evaluates the communes' Learning Community, which both then get by decision.
  await recalculate();
  const recognised = await api.gql(
    `mutation($input: RecognizeTitlesInput!) { recogniseTitles(input: $input) { results { errors { code } } errors { code } } }`,
    {
      input: {
        decision: { number: '45/QĐ-UBND', date: `${YEAR + 1}-03-15`, issuer: 'UBND tỉnh Thử Nghiệm', level: 'PROVINCE' },
        subjectIds: [gid('AdministrativeUnit', communeA.id), gid('AdministrativeUnit', communeB.id)],
        year: YEAR,
        titleKind: 'LEARNING_COMMUNITY',
        unitLevel: 'COMMUNE',
        override: { reason: 'Hồ sơ công nhận đã thẩm định ngoài nền tảng' },
      },
    },
    { token: admin },
  );
  expect(recognised.data?.recogniseTitles).toEqual({ results: [{ errors: [] }, { errors: [] }], errors: [] });

  await initiative(enterpriseA, 'Lớp học kỹ năng số buổi tối', '12/QĐ-HĐTĐKT');
  await initiative(enterpriseB, 'Tủ sách doanh nghiệp', null);
  for (const commune of [communeA, communeB]) {
    for (const code of ['POLICIES', 'PROPAGANDA']) {
      const entry = await api.gql(ATTEST, { input: { collectiveId: gid('AdministrativeUnit', commune.id), year: YEAR, indicatorCode: code, met: true, note: 'Đã kiểm tra hồ sơ' } }, { token: assessor });
      expect(entry.data?.attestEmulationItem).toEqual({ attestation: { titleKind: 'COLLECTIVE_EMULATION', indicatorCode: code, met: true }, errors: [] });
    }
  }
}, 180_000);

afterAll(async () => {
  await workers.close();
  await api.close();
});

describe('attesting a checklist item', () => {
  it('takes met / not met for attested items only, and only for collectives', async () => {
    const auto = await api.gql(ATTEST, { input: { collectiveId: gid('AdministrativeUnit', communeA.id), year: YEAR, indicatorCode: 'INITIATIVES', met: true } }, { token: assessor });
    expect(auto.data?.attestEmulationItem.errors).toMatchObject([{ field: ['input', 'indicatorCode'], code: 'INDICATOR_NOT_ATTESTED' }]);
    const hamlet = await api.gql(ATTEST, { input: { collectiveId: gid('AdministrativeUnit', world.hamlet.id), year: YEAR, indicatorCode: 'POLICIES', met: true } }, { token: assessor });
    expect(hamlet.data?.attestEmulationItem.errors).toMatchObject([{ code: 'INDICATOR_NOT_FOUND' }]);
    const citizen = await api.gql(ATTEST, { input: { collectiveId: gid('Citizen', communeA.id), year: YEAR, indicatorCode: 'POLICIES', met: true } }, { token: assessor });
    expect(citizen.data?.attestEmulationItem.errors).toMatchObject([{ field: ['input', 'collectiveId'], code: 'NOT_A_COLLECTIVE' }]);
  });
});

describe('the dry run of the checklist', () => {
  it('gives commune A, and only A, the checklist before any run computed it', async () => {
    const draft = await draftOf(rulesetId, 'TEST-EMULATION-DRY', '2090-01-01');
    const dry = await api.gql(
      `query($input: DryRunRulesetInput!) { dryRunRuleset(input: $input) { titles { subjectKind titleKind unitLevel evaluated meetsNow meetsWithDraft gained lost gainedSamples } } }`,
      { input: { rulesetId: draft, unitId: gid('AdministrativeUnit', world.province.id), year: YEAR } },
      { token: admin },
    );
    expect(dry.errors).toBeUndefined();
    const titles = dry.data?.dryRunRuleset.titles as { titleKind: string; unitLevel: string | null }[];
    expect(titles.find((title) => title.titleKind === 'COLLECTIVE_EMULATION' && title.unitLevel === 'COMMUNE')).toEqual({
      subjectKind: 'UNIT',
      titleKind: 'COLLECTIVE_EMULATION',
      unitLevel: 'COMMUNE',
      evaluated: 2,
      meetsNow: 0,
      meetsWithDraft: 1,
      gained: 1,
      lost: 0,
      gainedSamples: [gid('AdministrativeUnit', communeA.id)],
    });
  });
});

describe('the checklist evaluated by the titles run', () => {
  beforeAll(async () => {
    await em.execute(
      `insert into contribution (id, created_at, updated_at, contributor_kind, contributor_id, kind, value_vnd, contributed_on, recipient_kind, unit_id, description, status)
       values (gen_random_uuid(), now(), now(), 'ORGANISATION', ?, 'MONEY', 20000000, ?, 'UNIT', ?, 'Ủng hộ quỹ khuyến học của xã', 'VERIFIED')`,
      [enterpriseA, `${YEAR}-09-02`, communeA.id],
    );
    await recalculate();
  }, 60_000);

  it('is met by commune A: entries met, a recognised initiative, the recognised Learning Community title', async () => {
    expect(await result(communeA)).toEqual({
      titleKind: 'COLLECTIVE_EMULATION',
      titleKindLabel: 'Emulation criteria of a collective',
      status: 'MEETS_CRITERIA',
      levelReached: 1,
      total: 4,
      missing: [],
      ruleset: { code: 'TEST-EMULATION' },
      indicators: [
        { code: 'POLICIES', indicatorSource: 'ATTESTED', source: 'ATTESTED', score: 1, value: null, explanation: 'Attested by an assessor: met (level 1)' },
        { code: 'PROPAGANDA', indicatorSource: 'ATTESTED', source: 'ATTESTED', score: 1, value: null, explanation: 'Attested by an assessor: met (level 1)' },
        { code: 'INITIATIVES', indicatorSource: 'AUTO', source: 'AUTO', score: 1, value: 1, explanation: '1 initiatives recognised this year: met (level 1)' },
        { code: 'COMMUNITY_TITLE', indicatorSource: 'AUTO', source: 'AUTO', score: 1, value: 1, explanation: 'Holds its learning title for the year: met (level 1)' },
      ],
    });
  });

  it('is not met by commune B, whose initiative is not recognised, and says so', async () => {
    const row = await result(communeB);
    expect(row).toMatchObject({ status: 'NOT_YET', levelReached: 0, total: 3, missing: ['At least one initiative or effective solution recognised by an emulation council in the year: not met yet'] });
    expect(row.indicators.find((item: { code: string }) => item.code === 'INITIATIVES')).toMatchObject({ score: 0, value: null, explanation: '0 initiatives recognised this year: not met (level 1)' });
    const vi = await result(communeB, 'vi');
    expect(vi.missing).toEqual(['Có ít nhất 1 sáng kiến, giải pháp hiệu quả được Hội đồng thi đua - khen thưởng công nhận trong năm: chưa đạt']);
  });

  it("is computed for commune A's enterprise from its initiatives, its contributions and its title", async () => {
    const answer = await api.gql(RESULT, { id: gid('Organisation', enterpriseA), year: YEAR }, { token: assessor, headers: { 'accept-language': 'en' } });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.emulationResult).toMatchObject({
      status: 'NOT_YET',
      levelReached: 0,
      total: 2,
      indicators: [
        { code: 'INTERNAL_RULES', source: 'MISSING', score: null },
        { code: 'STAFF_SUPPORT', source: 'MISSING', score: null },
        { code: 'INITIATIVES', source: 'AUTO', score: 1, value: 1 },
        { code: 'CONTRIBUTIONS', source: 'AUTO', score: 1, value: 1, explanation: '1 verified contributions this year: met (level 1)' },
        { code: 'LEARNING_UNIT', indicatorSource: 'AUTO_OR_ATTESTED', source: 'AUTO', score: 0, value: 0, explanation: 'Does not hold its learning title for the year: not met (level 1)' },
      ],
    });
    expect(answer.data?.emulationResult.missing).toHaveLength(3);
  });

  it('is not kept for hamlets', async () => {
    const hamlet = await api.gql(RESULT, { id: gid('AdministrativeUnit', world.hamlet.id), year: YEAR }, { token: assessor });
    expect(hamlet.data?.emulationResult).toBeNull();
    expect(hamlet.errors?.[0]).toMatchObject({ path: ['emulationResult'], extensions: { code: 'NOT_A_COLLECTIVE', field: ['collectiveId'] } });
  });

  it('goes into the dossier of a nomination of the commune', async () => {
    const created = await api.gql(CREATE, { input: nominationInput(world, { kind: 'UNIT', type: 'AdministrativeUnit', id: communeA.id }) }, { token: world.tokens.officer });
    expect(created.data?.createNomination.errors).toEqual([]);
    const submitted = await api.gql(
      `mutation($input: NominationIdInput!) { submitNomination(input: $input) { nomination { dossier { titles { titleKind year } emulation { year status levelReached unmet } } } errors { code } } }`,
      { input: { id: created.data?.createNomination.nomination.id } },
      { token: world.tokens.officer },
    );
    expect(submitted.data?.submitNomination).toEqual({
      nomination: { dossier: { titles: [{ titleKind: 'LEARNING_COMMUNITY', year: YEAR }], emulation: [{ year: YEAR, status: 'MEETS_CRITERIA', levelReached: 1, unmet: [] }] } },
      errors: [],
    });
  });
});
