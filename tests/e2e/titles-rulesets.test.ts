import { Role } from '../../src/core/roles';
import { startTestApi, type GraphQLResponse, type TestApi } from '../helpers/test-api';

let api: TestApi;
let adminToken: string;
let vn2024: string;

const DEFINITION_FIELDS = `id kind kindLabel unitLevel recognitionValidityYears
  passRule { kind kindLabel totalPoints threshold disadvantagedThreshold indicatorMinimum indicatorMinimumKind levels }
  indicators { code label labelVi labelEn source sourceLabel maxScore metric metricParams scoring { atLeast points } level metAtLeast appliesTo }`;

beforeAll(async () => {
  api = await startTestApi();
  adminToken = (await api.account(Role.PROVINCE_ADMIN)).token;
  // Version 1 as shipped (version 2, from 2026, is tried in title-criteria.test.ts; version 3, the same with the emulation checklists, in emulation-criteria.test.ts).
  const active = await api.gql('{ activeRuleset(date: "2025-03-01") { id } }');
  vn2024 = active.data?.activeRuleset.id;
});

afterAll(async () => {
  await api.close();
});

async function sql<T = Record<string, any>>(query: string, params: unknown[] = []): Promise<T[]> {
  return api.runtime.orm.em.fork().execute(query, params);
}

async function definitionOf(rulesetId: string, kind: string, unitLevel: string | null = null, headers: Record<string, string> = {}, token?: string): Promise<any> {
  const result = await api.gql(
    `query($id: ID!, $kind: TitleKind!, $unitLevel: UnitLevel) { ruleset(id: $id) { definition(kind: $kind, unitLevel: $unitLevel) { ${DEFINITION_FIELDS} } } }`,
    { id: rulesetId, kind, unitLevel },
    { headers, token: token ?? adminToken },
  );
  expect(result.errors).toBeUndefined();
  return result.data?.ruleset.definition;
}

async function newDraft(effectiveFrom = '2027-01-01', code?: string): Promise<string> {
  const result = await api.gql(
    'mutation($input: CreateRulesetDraftInput!) { createRulesetDraft(input: $input) { ruleset { id code version status } errors { field code message } } }',
    { input: { fromId: vn2024, effectiveFrom, ...(code ? { code } : {}) } },
    { token: adminToken },
  );
  expect(result.data?.createRulesetDraft.errors).toEqual([]);
  return result.data?.createRulesetDraft.ruleset.id;
}

function indicatorInput(indicator: any): Record<string, unknown> {
  const { label: _label, sourceLabel: _sourceLabel, ...rest } = indicator;
  return Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== null));
}

async function updateDefinition(input: Record<string, unknown>): Promise<GraphQLResponse> {
  return api.gql(
    'mutation($input: UpdateTitleDefinitionInput!) { updateTitleDefinition(input: $input) { definition { id } errors { field code message } } }',
    { input },
    { token: adminToken },
  );
}

async function publish(id: string, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  return api.gql('mutation($input: PublishRulesetInput!) { publishRuleset(input: $input) { ruleset { id status publishedAt } errors { field code message } } }', { input: { id } }, { token: adminToken, headers });
}

/** Changes one indicator of the citizen definition of a draft, then returns what publishing says. */
async function publishWithCitizenIndicator(change: (indicator: any) => any, code = 'READING'): Promise<{ field: string[]; code: string }[]> {
  const draft = await newDraft();
  const citizen = await definitionOf(draft, 'LEARNING_CITIZEN');
  const indicators = citizen.indicators.map((indicator: any) => indicatorInput(indicator.code === code ? change(indicator) : indicator));
  const update = await updateDefinition({ id: citizen.id, indicators });
  expect(update.data?.updateTitleDefinition.errors).toEqual([]);
  const result = await publish(draft);
  expect(result.data?.publishRuleset.ruleset).toBeNull();
  return result.data?.publishRuleset.errors.map((error: any) => ({ field: error.field, code: error.code }));
}

describe('the default ruleset VN-2024', () => {
  it('is published, in force from 2024-01-01, and readable without signing in', async () => {
    const result = await api.gql(
      '{ before: activeRuleset(date: "2023-12-31") { id } active: activeRuleset(date: "2024-01-01") { id code version status statusLabel effectiveFrom effectiveTo publishedAt definitions { kind unitLevel } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.before).toBeNull();
    expect(result.data?.active).toMatchObject({ code: 'VN-2024', version: 1, status: 'PUBLISHED', statusLabel: 'Đã ban hành', effectiveFrom: '2024-01-01', effectiveTo: null });
    expect(result.data?.active.definitions).toEqual([
      { kind: 'LEARNING_CITIZEN', unitLevel: null },
      { kind: 'LEARNING_FAMILY', unitLevel: null },
      { kind: 'LEARNING_UNIT', unitLevel: null },
      { kind: 'LEARNING_CLAN', unitLevel: null },
      { kind: 'LEARNING_COMMUNITY', unitLevel: 'HAMLET' },
      { kind: 'LEARNING_COMMUNITY', unitLevel: 'COMMUNE' },
      { kind: 'LEARNING_COMMUNITY', unitLevel: 'DISTRICT' },
      { kind: 'LEARNING_COMMUNITY', unitLevel: 'PROVINCE' },
    ]);
  });

  it('holds the Learning Citizen rule of titles.md: 10 × 10 points, 80 (70 when disadvantaged), none below 5', async () => {
    const citizen = await definitionOf(vn2024, 'LEARNING_CITIZEN', null, { 'accept-language': 'en' }, '');
    expect(citizen.kindLabel).toBe('Learning Citizen');
    expect(citizen.passRule).toEqual({
      kind: 'POINTS',
      kindLabel: 'Points',
      totalPoints: 100,
      threshold: 80,
      disadvantagedThreshold: 70,
      indicatorMinimum: 5,
      indicatorMinimumKind: 'ABSOLUTE',
      levels: null,
    });
    expect(citizen.indicators.map((indicator: any) => [indicator.code, indicator.source, indicator.maxScore])).toEqual([
      ['READING', 'AUTO_OR_ATTESTED', 10],
      ['LEARNING_PLAN', 'AUTO_OR_ATTESTED', 10],
      ['COMMUNITY_ACTIVITIES', 'AUTO_OR_ATTESTED', 10],
      ['ENCOURAGES_LEARNING', 'ATTESTED', 10],
      ['DIGITAL_SKILLS', 'AUTO_OR_ATTESTED', 10],
      ['FOREIGN_LANGUAGE', 'AUTO_OR_ATTESTED', 10],
      ['NUMERACY', 'ATTESTED', 10],
      ['CRITICAL_THINKING', 'ATTESTED', 10],
      ['RELATIONS', 'ATTESTED', 10],
      ['COOPERATION', 'ATTESTED', 10],
    ]);
    const byCode = Object.fromEntries(citizen.indicators.map((indicator: any) => [indicator.code, indicator]));
    expect(byCode.READING).toMatchObject({
      label: 'Keeps informed and reads',
      sourceLabel: 'Automatic or attested',
      metric: 'VERIFIED_HOURS',
      metricParams: { anyOf: [{ sources: ['RESOURCE_STUDY'] }, { sources: ['ATTENDANCE'], institutionKinds: ['LIBRARY'] }] },
      scoring: [
        { atLeast: 2, points: 5 },
        { atLeast: 5, points: 6 },
        { atLeast: 10, points: 8 },
        { atLeast: 20, points: 10 },
      ],
    });
    expect(byCode.COMMUNITY_ACTIVITIES.scoring).toEqual([
      { atLeast: 1, points: 5 },
      { atLeast: 2, points: 6 },
      { atLeast: 4, points: 8 },
      { atLeast: 6, points: 10 },
    ]);
    expect(byCode.LEARNING_PLAN.scoring).toEqual([
      { atLeast: 0, points: 5 },
      { atLeast: 0.5, points: 8 },
      { atLeast: 1, points: 10 },
    ]);
    expect(byCode.DIGITAL_SKILLS).toMatchObject({ metric: 'TOPIC_ACHIEVEMENT', metricParams: { topic: 'DIGITAL_SKILLS', completionYears: 3 }, scoring: [{ atLeast: 1, points: 6 }, { atLeast: 2, points: 10 }] });
    expect(byCode.NUMERACY).toMatchObject({ metric: null, metricParams: null, scoring: null });
  });

  it('holds the household, clan and hamlet numbers, with labels in Vietnamese by default', async () => {
    const family = await definitionOf(vn2024, 'LEARNING_FAMILY');
    expect(family.kindLabel).toBe('Gia đình học tập');
    expect(family.passRule).toMatchObject({ totalPoints: 100, threshold: 80, disadvantagedThreshold: null, indicatorMinimum: 0.5, indicatorMinimumKind: 'FRACTION_OF_MAXIMUM' });
    const adults = family.indicators.find((indicator: any) => indicator.code === 'ADULT_ACTIVITY');
    expect(adults).toMatchObject({ source: 'AUTO', sourceLabel: 'Tự động', maxScore: 10, metric: 'MEMBER_ACTIVITY_SHARE', metricParams: { ageMin: 19, ageMax: 60 }, scoring: [{ atLeast: 0.5, points: 5 }, { atLeast: 1, points: 10 }] });

    const clan = await definitionOf(vn2024, 'LEARNING_CLAN');
    expect(clan.indicators.map((indicator: any) => [indicator.code, indicator.maxScore, indicator.scoring])).toEqual([
      ['FAMILY_SHARE', 30, [{ atLeast: 0.3, points: 10 }, { atLeast: 0.5, points: 20 }, { atLeast: 0.7, points: 30 }]],
      ['CITIZEN_SHARE', 20, [{ atLeast: 0.25, points: 10 }, { atLeast: 0.4, points: 20 }]],
      ['STUDY_PROMOTION', 25, null],
      ['CHILDREN_ACHIEVEMENTS', 25, null],
    ]);

    const hamlet = await definitionOf(vn2024, 'LEARNING_COMMUNITY', 'HAMLET');
    const activity = hamlet.indicators.find((indicator: any) => indicator.code === 'LEARNING_ACTIVITY');
    expect(activity).toMatchObject({ maxScore: 20, metric: 'SESSIONS_IN_UNIT', metricParams: { parentInstitutionKinds: ['COMMUNITY_LEARNING_CENTRE'], attendeeFromUnit: true }, scoring: [{ atLeast: 6, points: 10 }, { atLeast: 12, points: 20 }] });
    expect(hamlet.indicators.find((indicator: any) => indicator.code === 'FAMILY_SHARE').scoring).toEqual([
      { atLeast: 0.5, points: 20 },
      { atLeast: 0.6, points: 30 },
      { atLeast: 0.7, points: 40 },
    ]);
  });

  it('holds the checklists of communes and learning units with their levels and targets', async () => {
    const commune = await definitionOf(vn2024, 'LEARNING_COMMUNITY', 'COMMUNE');
    expect(commune.passRule).toMatchObject({ kind: 'CHECKLIST', levels: 2, totalPoints: null, threshold: null });
    const auto = commune.indicators.filter((indicator: any) => indicator.source !== 'ATTESTED').map((indicator: any) => [indicator.code, indicator.level, indicator.metAtLeast]);
    expect(auto).toEqual([
      ['CENTRES_L1', 1, 24],
      ['FAMILY_SHARE_L1', 1, 0.7],
      ['HAMLET_SHARE_L1', 1, 0.65],
      ['CITIZEN_SHARE_L1', 1, 0.4],
      ['CENTRES_L2', 2, 48],
      ['FAMILY_SHARE_L2', 2, 0.8],
      ['HAMLET_SHARE_L2', 2, 0.75],
      ['CITIZEN_SHARE_L2', 2, 0.7],
    ]);
    const province = await definitionOf(vn2024, 'LEARNING_COMMUNITY', 'PROVINCE');
    expect(province.indicators.filter((indicator: any) => indicator.metric).map((indicator: any) => [indicator.code, indicator.metricParams, indicator.metAtLeast])).toEqual([
      ['COMMUNE_SHARE_L1', { unitLevel: 'COMMUNE' }, 0.7],
      ['COMMUNE_SHARE_L2', { unitLevel: 'COMMUNE' }, 0.9],
    ]);
    const unit = await definitionOf(vn2024, 'LEARNING_UNIT');
    expect(unit.recognitionValidityYears).toBe(3);
    expect(unit.indicators.filter((indicator: any) => indicator.appliesTo).map((indicator: any) => [indicator.code, indicator.metricParams, indicator.metAtLeast, indicator.appliesTo])).toEqual([
      ['LEARNER_CITIZENS_L1', { memberRoles: ['LEARNER'] }, 0.95, ['SCHOOL']],
      ['LEARNER_CITIZENS_L2', { memberRoles: ['LEARNER'] }, 0.97, ['SCHOOL']],
    ]);
  });

  it('passes its own publication checks, and a copy of it publishes as the next version (4: versions 2 and 3 ship too)', async () => {
    const draft = await newDraft('2027-01-01');
    const read = await api.gql('query($id: ID!) { ruleset(id: $id) { code version status problems { code } basedOn { id } } }', { id: draft }, { token: adminToken });
    expect(read.data?.ruleset).toEqual({ code: 'VN-2024', version: 4, status: 'DRAFT', problems: [], basedOn: { id: vn2024 } });
    const result = await publish(draft);
    expect(result.data?.publishRuleset).toMatchObject({ ruleset: { id: draft, status: 'PUBLISHED' }, errors: [] });
    const active = await api.gql('{ before: activeRuleset(date: "2025-12-31") { id } now: activeRuleset(date: "2026-12-31") { version } later: activeRuleset(date: "2027-01-01") { id version } }');
    expect(active.data).toEqual({ before: { id: vn2024 }, now: { version: 3 }, later: { id: draft, version: 4 } });
  });
});

describe('publishing checks the whole draft', () => {
  it('reports indicator scores that do not add up to the total', async () => {
    const errors = await publishWithCitizenIndicator((indicator) => ({ ...indicator, maxScore: 12, scoring: [{ atLeast: 2, points: 5 }, { atLeast: 20, points: 12 }] }));
    expect(errors).toEqual([{ field: ['ruleset', 'definitions', 'LEARNING_CITIZEN', 'indicators'], code: 'INDICATOR_SCORES_DO_NOT_ADD_UP' }]);
  });

  it('reports a scoring table that does not rise, and points above the maximum', async () => {
    const errors = await publishWithCitizenIndicator((indicator) => ({
      ...indicator,
      scoring: [
        { atLeast: 5, points: 5 },
        { atLeast: 2, points: 6 },
        { atLeast: 20, points: 11 },
      ],
    }));
    const at = ['ruleset', 'definitions', 'LEARNING_CITIZEN', 'indicators', 'READING', 'scoring'];
    expect(errors).toEqual([
      { field: [...at, '1', 'atLeast'], code: 'SCORING_NOT_MONOTONIC' },
      { field: [...at, '2', 'points'], code: 'SCORE_OUT_OF_RANGE' },
    ]);
  });

  it('reports an unknown metric, a metric not meant for the title, and bad parameters', async () => {
    expect(await publishWithCitizenIndicator((indicator) => ({ ...indicator, metric: 'LIKES_ON_SOCIAL_MEDIA' }))).toEqual([
      { field: ['ruleset', 'definitions', 'LEARNING_CITIZEN', 'indicators', 'READING', 'metric'], code: 'UNKNOWN_METRIC' },
    ]);
    expect(await publishWithCitizenIndicator((indicator) => ({ ...indicator, metric: 'FAMILY_TITLE_SHARE', metricParams: {}, scoring: [{ atLeast: 0.5, points: 10 }] }))).toEqual([
      { field: ['ruleset', 'definitions', 'LEARNING_CITIZEN', 'indicators', 'READING', 'metric'], code: 'METRIC_NOT_FOR_TITLE' },
    ]);
    const params = await publishWithCitizenIndicator((indicator) => ({ ...indicator, metricParams: { topic: 'ASTROLOGY', completionYears: 30, colour: 'red' } }), 'DIGITAL_SKILLS');
    const at = ['ruleset', 'definitions', 'LEARNING_CITIZEN', 'indicators', 'DIGITAL_SKILLS', 'metricParams'];
    expect(params).toEqual([
      { field: [...at, 'colour'], code: 'INVALID_METRIC_PARAMS' },
      { field: [...at, 'topic'], code: 'INVALID_METRIC_PARAMS' },
      { field: [...at, 'completionYears'], code: 'INVALID_METRIC_PARAMS' },
    ]);
    const nested = await publishWithCitizenIndicator((indicator) => ({ ...indicator, metricParams: { anyOf: [{ sources: ['RUMOUR'] }] } }));
    expect(nested).toEqual([{ field: ['ruleset', 'definitions', 'LEARNING_CITIZEN', 'indicators', 'READING', 'metricParams', 'anyOf', '0', 'sources'], code: 'INVALID_METRIC_PARAMS' }]);
  });

  it('reports an AUTO indicator without a metric or scoring, and a share threshold above 1', async () => {
    expect(await publishWithCitizenIndicator((indicator) => ({ ...indicator, metric: null, metricParams: null }))).toEqual([
      { field: ['ruleset', 'definitions', 'LEARNING_CITIZEN', 'indicators', 'READING', 'metric'], code: 'MISSING_METRIC' },
    ]);
    expect(await publishWithCitizenIndicator((indicator) => ({ ...indicator, scoring: null }))).toEqual([
      { field: ['ruleset', 'definitions', 'LEARNING_CITIZEN', 'indicators', 'READING', 'scoring'], code: 'MISSING_SCORING' },
    ]);
    expect(await publishWithCitizenIndicator((indicator) => ({ ...indicator, scoring: [{ atLeast: 0.5, points: 8 }, { atLeast: 1.5, points: 10 }] }), 'LEARNING_PLAN')).toEqual([
      { field: ['ruleset', 'definitions', 'LEARNING_CITIZEN', 'indicators', 'LEARNING_PLAN', 'scoring', '1', 'atLeast'], code: 'THRESHOLD_OUT_OF_RANGE' },
    ]);
  });

  it('reports thresholds of a pass rule out of range, and checklist levels without indicators', async () => {
    const draft = await newDraft();
    const citizen = await definitionOf(draft, 'LEARNING_CITIZEN');
    const points = await updateDefinition({ id: citizen.id, passRule: { kind: 'POINTS', totalPoints: 100, threshold: 120, disadvantagedThreshold: 70, indicatorMinimum: 50, indicatorMinimumKind: 'ABSOLUTE' } });
    expect(points.data?.updateTitleDefinition.errors).toEqual([]);
    const unit = await definitionOf(draft, 'LEARNING_UNIT');
    const levels = await updateDefinition({ id: unit.id, passRule: { kind: 'CHECKLIST', levels: 3 } });
    expect(levels.data?.updateTitleDefinition.errors).toEqual([]);
    const result = await publish(draft);
    expect(result.data?.publishRuleset.errors.map((error: any) => [error.field, error.code])).toEqual([
      [['ruleset', 'definitions', 'LEARNING_CITIZEN', 'passRule', 'threshold'], 'THRESHOLD_OUT_OF_RANGE'],
      [['ruleset', 'definitions', 'LEARNING_CITIZEN', 'passRule', 'indicatorMinimum'], 'THRESHOLD_OUT_OF_RANGE'],
      [['ruleset', 'definitions', 'LEARNING_UNIT', 'passRule', 'levels'], 'LEVEL_WITHOUT_INDICATORS'],
    ]);
    expect(result.data?.publishRuleset.errors[0].message).toBe('Ngưỡng 120 nằm ngoài khoảng cho phép (0, 100].');
    expect(result.data?.publishRuleset.errors[2].message).toBe('Mức 3 chưa có chỉ tiêu nào.');
    const english = await publish(draft, { 'accept-language': 'en' });
    expect(english.data?.publishRuleset.errors[0].message).toBe('The threshold 120 is outside its allowed range (0, 100].');
    expect(english.data?.publishRuleset.errors[2].message).toBe('Level 3 has no indicator.');
    const still = await api.gql('query($id: ID!) { ruleset(id: $id) { status problems { code } } }', { id: draft }, { token: adminToken });
    expect(still.data?.ruleset).toEqual({ status: 'DRAFT', problems: [{ code: 'THRESHOLD_OUT_OF_RANGE' }, { code: 'THRESHOLD_OUT_OF_RANGE' }, { code: 'LEVEL_WITHOUT_INDICATORS' }] });
  });

  it('refuses two indicators with one code when the definition is changed, keeping the old ones', async () => {
    const draft = await newDraft();
    const clan = await definitionOf(draft, 'LEARNING_CLAN');
    const indicators = clan.indicators.map(indicatorInput);
    const result = await updateDefinition({ id: clan.id, indicators: [...indicators, indicators[0]] });
    expect(result.data?.updateTitleDefinition).toEqual({ definition: null, errors: [{ field: ['input', 'indicators', '4', 'code'], code: 'DUPLICATE_INDICATOR_CODE', message: 'Hai chỉ tiêu có cùng mã FAMILY_SHARE.' }] });
    expect((await definitionOf(draft, 'LEARNING_CLAN')).indicators).toEqual(clan.indicators);
  });
});

describe('published versions are read-only', () => {
  it('refuses to change, republish or delete a published version, and the database refuses it too', async () => {
    const citizen = await definitionOf(vn2024, 'LEARNING_CITIZEN');
    const update = await updateDefinition({ id: citizen.id, passRule: { kind: 'POINTS', totalPoints: 100, threshold: 50 } });
    expect(update.data?.updateTitleDefinition).toEqual({ definition: null, errors: [expect.objectContaining({ field: ['input', 'id'], code: 'RULESET_PUBLISHED' })] });
    expect((await publish(vn2024)).data?.publishRuleset.errors).toEqual([expect.objectContaining({ code: 'RULESET_PUBLISHED' })]);
    const remove = await api.gql('mutation($input: DeleteRulesetDraftInput!) { deleteRulesetDraft(input: $input) { deletedId errors { field code } } }', { input: { id: vn2024 } }, { token: adminToken });
    expect(remove.data?.deleteRulesetDraft).toEqual({ deletedId: null, errors: [{ field: ['input', 'id'], code: 'RULESET_PUBLISHED' }] });
    expect((await definitionOf(vn2024, 'LEARNING_CITIZEN')).passRule.threshold).toBe(80);
    await expect(sql("update title_indicator set max_score = 9 where code = 'READING'")).rejects.toThrow(/read-only/);
    await expect(sql("update title_ruleset set effective_from = '2020-01-01' where code = 'VN-2024' and version = 1")).rejects.toThrow(/read-only/);
  });

  it('deletes a draft with its definitions', async () => {
    const draft = await newDraft('2028-01-01', 'TN-2028');
    const remove = await api.gql('mutation($input: DeleteRulesetDraftInput!) { deleteRulesetDraft(input: $input) { deletedId errors { code } } }', { input: { id: draft } }, { token: adminToken });
    expect(remove.data?.deleteRulesetDraft).toEqual({ deletedId: draft, errors: [] });
    expect(await sql("select count(*)::int as n from title_ruleset where code = 'TN-2028'")).toEqual([{ n: 0 }]);
  });
});

describe('who may read and change rulesets', () => {
  const CALLERS = ['anonymous', 'citizen', 'staff', 'assessor', 'province admin'] as const;
  type Caller = (typeof CALLERS)[number];
  const tokens = {} as Record<Caller, string | undefined>;

  beforeAll(async () => {
    const [unit] = await sql<{ id: string }>("select id from administrative_unit limit 1");
    const [institution] = await sql<{ id: string }>('select id from institution limit 1');
    tokens.anonymous = undefined;
    tokens.citizen = (await api.account(Role.CITIZEN)).token;
    tokens.staff = (await api.account(Role.INSTITUTION_STAFF, { institutionId: institution?.id })).token;
    tokens.assessor = (await api.account(Role.ASSESSOR, { unitId: unit?.id })).token;
    tokens['province admin'] = adminToken;
  });

  const MUTATIONS: Record<string, (ids: { draft: string; definition: string }) => { query: string; input: Record<string, unknown> }> = {
    createRulesetDraft: () => ({ query: 'mutation($input: CreateRulesetDraftInput!) { createRulesetDraft(input: $input) { ruleset { status } errors { code } } }', input: { fromId: vn2024, effectiveFrom: '2029-01-01' } }),
    updateTitleDefinition: (ids) => ({
      query: 'mutation($input: UpdateTitleDefinitionInput!) { updateTitleDefinition(input: $input) { definition { recognitionValidityYears } errors { code } } }',
      input: { id: ids.definition, recognitionValidityYears: 2 },
    }),
    publishRuleset: (ids) => ({ query: 'mutation($input: PublishRulesetInput!) { publishRuleset(input: $input) { ruleset { status } errors { code } } }', input: { id: ids.draft } }),
    deleteRulesetDraft: (ids) => ({ query: 'mutation($input: DeleteRulesetDraftInput!) { deleteRulesetDraft(input: $input) { deletedId errors { code } } }', input: { id: ids.draft } }),
  };

  const cases = Object.keys(MUTATIONS).flatMap((mutation) => CALLERS.map((caller) => ({ mutation, caller })));

  it.each(cases)('$mutation by $caller', async ({ mutation, caller }) => {
    const draft = await newDraft('2029-01-01');
    const definition = (await definitionOf(draft, 'LEARNING_FAMILY')).id;
    const before = await sql('select id, status, (select count(*)::int from title_indicator) as indicators, (select sum(coalesce(recognition_validity_years, 0))::int from title_definition) as years from title_ruleset order by id');
    const request = (MUTATIONS[mutation] as (typeof MUTATIONS)[string])({ draft, definition });
    const result = await api.gql(request.query, { input: request.input }, { token: tokens[caller] });
    if (caller === 'province admin') {
      expect(result.errors).toBeUndefined();
      expect(result.data?.[mutation].errors).toEqual([]);
      const after = await sql('select id, status, (select sum(coalesce(recognition_validity_years, 0))::int from title_definition) as years from title_ruleset order by id');
      expect(after).not.toEqual(before.map(({ indicators: _indicators, ...row }) => row));
    } else {
      expect(result.errors).toEqual([expect.objectContaining({ path: [mutation], extensions: { code: caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN' } })]);
      expect(result.data).toBeNull();
      expect(await sql('select id, status, (select count(*)::int from title_indicator) as indicators, (select sum(coalesce(recognition_validity_years, 0))::int from title_definition) as years from title_ruleset order by id')).toEqual(before);
    }
  });

  it.each(CALLERS)('shows drafts only to a province admin (%s)', async (caller) => {
    const draft = await newDraft('2030-01-01');
    const result = await api.gql(
      'query($id: ID!) { ruleset(id: $id) { id } node(id: $id) { id } rulesets(first: 100, filter: { statuses: [DRAFT, PUBLISHED] }) { totalCount edges { node { id status } } } }',
      { id: draft },
      { token: tokens[caller] },
    );
    expect(result.errors).toBeUndefined();
    const statuses = new Set(result.data?.rulesets.edges.map((edge: any) => edge.node.status));
    if (caller === 'province admin') {
      expect(result.data?.ruleset).toEqual({ id: draft });
      expect(result.data?.node).toEqual({ id: draft });
      expect(statuses).toEqual(new Set(['DRAFT', 'PUBLISHED']));
    } else {
      expect(result.data?.ruleset).toBeNull();
      expect(result.data?.node).toBeNull();
      expect(statuses).toEqual(new Set(['PUBLISHED']));
      expect(result.data?.rulesets.edges).toContainEqual({ node: { id: vn2024, status: 'PUBLISHED' } });
    }
  });
});

describe('the metric vocabulary', () => {
  it('lists every metric with its parameters', async () => {
    const result = await api.gql('{ titleMetrics { name valueKind maxValue subjects parameters { name type required values min max fields { name } } } }');
    const byName = Object.fromEntries(result.data?.titleMetrics.map((metric: any) => [metric.name, metric]));
    expect(byName.TOPIC_ACHIEVEMENT).toMatchObject({ valueKind: 'ACHIEVEMENT', maxValue: 2, subjects: ['LEARNING_CITIZEN'] });
    expect(byName.TOPIC_ACHIEVEMENT.parameters).toContainEqual({ name: 'completionYears', type: 'integer', required: true, values: null, min: 1, max: 10, fields: null });
    expect(byName.VERIFIED_HOURS.parameters[0].fields.map((field: any) => field.name)).toEqual(['sources', 'topics', 'institutionKinds']);
  });
});
