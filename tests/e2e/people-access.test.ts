import { Role } from '../../src/core/roles';
import type { RequestContext } from '../../src/core/context';
import type { Citizen } from '../../src/people/citizens/citizen.entity';
import { Gender, OrganisationRole } from '../../src/people/people.enums';
import { createInstitution, createProgramme, gid } from '../helpers/catalogue-fixtures';
import { createHousehold, linkAccount, nationalIdFor, registerCitizen, seedPeopleUnits, type PeopleFixture } from '../helpers/people-fixtures';
import { startTestApi, type GraphQLResponse, type TestApi } from '../helpers/test-api';

let api: TestApi;
let admin: RequestContext;
let units: PeopleFixture;
let staffInstitutionId: string;
let programmeId: string;

const CALLERS = ['anonymous', 'other citizen', 'the citizen', 'staff', 'assessor of the unit', 'assessor of another unit', 'province admin'] as const;
type Caller = (typeof CALLERS)[number];

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.adminContext();
  units = await seedPeopleUnits(admin);
  const institution = await createInstitution(admin, units.longAn, 'Thư viện Long An');
  staffInstitutionId = institution.id;
  programmeId = (await createProgramme(admin, institution, 'Lớp bắt buộc')).id;
});

afterAll(async () => {
  await api.close();
});

function arranger(): RequestContext {
  return { ...admin, em: admin.em.fork() };
}

let people = 0;
function person(hamlet = units.longAnKp1, name?: string): Promise<Citizen> {
  people += 1;
  return registerCitizen(arranger(), hamlet, { fullName: name ?? `Công Dân ${people}`, birthYear: 1985, gender: Gender.MALE });
}

/** A fresh account for the caller; "the citizen" is linked to `subject`, "other citizen" to a profile elsewhere. */
async function tokenOf(caller: Caller, subject: Citizen): Promise<string | undefined> {
  switch (caller) {
    case 'anonymous':
      return undefined;
    case 'the citizen':
    case 'other citizen': {
      const account = await api.account(Role.CITIZEN);
      await linkAccount(api, caller === 'the citizen' ? subject.id : (await person(units.longAnKp2)).id, account.id);
      return account.token;
    }
    case 'staff':
      return (await api.account(Role.INSTITUTION_STAFF, { institutionId: staffInstitutionId })).token;
    case 'assessor of the unit':
      return (await api.account(Role.ASSESSOR, { unitId: units.longAn.id })).token;
    case 'assessor of another unit':
      return (await api.account(Role.ASSESSOR, { unitId: units.tanAn.id })).token;
    case 'province admin':
      return (await api.account(Role.PROVINCE_ADMIN)).token;
  }
}

const PEOPLE_TABLES = ['citizen', 'household', 'household_membership', 'clan', 'clan_membership', 'organisation', 'organisation_membership', 'organisation_mandatory_programme'];

async function fingerprint(): Promise<Record<string, string>> {
  const rows = await api.runtime.orm.em
    .fork()
    .execute<{ name: string; hash: string }[]>(
      PEOPLE_TABLES.map((table) => `select '${table}' as name, count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as hash from "${table}" t`).join(' union all '),
    );
  return Object.fromEntries(rows.map((row) => [row.name, row.hash]));
}

type Outcome = 'allowed' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'PROFILE_EXISTS';

function outcomes(allowed: Caller[], refused: Partial<Record<Caller, Outcome>> = {}): Record<Caller, Outcome> {
  return Object.fromEntries(
    CALLERS.map((caller): [Caller, Outcome] => [caller, caller === 'anonymous' ? 'UNAUTHENTICATED' : allowed.includes(caller) ? 'allowed' : (refused[caller] ?? 'FORBIDDEN')]),
  ) as Record<Caller, Outcome>;
}

const OFFICIALS: Caller[] = ['assessor of the unit', 'province admin'];
const HIDDEN_FROM_OTHERS: Partial<Record<Caller, Outcome>> = { 'other citizen': 'NOT_FOUND', staff: 'NOT_FOUND', 'assessor of another unit': 'NOT_FOUND' };

interface Scenario {
  mutation: string;
  expected: Record<Caller, Outcome>;
  /** Builds the call on rows arranged for it; `subject` is a citizen of Khu phố 1 of Phường Long An. */
  request(subject: Citizen): Promise<{ input: Record<string, unknown>; select: string }>;
}

const unit = (id: string) => gid('AdministrativeUnit', id);
const ERRORS = 'errors { code field message }';

const SCENARIOS: Scenario[] = [
  {
    mutation: 'createMyCitizenProfile',
    expected: outcomes(['staff', 'assessor of the unit', 'assessor of another unit', 'province admin'], { 'the citizen': 'PROFILE_EXISTS', 'other citizen': 'PROFILE_EXISTS' }),
    request: async () => ({
      input: { fullName: 'Tự Đăng Ký', birthYear: 1990, gender: 'FEMALE', nationalId: nationalIdFor(1990, Gender.FEMALE), residenceId: unit(units.longAnKp1.id) },
      select: `citizen { id } ${ERRORS}`,
    }),
  },
  {
    mutation: 'claimCitizenProfile',
    expected: outcomes(['staff', 'assessor of the unit', 'assessor of another unit', 'province admin'], { 'the citizen': 'PROFILE_EXISTS', 'other citizen': 'PROFILE_EXISTS' }),
    request: async () => {
      const nationalId = nationalIdFor(1985, Gender.MALE);
      const unclaimed = await registerCitizen(arranger(), units.longAnKp1, { birthYear: 1985, gender: Gender.MALE, nationalId });
      const ctx = arranger();
      const code = await ctx.em.transactional((tx) => ctx.services.citizens.issueClaimCode({ ...ctx, em: tx }, unclaimed.id));
      return { input: { nationalId, claimCode: code.code }, select: `citizen { id } ${ERRORS}` };
    },
  },
  {
    mutation: 'issueCitizenClaimCode',
    expected: outcomes(OFFICIALS, { 'assessor of another unit': 'NOT_FOUND' }),
    request: async () => ({ input: { citizenId: gid('Citizen', (await person()).id) }, select: `claimCode ${ERRORS}` }),
  },
  {
    mutation: 'registerCitizen',
    expected: outcomes(OFFICIALS),
    request: async () => ({
      input: { fullName: 'Được Đăng Ký', birthYear: 1990, gender: 'MALE', nationalId: nationalIdFor(1990, Gender.MALE), residenceId: unit(units.longAnKp1.id) },
      select: `citizen { id } ${ERRORS}`,
    }),
  },
  {
    mutation: 'updateCitizen',
    expected: outcomes(['the citizen', ...OFFICIALS], HIDDEN_FROM_OTHERS),
    request: async (subject) => ({ input: { id: gid('Citizen', subject.id), phone: '0911222333' }, select: `citizen { phone } ${ERRORS}` }),
  },
  {
    mutation: 'importCitizens',
    expected: outcomes(OFFICIALS),
    request: async () => ({
      input: { unitId: unit(units.longAnKp1.id), csv: `national_id,full_name,birth_year,gender\n${nationalIdFor(1990, Gender.MALE)},Nhập Khẩu,1990,MALE` },
      select: `report { created rejected { reason } } ${ERRORS}`,
    }),
  },
  {
    mutation: 'createHousehold',
    expected: outcomes(OFFICIALS),
    request: async (subject) => ({ input: { hamletId: unit(units.longAnKp1.id), name: 'Hộ mới', headId: gid('Citizen', subject.id) }, select: `household { id } ${ERRORS}` }),
  },
  {
    mutation: 'updateHousehold',
    expected: outcomes(OFFICIALS),
    request: async (subject) => ({ input: { id: gid('Household', (await createHousehold(arranger(), units.longAnKp1, 'Hộ', subject)).id), name: 'Hộ đổi tên' }, select: `household { name } ${ERRORS}` }),
  },
  {
    mutation: 'addHouseholdMember',
    expected: outcomes(OFFICIALS),
    request: async (subject) => {
      const household = await createHousehold(arranger(), units.longAnKp1, 'Hộ', await person());
      return { input: { householdId: gid('Household', household.id), citizenId: gid('Citizen', subject.id) }, select: `household { id } ${ERRORS}` };
    },
  },
  {
    mutation: 'endHouseholdMembership',
    expected: outcomes(OFFICIALS),
    request: async (subject) => {
      const household = await createHousehold(arranger(), units.longAnKp1, 'Hộ', await person(), [subject], '2024-01-01');
      return { input: { householdId: gid('Household', household.id), citizenId: gid('Citizen', subject.id) }, select: `household { id } ${ERRORS}` };
    },
  },
  {
    mutation: 'createClan',
    expected: outcomes(OFFICIALS),
    request: async () => ({ input: { unitId: unit(units.longAn.id), name: 'Họ mới' }, select: `clan { id } ${ERRORS}` }),
  },
  {
    mutation: 'updateClan',
    expected: outcomes(OFFICIALS),
    request: async () => {
      const ctx = arranger();
      const clan = await ctx.em.transactional((tx) => ctx.services.clans.create({ ...ctx, em: tx }, units.longAn.id, { name: 'Họ' }));
      return { input: { id: gid('Clan', clan.id), name: 'Họ đổi tên' }, select: `clan { name } ${ERRORS}` };
    },
  },
  {
    mutation: 'addClanHousehold',
    expected: outcomes(OFFICIALS),
    request: async (subject) => {
      const ctx = arranger();
      const clan = await ctx.em.transactional((tx) => ctx.services.clans.create({ ...ctx, em: tx }, units.longAn.id, { name: 'Họ' }));
      const household = await createHousehold(arranger(), units.longAnKp1, 'Hộ', subject);
      return { input: { clanId: gid('Clan', clan.id), householdId: gid('Household', household.id) }, select: `clan { id } ${ERRORS}` };
    },
  },
  {
    mutation: 'endClanMembership',
    expected: outcomes(OFFICIALS),
    request: async (subject) => {
      const ctx = arranger();
      const household = await createHousehold(arranger(), units.longAnKp1, 'Hộ', subject);
      const clan = await ctx.em.transactional(async (tx) => {
        const tctx = { ...ctx, em: tx };
        const created = await ctx.services.clans.create(tctx, units.longAn.id, { name: 'Họ' });
        await ctx.services.clans.addHousehold(tctx, created.id, household.id, '2024-01-01');
        return created;
      });
      return { input: { clanId: gid('Clan', clan.id), householdId: gid('Household', household.id) }, select: `clan { id } ${ERRORS}` };
    },
  },
  {
    mutation: 'createOrganisation',
    expected: outcomes(OFFICIALS),
    request: async () => ({ input: { unitId: unit(units.longAn.id), name: 'Doanh nghiệp', kind: 'ENTERPRISE' }, select: `organisation { id } ${ERRORS}` }),
  },
  ...(['addOrganisationMember', 'endOrganisationMembership', 'setOrganisationMandatoryProgrammes'] as const).map(
    (mutation): Scenario => ({
      mutation,
      expected: outcomes(OFFICIALS),
      request: async (subject) => {
        const ctx = arranger();
        const organisation = await ctx.em.transactional(async (tx) => {
          const tctx = { ...ctx, em: tx };
          const created = await ctx.services.organisations.create(tctx, units.longAn.id, 'Cơ quan', 'AGENCY' as never);
          if (mutation === 'endOrganisationMembership') await ctx.services.organisations.addMember(tctx, created.id, subject.id, OrganisationRole.STAFF, '2024-01-01');
          return created;
        });
        const organisationId = gid('Organisation', organisation.id);
        const input =
          mutation === 'setOrganisationMandatoryProgrammes'
            ? { organisationId, year: 2025, programmeIds: [gid('Programme', programmeId)] }
            : mutation === 'addOrganisationMember'
              ? { organisationId, citizenId: gid('Citizen', subject.id), role: 'LEARNER' }
              : { organisationId, citizenId: gid('Citizen', subject.id) };
        return { input, select: `organisation { id } ${ERRORS}` };
      },
    }),
  ),
];

function inputType(mutation: string): string {
  return `${mutation[0]?.toUpperCase()}${mutation.slice(1)}Input`;
}

describe('access matrix of the people mutations', () => {
  it('covers every people mutation of the schema', async () => {
    const result = await api.gql<{ __schema: { mutationType: { fields: { name: string }[] } } }>('{ __schema { mutationType { fields { name } } } }');
    const names = result.data?.__schema.mutationType.fields.map((field) => field.name) ?? [];
    for (const scenario of SCENARIOS) expect(names).toContain(scenario.mutation);
    expect(SCENARIOS).toHaveLength(18);
  });

  const cases = SCENARIOS.flatMap((scenario) => CALLERS.map((caller) => ({ mutation: scenario.mutation, caller, outcome: scenario.expected[caller], scenario })));

  it.each(cases)('$mutation by $caller: $outcome', async ({ mutation, caller, outcome, scenario }) => {
    const subject = await person();
    const token = await tokenOf(caller, subject);
    const { input, select } = await scenario.request(subject);
    const before = await fingerprint();
    const result = await api.gql(`mutation($input: ${inputType(mutation)}!) { ${mutation}(input: $input) { ${select} } }`, { input }, { token });
    if (outcome === 'allowed') {
      expect(result.errors).toBeUndefined();
      expect(result.data?.[mutation].errors).toEqual([]);
      if (result.data?.[mutation].report) expect(result.data[mutation].report).toEqual({ created: 1, rejected: [] });
      expect(await fingerprint()).not.toEqual(before);
    } else if (outcome === 'PROFILE_EXISTS') {
      expect(result.data?.[mutation].errors).toEqual([expect.objectContaining({ code: 'PROFILE_EXISTS' })]);
      expect(await fingerprint()).toEqual(before);
    } else {
      expect(result.errors).toEqual([expect.objectContaining({ path: [mutation], extensions: { code: outcome } })]);
      expect(result.data).toBeNull();
      expect(await fingerprint()).toEqual(before);
    }
  });
});

describe('who may read people', () => {
  let subject: Citizen;
  let spouse: Citizen;
  let householdId: string;
  let clanId: string;
  let organisationId: string;
  const tokens = {} as Record<Caller, string | undefined>;

  beforeAll(async () => {
    spouse = await person(units.longAnKp1, 'Vợ Chủ Hộ');
    subject = await person(units.longAnKp1, 'Người Được Xem');
    const household = await createHousehold(arranger(), units.longAnKp1, 'Hộ Được Xem', spouse, [subject]);
    householdId = household.id;
    const ctx = arranger();
    await ctx.em.transactional(async (tx) => {
      const tctx = { ...ctx, em: tx };
      const clan = await ctx.services.clans.create(tctx, units.longAn.id, { name: 'Họ Được Xem', representativeId: spouse.id });
      await ctx.services.clans.addHousehold(tctx, clan.id, household.id, null);
      clanId = clan.id;
      const organisation = await ctx.services.organisations.create(tctx, units.longAn.id, 'Trường Được Xem', 'SCHOOL' as never);
      await ctx.services.organisations.addMember(tctx, organisation.id, subject.id, OrganisationRole.LEARNER, null);
      organisationId = organisation.id;
    });
    for (const caller of CALLERS) tokens[caller] = await tokenOf(caller, subject);
  });

  const READERS: Record<string, Caller[]> = {
    citizen: ['the citizen', 'assessor of the unit', 'province admin'],
    household: ['the citizen', 'assessor of the unit', 'province admin'],
    clan: ['assessor of the unit', 'province admin'],
    organisationMembers: ['assessor of the unit', 'province admin'],
  };

  async function read(caller: Caller, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> {
    const result = await api.gql(query, variables, { token: tokens[caller] });
    expect(result.errors).toBeUndefined();
    return result;
  }

  it.each(CALLERS)('node(id:) of a citizen, with the national ID, by %s', async (caller) => {
    const result = await read(caller, 'query($id: ID!) { node(id: $id) { ... on Citizen { fullName nationalId } } }', { id: gid('Citizen', subject.id) });
    if (READERS.citizen?.includes(caller)) {
      expect(result.data?.node).toEqual({ fullName: 'Người Được Xem', nationalId: api.runtime.services.nationalIds.open(subject.nationalIdSealed as string) });
    } else expect(result.data?.node).toBeNull();
  });

  it.each(CALLERS)('a household, node and query, by %s: members’ names and roles, personal data only of readable members', async (caller) => {
    const query = `query($id: ID!) {
      node(id: $id) { ... on Household { name } }
      household(id: $id) { name headName head { fullName } members { role fullName citizen { fullName nationalId birthYear } } }
    }`;
    const result = await read(caller, query, { id: gid('Household', householdId) });
    if (!READERS.household?.includes(caller)) {
      expect(result.data).toEqual({ node: null, household: null });
      return;
    }
    expect(result.data?.node).toEqual({ name: 'Hộ Được Xem' });
    const members = result.data?.household.members;
    expect(members.map((m: { role: string; fullName: string }) => [m.role, m.fullName])).toEqual([
      ['HEAD', 'Vợ Chủ Hộ'],
      ['MEMBER', 'Người Được Xem'],
    ]);
    const own = members[1].citizen;
    expect(own).toMatchObject({ fullName: 'Người Được Xem', birthYear: 1985 });
    if (caller === 'the citizen') {
      expect(members[0].citizen).toBeNull();
      expect(result.data?.household.head).toBeNull();
    } else {
      expect(members[0].citizen).toMatchObject({ fullName: 'Vợ Chủ Hộ', nationalId: expect.stringMatching(/^\d{12}$/) });
      expect(result.data?.household.head).toEqual({ fullName: 'Vợ Chủ Hộ' });
    }
  });

  it.each(CALLERS)('a clan and the households and citizens nested in it, by %s', async (caller) => {
    const result = await read(caller, 'query($id: ID!) { node(id: $id) { ... on Clan { name representative { fullName } households { household { name members { citizen { fullName } } } } } } }', {
      id: gid('Clan', clanId),
    });
    if (READERS.clan?.includes(caller)) {
      expect(result.data?.node).toMatchObject({ name: 'Họ Được Xem', representative: { fullName: 'Vợ Chủ Hộ' }, households: [{ household: { name: 'Hộ Được Xem' } }] });
    } else expect(result.data?.node).toBeNull();
  });

  it.each(CALLERS)('the memberships connections of a household and a clan, as their lists, by %s', async (caller) => {
    const result = await read(
      caller,
      `query($household: ID!, $clan: ID!) {
        household: node(id: $household) { ... on Household { memberships { totalCount edges { node { role fullName citizen { nationalId } } } } } }
        clan: node(id: $clan) { ... on Clan { memberships { totalCount edges { node { household { name memberships { edges { node { fullName } } } } } } } } }
      }`,
      { household: gid('Household', householdId), clan: gid('Clan', clanId) },
    );
    if (READERS.household?.includes(caller)) {
      const edges = result.data?.household.memberships.edges;
      expect(result.data?.household.memberships.totalCount).toBe(2);
      expect(edges.map((edge: { node: { role: string; fullName: string } }) => [edge.node.role, edge.node.fullName])).toEqual([
        ['HEAD', 'Vợ Chủ Hộ'],
        ['MEMBER', 'Người Được Xem'],
      ]);
      expect(edges[0].node.citizen).toEqual(caller === 'the citizen' ? null : { nationalId: expect.stringMatching(/^\d{12}$/) });
    } else expect(result.data?.household).toBeNull();
    if (READERS.clan?.includes(caller)) {
      expect(result.data?.clan.memberships).toEqual({
        totalCount: 1,
        edges: [{ node: { household: { name: 'Hộ Được Xem', memberships: { edges: [{ node: { fullName: 'Vợ Chủ Hộ' } }, { node: { fullName: 'Người Được Xem' } }] } } } }],
      });
    } else expect(result.data?.clan).toBeNull();
  });

  it.each(CALLERS)('an organisation (public) and its members (officials only), by %s', async (caller) => {
    const result = await read(caller, 'query($id: ID!) { node(id: $id) { ... on Organisation { name members { edges { node { fullName citizen { nationalId } } } } } } }', {
      id: gid('Organisation', organisationId),
    });
    expect(result.data?.node.name).toBe('Trường Được Xem');
    if (READERS.organisationMembers?.includes(caller)) {
      expect(result.data?.node.members.edges).toEqual([{ node: { fullName: 'Người Được Xem', citizen: { nationalId: expect.stringMatching(/^\d{12}$/) } } }]);
    } else expect(result.data?.node.members).toBeNull();
  });

  it('lets a citizen reach nobody else’s personal data through their own profile’s nested fields', async () => {
    const result = await read(
      'the citizen',
      `{ myCitizenProfile { fullName nationalId household { members { fullName citizen { nationalId } } memberships { edges { node { fullName citizen { nationalId } } } } } organisations { organisation { name members { totalCount } } } } }`,
    );
    const members = [{ fullName: 'Vợ Chủ Hộ', citizen: null }, { fullName: 'Người Được Xem', citizen: { nationalId: expect.stringMatching(/^\d{12}$/) } }];
    expect(result.data?.myCitizenProfile).toEqual({
      fullName: 'Người Được Xem',
      nationalId: expect.stringMatching(/^\d{12}$/),
      household: { members, memberships: { edges: members.map((node) => ({ node })) } },
      organisations: [{ organisation: { name: 'Trường Được Xem', members: null } }],
    });
  });

  it('gives another citizen no way in: nodes(ids:) of the citizen, household and clan are null', async () => {
    const result = await read('other citizen', 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: [gid('Citizen', subject.id), gid('Citizen', spouse.id), gid('Household', householdId), gid('Clan', clanId)],
    });
    expect(result.data?.nodes).toEqual([null, null, null, null]);
  });

  it.each(CALLERS)('lists of citizens, households and clans by %s', async (caller) => {
    for (const list of ['citizens', 'households', 'clans']) {
      const result = await api.gql(`{ ${list} { totalCount } }`, {}, { token: tokens[caller] });
      if (caller === 'assessor of another unit') expect(result.data?.[list].totalCount).toBe(0);
      else if (OFFICIALS.includes(caller)) expect(result.data?.[list].totalCount).toBeGreaterThan(0);
      else expect(result.errors).toEqual([expect.objectContaining({ path: [list], extensions: { code: caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN' } })]);
    }
  });
});
