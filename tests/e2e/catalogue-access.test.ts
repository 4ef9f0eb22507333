import { Role } from '../../src/core/roles';
import type { RequestContext } from '../../src/core/context';
import { fromGlobalId } from '../../src/graphql/global-id';
import type { Institution } from '../../src/catalogue/institutions/institution.entity';
import type { Programme } from '../../src/catalogue/programmes/programme.entity';
import type { ProgrammeSession } from '../../src/catalogue/programmes/session.entity';
import {
  createInstitution,
  createProgramme,
  daysFromNow,
  gid,
  scheduleSession,
  seedUnits,
  type UnitsFixture,
} from '../helpers/catalogue-fixtures';
import { startTestApi, type GraphQLResponse, type TestApi } from '../helpers/test-api';

let api: TestApi;
let units: UnitsFixture;
let admin: RequestContext;
/** The institution the matrix acts on (in Phường Long An) and another one (in Phường Tân An). */
let institution: Institution;
let otherInstitution: Institution;

const CALLERS = [
  'anonymous',
  'citizen',
  'staff of the institution',
  'staff of another institution',
  'assessor of its subtree',
  'assessor of another subtree',
  'province admin',
] as const;
type Caller = (typeof CALLERS)[number];
type Outcome = 'allowed' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';

const tokens = {} as Record<Caller, string | undefined>;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.adminContext();
  units = await seedUnits(admin);
  institution = await createInstitution(admin, units.longAn, 'Thư viện phường Long An');
  otherInstitution = await createInstitution(admin, units.tanAn, 'Thư viện phường Tân An');
  tokens.anonymous = undefined;
  tokens.citizen = (await api.account(Role.CITIZEN)).token;
  tokens['staff of the institution'] = (await api.account(Role.INSTITUTION_STAFF, { institutionId: institution.id })).token;
  tokens['staff of another institution'] = (await api.account(Role.INSTITUTION_STAFF, { institutionId: otherInstitution.id })).token;
  tokens['assessor of its subtree'] = (await api.account(Role.ASSESSOR, { unitId: units.longAn.id })).token;
  tokens['assessor of another subtree'] = (await api.account(Role.ASSESSOR, { unitId: units.tanAn.id })).token;
  tokens['province admin'] = (await api.account(Role.PROVINCE_ADMIN)).token;
});

afterAll(async () => {
  await api.close();
});

/** A context acting as a province admin with its own EntityManager, to arrange one test's rows. */
function arranger(): RequestContext {
  return { ...admin, em: admin.em.fork() };
}

async function sql<T = Record<string, any>>(query: string, params: unknown[] = []): Promise<T[]> {
  return api.runtime.orm.em.fork().execute(query, params);
}

async function sqlOne<T = Record<string, any>>(query: string, params: unknown[] = []): Promise<T> {
  const [row] = await sql<T>(query, params);
  if (!row) throw new Error(`no row for ${query}`);
  return row;
}

const TABLES = ['account', 'role_grant', 'refresh_token', 'administrative_unit', 'institution', 'programme', 'programme_session'];

/** Every row of every table, hashed: equal before and after a call means the call wrote nothing. */
async function databaseFingerprint(): Promise<Record<string, string>> {
  const rows = await sql<{ name: string; rows: number; hash: string | null }>(
    TABLES.map((table) => `select '${table}' as name, count(*)::int as rows, md5(string_agg(t::text, '|' order by t::text)) as hash from "${table}" t`).join(' union all '),
  );
  return Object.fromEntries(rows.map((row) => [row.name, `${row.rows}:${row.hash ?? ''}`]));
}

function uuidOf(globalId: string): string {
  return fromGlobalId(globalId).id;
}

function expectRefused(result: GraphQLResponse, field: string, code: Exclude<Outcome, 'allowed'>): void {
  expect(result.errors).toEqual([expect.objectContaining({ path: [field], extensions: { code } })]);
  expect(result.data).toBeNull();
}

type Ids = Record<string, string>;

interface Scenario {
  mutation: string;
  expected: Record<Caller, Outcome>;
  /** Creates the rows the call acts on (as a province admin) and returns their uuids. */
  arrange(ctx: RequestContext, n: number): Promise<Ids>;
  request(ids: Ids, n: number): { query: string; variables: Record<string, unknown> };
  /** Checks the payload of an allowed call and that the change reached the database. */
  allowed(payload: any, ids: Ids, n: number): Promise<void>;
}

/** Who may do what, as the resolvers (@Authorized) and services (scope) intend. */
function outcomes(allowed: Caller[], notFound: Caller[] = []): Record<Caller, Outcome> {
  return Object.fromEntries(
    CALLERS.map((caller): [Caller, Outcome] => [
      caller,
      caller === 'anonymous' ? 'UNAUTHENTICATED' : allowed.includes(caller) ? 'allowed' : notFound.includes(caller) ? 'NOT_FOUND' : 'FORBIDDEN',
    ]),
  ) as Record<Caller, Outcome>;
}

const OFFICIALS_OF_AREA: Caller[] = ['assessor of its subtree', 'province admin'];
const PROGRAMME_MANAGERS: Caller[] = ['staff of the institution', 'province admin'];

async function publishedProgrammeWithSession(ctx: RequestContext, n: number): Promise<Ids> {
  const programme = await createProgramme(ctx, institution, `Lớp kỹ năng số ${n}`);
  const session = await scheduleSession(ctx, programme, daysFromNow(7));
  return { programme: programme.id, session: session.id };
}

const SCENARIOS: Scenario[] = [
  {
    mutation: 'importAdministrativeUnits',
    expected: outcomes(['province admin']),
    arrange: async () => ({}),
    request: (_ids, n) => ({
      query: `mutation($input: ImportAdministrativeUnitsInput!) {
        importAdministrativeUnits(input: $input) { report { created updated unchanged rejected { line } } errors { code } }
      }`,
      variables: { input: { csv: `code,name,level,parent_code,valid_from,valid_to,successor_code\n9${1000 + n},Xã Thử Nghiệm ${n},COMMUNE,80,2025-07-01,,` } },
    }),
    allowed: async (payload, _ids, n) => {
      expect(payload).toEqual({ report: { created: 1, updated: 0, unchanged: 0, rejected: [] }, errors: [] });
      expect(await sqlOne('select name, level from administrative_unit where code = ?', [`9${1000 + n}`])).toEqual({ name: `Xã Thử Nghiệm ${n}`, level: 'COMMUNE' });
    },
  },
  {
    mutation: 'createInstitution',
    expected: outcomes(OFFICIALS_OF_AREA),
    arrange: async () => ({}),
    request: (_ids, n) => ({
      query: `mutation($input: CreateInstitutionInput!) {
        createInstitution(input: $input) { institution { id name kind unit { id } } errors { field code message } }
      }`,
      variables: { input: { unitId: gid('AdministrativeUnit', units.longAn.id), name: `Trung tâm học tập cộng đồng ${n}`, kind: 'COMMUNITY_LEARNING_CENTRE' } },
    }),
    allowed: async (payload, _ids, n) => {
      expect(payload.institution).toMatchObject({
        name: `Trung tâm học tập cộng đồng ${n}`,
        kind: 'COMMUNITY_LEARNING_CENTRE',
        unit: { id: gid('AdministrativeUnit', units.longAn.id) },
      });
      const row = await sqlOne('select name, unit_id from institution where id = ?', [uuidOf(payload.institution.id)]);
      expect(row).toEqual({ name: `Trung tâm học tập cộng đồng ${n}`, unit_id: units.longAn.id });
    },
  },
  {
    mutation: 'updateInstitution',
    expected: outcomes(['staff of the institution', ...OFFICIALS_OF_AREA]),
    arrange: async () => ({ institution: institution.id }),
    request: (ids, n) => ({
      query: `mutation($input: UpdateInstitutionInput!) {
        updateInstitution(input: $input) { institution { id name openingHours } errors { field code message } }
      }`,
      variables: { input: { id: gid('Institution', ids.institution as string), name: `Thư viện phường Long An (${n})`, openingHours: `Thứ 2 – Thứ 6 (${n})` } },
    }),
    allowed: async (payload, ids, n) => {
      expect(payload.institution).toEqual({ id: gid('Institution', ids.institution as string), name: `Thư viện phường Long An (${n})`, openingHours: `Thứ 2 – Thứ 6 (${n})` });
      const row = await sqlOne('select name, opening_hours from institution where id = ?', [ids.institution]);
      expect(row).toEqual({ name: `Thư viện phường Long An (${n})`, opening_hours: `Thứ 2 – Thứ 6 (${n})` });
    },
  },
  {
    mutation: 'createProgramme',
    expected: outcomes(PROGRAMME_MANAGERS),
    arrange: async () => ({}),
    request: (_ids, n) => ({
      query: `mutation($input: CreateProgrammeInput!) {
        createProgramme(input: $input) { programme { id title status institution { id } } errors { field code message } }
      }`,
      variables: {
        input: { institutionId: gid('Institution', institution.id), title: `Tin học cho người cao tuổi ${n}`, kind: 'COURSE', topics: ['DIGITAL_SKILLS'], format: 'IN_PERSON' },
      },
    }),
    allowed: async (payload, _ids, n) => {
      expect(payload.programme).toMatchObject({ title: `Tin học cho người cao tuổi ${n}`, status: 'DRAFT', institution: { id: gid('Institution', institution.id) } });
      const row = await sqlOne('select title, status, institution_id from programme where id = ?', [uuidOf(payload.programme.id)]);
      expect(row).toEqual({ title: `Tin học cho người cao tuổi ${n}`, status: 'DRAFT', institution_id: institution.id });
    },
  },
  {
    mutation: 'updateProgramme',
    expected: outcomes(PROGRAMME_MANAGERS),
    arrange: async (ctx, n) => ({ programme: (await createProgramme(ctx, institution, `Lớp tiếng Anh ${n}`)).id }),
    request: (ids, n) => ({
      query: `mutation($input: UpdateProgrammeInput!) { updateProgramme(input: $input) { programme { id title feeVnd } errors { field code message } } }`,
      variables: { input: { id: gid('Programme', ids.programme as string), title: `Lớp tiếng Anh giao tiếp ${n}`, feeVnd: 50_000 } },
    }),
    allowed: async (payload, ids, n) => {
      expect(payload.programme).toEqual({ id: gid('Programme', ids.programme as string), title: `Lớp tiếng Anh giao tiếp ${n}`, feeVnd: 50_000 });
      expect(await sqlOne('select title, fee_vnd from programme where id = ?', [ids.programme])).toEqual({ title: `Lớp tiếng Anh giao tiếp ${n}`, fee_vnd: 50_000 });
    },
  },
  {
    mutation: 'publishProgramme',
    // A draft is invisible outside its institution, so other staff get NOT_FOUND rather than FORBIDDEN.
    expected: outcomes(PROGRAMME_MANAGERS, ['staff of another institution']),
    arrange: async (ctx, n) => ({ programme: (await createProgramme(ctx, institution, `Buổi đọc sách ${n}`, { publish: false })).id }),
    request: (ids) => ({
      query: `mutation($input: PublishProgrammeInput!) { publishProgramme(input: $input) { programme { id status publishedAt } errors { field code message } } }`,
      variables: { input: { id: gid('Programme', ids.programme as string) } },
    }),
    allowed: async (payload, ids) => {
      expect(payload.programme).toMatchObject({ id: gid('Programme', ids.programme as string), status: 'PUBLISHED' });
      expect(Date.parse(payload.programme.publishedAt)).not.toBeNaN();
      expect(await sqlOne('select status from programme where id = ?', [ids.programme])).toEqual({ status: 'PUBLISHED' });
    },
  },
  {
    mutation: 'cancelProgramme',
    expected: outcomes(PROGRAMME_MANAGERS),
    arrange: publishedProgrammeWithSession,
    request: (ids, n) => ({
      query: `mutation($input: CancelProgrammeInput!) {
        cancelProgramme(input: $input) { programme { id status cancellationReason } errors { field code message } }
      }`,
      variables: { input: { id: gid('Programme', ids.programme as string), reason: `Giáo viên bận (${n})` } },
    }),
    allowed: async (payload, ids, n) => {
      expect(payload.programme).toEqual({ id: gid('Programme', ids.programme as string), status: 'CANCELLED', cancellationReason: `Giáo viên bận (${n})` });
      expect(await sqlOne('select status from programme where id = ?', [ids.programme])).toEqual({ status: 'CANCELLED' });
      expect(await sqlOne('select status from programme_session where id = ?', [ids.session])).toEqual({ status: 'CANCELLED' });
    },
  },
  {
    mutation: 'scheduleSessions',
    expected: outcomes(PROGRAMME_MANAGERS),
    arrange: async (ctx, n) => ({ programme: (await createProgramme(ctx, institution, `Hội thảo pháp luật ${n}`)).id }),
    request: (ids) => ({
      query: `mutation($input: ScheduleSessionsInput!) {
        scheduleSessions(input: $input) { sessions { id startsAt place status } errors { field code message } }
      }`,
      variables: {
        input: {
          programmeId: gid('Programme', ids.programme as string),
          startsAt: daysFromNow(10).toISOString(),
          endsAt: daysFromNow(10, 10).toISOString(),
          creditedHours: 2,
          place: 'Hội trường',
        },
      },
    }),
    allowed: async (payload, ids) => {
      expect(payload.sessions).toEqual([{ id: expect.any(String), startsAt: daysFromNow(10).toISOString(), place: 'Hội trường', status: 'SCHEDULED' }]);
      const rows = await sql('select id, place from programme_session where programme_id = ?', [ids.programme]);
      expect(rows).toEqual([{ id: uuidOf(payload.sessions[0].id), place: 'Hội trường' }]);
    },
  },
  {
    mutation: 'updateSession',
    expected: outcomes(PROGRAMME_MANAGERS),
    arrange: publishedProgrammeWithSession,
    request: (ids, n) => ({
      query: `mutation($input: UpdateSessionInput!) { updateSession(input: $input) { session { id place capacity } errors { field code message } } }`,
      variables: { input: { id: gid('ProgrammeSession', ids.session as string), place: `Phòng ${n}`, capacity: 30 } },
    }),
    allowed: async (payload, ids, n) => {
      expect(payload.session).toEqual({ id: gid('ProgrammeSession', ids.session as string), place: `Phòng ${n}`, capacity: 30 });
      expect(await sqlOne('select place, capacity from programme_session where id = ?', [ids.session])).toEqual({ place: `Phòng ${n}`, capacity: 30 });
    },
  },
  {
    mutation: 'cancelSession',
    expected: outcomes(PROGRAMME_MANAGERS),
    arrange: publishedProgrammeWithSession,
    request: (ids) => ({
      query: `mutation($input: CancelSessionInput!) { cancelSession(input: $input) { session { id status } errors { field code message } } }`,
      variables: { input: { id: gid('ProgrammeSession', ids.session as string) } },
    }),
    allowed: async (payload, ids) => {
      expect(payload.session).toEqual({ id: gid('ProgrammeSession', ids.session as string), status: 'CANCELLED' });
      expect(await sqlOne('select status from programme_session where id = ?', [ids.session])).toEqual({ status: 'CANCELLED' });
    },
  },
  {
    mutation: 'createHamlet',
    expected: outcomes(OFFICIALS_OF_AREA),
    arrange: async () => ({}),
    request: (_ids, n) => ({
      query: `mutation($input: CreateHamletInput!) { createHamlet(input: $input) { unit { id code name level parent { id } } errors { field code message } } }`,
      variables: { input: { communeId: gid('AdministrativeUnit', units.longAn.id), code: `KP${n}`, name: `Khu phố ${n}` } },
    }),
    allowed: async (payload, _ids, n) => {
      expect(payload.unit).toMatchObject({ code: `27694-KP${n}`, name: `Khu phố ${n}`, level: 'HAMLET', parent: { id: gid('AdministrativeUnit', units.longAn.id) } });
      const row = await sqlOne('select code, parent_id, path from administrative_unit where id = ?', [uuidOf(payload.unit.id)]);
      expect(row).toEqual({ code: `27694-KP${n}`, parent_id: units.longAn.id, path: `${units.longAn.path}${uuidOf(payload.unit.id)}/` });
    },
  },
  {
    mutation: 'updateAdministrativeUnit',
    expected: outcomes(OFFICIALS_OF_AREA),
    arrange: async (ctx, n) => ({ unit: (await ctx.services.units.createHamlet(ctx, { communeId: units.longAn.id, code: `AP${n}`, name: `Ấp ${n}` })).id }),
    request: (ids, n) => ({
      query: `mutation($input: UpdateAdministrativeUnitInput!) {
        updateAdministrativeUnit(input: $input) { unit { id name disadvantaged } errors { field code message } }
      }`,
      variables: { input: { id: gid('AdministrativeUnit', ids.unit as string), name: `Ấp Bình Hòa ${n}`, disadvantaged: true } },
    }),
    allowed: async (payload, ids, n) => {
      expect(payload.unit).toEqual({ id: gid('AdministrativeUnit', ids.unit as string), name: `Ấp Bình Hòa ${n}`, disadvantaged: true });
      expect(await sqlOne('select name, disadvantaged from administrative_unit where id = ?', [ids.unit])).toEqual({ name: `Ấp Bình Hòa ${n}`, disadvantaged: true });
    },
  },
];

describe('access matrix of the catalogue mutations', () => {
  it('covers every catalogue mutation of the schema', async () => {
    const result = await api.gql<{ __schema: { mutationType: { fields: { name: string }[] } } }>('{ __schema { mutationType { fields { name } } } }');
    // Mutations of other domains, each covered by the access matrix of the test file named.
    const coveredElsewhere: Record<string, string[]> = {
      'report-files.test.ts': ['requestReportFile'],
      'auth.test.ts, api-clients.test.ts': ['register', 'signIn', 'refreshSession', 'signOut', 'grantRole', 'revokeRole', 'createApiClient', 'revokeApiClient'],
      'api-client-trust.test.ts': ['setApiClientStatementTrust'],
      'titles-rulesets.test.ts': ['createRulesetDraft', 'updateTitleDefinition', 'publishRuleset', 'deleteRulesetDraft'],
      'titles-engine.test.ts': ['recalculateTitles', 'attestIndicator'],
      'evidence-uploads.test.ts': ['createEvidenceFileUpload', 'completeEvidenceUpload'],
      'titles-recognition.test.ts': ['recogniseTitles', 'recognizeTitles', 'revokeTitleAward'],
      'credentials.test.ts': ['issueCredential', 'rotateIssuerKey'],
      'credentials-commendations.test.ts': ['issueCommendationCredential'],
      'learning-access.test.ts': [
        'enroll', 'cancelEnrollment', 'recordAttendance', 'importAttendance', 'checkIn', 'createEvidenceUpload', 'submitLearningLog', 'voidLearningLog',
        'verifyLearningLogs', 'rejectLearningLogs', 'importLearningLogs', 'closeLearningYear', 'createLearningGoal', 'updateLearningGoal', 'deleteLearningGoal',
      ],
      'people-access.test.ts': [
        'createMyCitizenProfile', 'claimCitizenProfile', 'issueCitizenClaimCode', 'registerCitizen', 'updateCitizen', 'importCitizens',
        'createHousehold', 'updateHousehold', 'addHouseholdMember', 'endHouseholdMembership',
        'createClan', 'updateClan', 'addClanHousehold', 'endClanMembership',
        'createOrganisation', 'addOrganisationMember', 'endOrganisationMembership', 'setOrganisationMandatoryProgrammes',
      ],
      'bodies.test.ts': ['createBody', 'updateBody', 'appointBodyOfficer', 'removeBodyOfficer'],
      'reports-workflow.test.ts': [
        'openReportPeriod', 'openNextAnnualReportPeriod', 'closeReportPeriod', 'adjustReportingBodies',
        'prepareReport', 'updateReportDraft', 'submitReport', 'acceptReport', 'returnReport', 'sendReportReminders', 'consolidateReports',
      ],
      'report-attachments.test.ts': ['createReportAttachmentUpload', 'completeReportAttachment', 'removeReportAttachment'],
      'emulation-workflow.test.ts, emulation-quotas.test.ts, emulation-records.test.ts': [
        'openAnnualCommendationRound', 'createNomination', 'updateNomination', 'submitNomination', 'consolidateNominations', 'appraiseNomination',
        'decideNomination', 'returnNomination', 'rejectNomination', 'revokeCommendation',
        'recordContribution', 'verifyContribution', 'recordExternalContributor', 'recordInitiative', 'recogniseInitiative', 'setHonourRollConsent',
      ],
      'emulation-criteria.test.ts': ['attestEmulationItem'],
      'resources-access.test.ts': [
        'createUpload', 'completeUpload', 'retryProcessing', 'retryFailedJob', 'pauseJobQueue', 'resumeJobQueue',
        'createLearningResource', 'updateLearningResource', 'publishLearningResource', 'withdrawLearningResource', 'recordResourceView', 'recordStudy', 'downloadLearningResource',
      ],
      'webhooks.test.ts': ['createWebhookEndpoint', 'updateWebhookEndpoint', 'deleteWebhookEndpoint', 'rotateWebhookSecret', 'replayWebhookDelivery'],
    };
    const excluded = Object.values(coveredElsewhere).flat();
    const catalogue = result.data?.__schema.mutationType.fields.map((field) => field.name).filter((name) => !excluded.includes(name));
    expect(catalogue?.sort()).toEqual(SCENARIOS.map((scenario) => scenario.mutation).sort());
  });

  let n = 0;
  const cases = SCENARIOS.flatMap((scenario) => CALLERS.map((caller) => ({ mutation: scenario.mutation, caller, outcome: scenario.expected[caller], scenario })));

  it.each(cases)('$mutation by $caller: $outcome', async ({ caller, outcome, scenario }) => {
    n += 1;
    const ids = await scenario.arrange(arranger(), n);
    const { query, variables } = scenario.request(ids, n);
    const before = await databaseFingerprint();
    const result = await api.gql(query, variables, { token: tokens[caller] });
    if (outcome === 'allowed') {
      expect(result.errors).toBeUndefined();
      const payload = result.data?.[scenario.mutation];
      expect(payload.errors).toEqual([]);
      await scenario.allowed(payload, ids, n);
    } else {
      expectRefused(result, scenario.mutation, outcome);
      expect(await databaseFingerprint()).toEqual(before);
    }
  });
});

describe('scope rules beyond the matrix', () => {
  const moveQuery = `mutation($input: UpdateInstitutionInput!) { updateInstitution(input: $input) { institution { id unit { id } } errors { code } } }`;

  it.each([
    ['staff of the institution', 'FORBIDDEN'],
    ['assessor of its subtree', 'FORBIDDEN'],
    ['province admin', 'allowed'],
  ] as const)('moving an institution to another commune by %s: %s', async (caller, outcome) => {
    const moved = await createInstitution(arranger(), units.longAn, `Câu lạc bộ đọc sách ${caller}`);
    // Staff of the institution being moved, so only the "officials of both areas" rule can refuse it.
    const token = caller === 'staff of the institution' ? (await api.account(Role.INSTITUTION_STAFF, { institutionId: moved.id })).token : tokens[caller];
    const before = await databaseFingerprint();
    const result = await api.gql(moveQuery, { input: { id: gid('Institution', moved.id), unitId: gid('AdministrativeUnit', units.tanAn.id) } }, { token });
    if (outcome === 'allowed') {
      expect(result.data?.updateInstitution).toEqual({ institution: { id: gid('Institution', moved.id), unit: { id: gid('AdministrativeUnit', units.tanAn.id) } }, errors: [] });
      expect(await sqlOne('select unit_id from institution where id = ?', [moved.id])).toEqual({ unit_id: units.tanAn.id });
    } else {
      expectRefused(result, 'updateInstitution', outcome);
      expect(await databaseFingerprint()).toEqual(before);
    }
  });

  it('answers NOT_FOUND, not FORBIDDEN, to staff of another institution acting on a draft, so drafts do not leak', async () => {
    const draft = await createProgramme(arranger(), institution, 'Bản nháp', { publish: false });
    const session = await scheduleSession(arranger(), draft, daysFromNow(4));
    const token = tokens['staff of another institution'];
    const before = await databaseFingerprint();
    const update = await api.gql('mutation($input: UpdateProgrammeInput!) { updateProgramme(input: $input) { errors { code } } }', { input: { id: gid('Programme', draft.id), title: 'X' } }, { token });
    expectRefused(update, 'updateProgramme', 'NOT_FOUND');
    const schedule = await api.gql(
      'mutation($input: ScheduleSessionsInput!) { scheduleSessions(input: $input) { errors { code } } }',
      { input: { programmeId: gid('Programme', draft.id), startsAt: daysFromNow(5).toISOString(), endsAt: daysFromNow(5, 10).toISOString(), creditedHours: 1 } },
      { token },
    );
    expectRefused(schedule, 'scheduleSessions', 'NOT_FOUND');
    const cancel = await api.gql('mutation($input: CancelSessionInput!) { cancelSession(input: $input) { errors { code } } }', { input: { id: gid('ProgrammeSession', session.id) } }, { token });
    expectRefused(cancel, 'cancelSession', 'NOT_FOUND');
    expect(await databaseFingerprint()).toEqual(before);
  });
});

describe('drafts', () => {
  const VIEWERS = ['anonymous', 'citizen', 'staff of the institution', 'staff of another institution', 'assessor of its subtree', 'province admin'] as const;
  const SEES_DRAFTS: readonly string[] = ['staff of the institution', 'province admin'];
  let own: Institution;
  let ownStaffToken: string;
  let draft: Programme;
  let published: Programme;
  let draftSession: ProgrammeSession;
  let publishedSession: ProgrammeSession;

  beforeAll(async () => {
    const ctx = arranger();
    own = await createInstitution(ctx, units.longAn, 'Nhà văn hóa phường Long An');
    ownStaffToken = (await api.account(Role.INSTITUTION_STAFF, { institutionId: own.id })).token;
    draft = await createProgramme(ctx, own, 'Lớp nháp chưa công bố', { publish: false });
    draftSession = await scheduleSession(ctx, draft, daysFromNow(3));
    published = await createProgramme(ctx, own, 'Lớp đã công bố');
    publishedSession = await scheduleSession(ctx, published, daysFromNow(5));
  });

  const query = `query($institution: ID!, $draft: ID!, $draftSession: ID!, $ids: [ID!]!) {
    programmes(filter: { institutionId: $institution, statuses: [DRAFT, PUBLISHED] }) { totalCount edges { node { id } } }
    institution: node(id: $institution) { ... on Institution { programmes(statuses: [DRAFT, PUBLISHED]) { totalCount edges { node { id } } } } }
    sessions(filter: { institutionId: $institution }) { totalCount edges { node { id } } }
    sessionsOfDraft: sessions(filter: { programmeId: $draft }) { totalCount edges { node { id } } }
    draft: node(id: $draft) { id ... on Programme { status } }
    draftSession: node(id: $draftSession) { id }
    nodes(ids: $ids) { id }
  }`;

  function ids(list: { totalCount: number; edges: { node: { id: string } }[] }): { totalCount: number; ids: string[] } {
    return { totalCount: list.totalCount, ids: list.edges.map((edge) => edge.node.id).sort() };
  }

  it.each(VIEWERS)('are visible to %s only when they are its staff or a province admin', async (viewer) => {
    const token = viewer === 'staff of the institution' ? ownStaffToken : tokens[viewer];
    const sees = SEES_DRAFTS.includes(viewer);
    const [d, p, sd, sp] = [gid('Programme', draft.id), gid('Programme', published.id), gid('ProgrammeSession', draftSession.id), gid('ProgrammeSession', publishedSession.id)];
    // A missing session among the ids must not hide the others.
    const missing = gid('ProgrammeSession', '00000000-0000-4000-8000-000000000000');
    const result = await api.gql(query, { institution: gid('Institution', own.id), draft: d, draftSession: sd, ids: [d, p, sd, sp, missing] }, { token });
    expect(result.errors).toBeUndefined();
    const data = result.data as Record<string, any>;
    const programmes = sees ? [d, p].sort() : [p];
    const sessions = sees ? [sd, sp].sort() : [sp];
    expect({
      programmes: ids(data.programmes),
      institutionProgrammes: ids(data.institution.programmes),
      sessions: ids(data.sessions),
      sessionsOfDraft: ids(data.sessionsOfDraft),
      draft: data.draft,
      draftSession: data.draftSession,
      nodes: data.nodes,
    }).toEqual({
      programmes: { totalCount: programmes.length, ids: programmes },
      institutionProgrammes: { totalCount: programmes.length, ids: programmes },
      sessions: { totalCount: sessions.length, ids: sessions },
      sessionsOfDraft: sees ? { totalCount: 1, ids: [sd] } : { totalCount: 0, ids: [] },
      draft: sees ? { id: d, status: 'DRAFT' } : null,
      draftSession: sees ? { id: sd } : null,
      nodes: [sees ? { id: d } : null, { id: p }, sees ? { id: sd } : null, { id: sp }, null],
    });
  });

  it('come page by page in the institution\'s programmes of its staff, newest first', async () => {
    const page = `query($id: ID!, $after: String) {
      node(id: $id) { ... on Institution { programmes(statuses: [DRAFT, PUBLISHED], first: 1, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }
    }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 3; pages += 1) {
      const result: GraphQLResponse = await api.gql(page, { id: gid('Institution', own.id), after }, { token: ownStaffToken });
      expect(result.errors).toBeUndefined();
      const connection = result.data?.node.programmes;
      seen.push(...connection.edges.map((edge: { node: { id: string } }) => edge.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual([gid('Programme', published.id), gid('Programme', draft.id)]);
  });

  it('stay out of the public lists by default, even for their own staff', async () => {
    const result = await api.gql(
      'query($institution: ID!) { programmes(filter: { institutionId: $institution }) { edges { node { id } } } institution: node(id: $institution) { ... on Institution { upcomingSessions { id } } } }',
      { institution: gid('Institution', own.id) },
      { token: ownStaffToken },
    );
    expect(result.data).toEqual({
      programmes: { edges: [{ node: { id: gid('Programme', published.id) } }] },
      institution: { upcomingSessions: [{ id: gid('ProgrammeSession', publishedSession.id) }] },
    });
  });
});

describe('cancelling a programme', () => {
  it('cancels its sessions that have not started and keeps past and running ones', async () => {
    const ctx = arranger();
    const programme = await createProgramme(ctx, institution, 'Lớp trồng rau sạch');
    const past = await scheduleSession(ctx, programme, daysFromNow(-3));
    const running = await scheduleSession(ctx, programme, new Date(Date.now() - 3_600_000), 2);
    const soon = await scheduleSession(ctx, programme, daysFromNow(2));
    const later = await scheduleSession(ctx, programme, daysFromNow(9));
    const token = tokens['staff of the institution'];

    const cancel = await api.gql(
      'mutation($input: CancelProgrammeInput!) { cancelProgramme(input: $input) { programme { id status cancellationReason } errors { code } } }',
      { input: { id: gid('Programme', programme.id), reason: 'Mưa bão' } },
      { token },
    );
    expect(cancel.data?.cancelProgramme).toEqual({ programme: { id: gid('Programme', programme.id), status: 'CANCELLED', cancellationReason: 'Mưa bão' }, errors: [] });

    const read = await api.gql(
      `query($id: ID!) { node(id: $id) { ... on Programme { status sessions(includePast: true, includeCancelled: true) { edges { node { id status } } } } } }`,
      { id: gid('Programme', programme.id) },
      { token },
    );
    expect(read.data?.node).toEqual({
      status: 'CANCELLED',
      sessions: {
        edges: [
          { node: { id: gid('ProgrammeSession', past.id), status: 'SCHEDULED' } },
          { node: { id: gid('ProgrammeSession', running.id), status: 'SCHEDULED' } },
          { node: { id: gid('ProgrammeSession', soon.id), status: 'CANCELLED' } },
          { node: { id: gid('ProgrammeSession', later.id), status: 'CANCELLED' } },
        ],
      },
    });

    // The public list of what is coming no longer offers the cancelled sessions.
    const upcoming = await api.gql('query($id: ID!) { sessions(filter: { programmeId: $id }) { edges { node { id } } } }', { id: gid('Programme', programme.id) });
    expect(upcoming.data?.sessions.edges).toEqual([{ node: { id: gid('ProgrammeSession', running.id) } }]);
  });
});
