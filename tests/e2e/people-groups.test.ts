import { Role } from '../../src/core/roles';
import type { RequestContext } from '../../src/core/context';
import type { Citizen } from '../../src/people/citizens/citizen.entity';
import { Gender } from '../../src/people/people.enums';
import { createInstitution, createProgramme, gid } from '../helpers/catalogue-fixtures';
import { createHousehold, registerCitizen, seedPeopleUnits, type PeopleFixture } from '../helpers/people-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let admin: RequestContext;
let units: PeopleFixture;
let assessor: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.adminContext();
  units = await seedPeopleUnits(admin);
  assessor = (await api.account(Role.ASSESSOR, { unitId: units.longAn.id })).token;
});

afterAll(async () => {
  await api.close();
});

const MEMBERS = 'members(validOn: $day) { role roleLabel fullName validFrom validTo citizen { id } }';
const HOUSEHOLD = `query($id: ID!, $day: Date) { household(id: $id) { id name headName hamlet { id } ${MEMBERS} } }`;
const ADD = 'mutation($input: AddHouseholdMemberInput!) { addHouseholdMember(input: $input) { household { id } errors { field code message } } }';
const END = 'mutation($input: EndHouseholdMembershipInput!) { endHouseholdMembership(input: $input) { household { id } errors { field code message } } }';
const UPDATE = 'mutation($input: UpdateHouseholdInput!) { updateHousehold(input: $input) { household { id name headName } errors { field code message } } }';

function person(name: string, hamlet = units.longAnKp1, gender = Gender.MALE): Promise<Citizen> {
  return registerCitizen(admin, hamlet, { fullName: name, gender, birthYear: 1980 });
}

async function household(id: string, day: string | null = null) {
  const result = await api.gql(HOUSEHOLD, { id: gid('Household', id), day }, { token: assessor });
  expect(result.errors).toBeUndefined();
  return result.data?.household;
}

function add(householdId: string, citizenId: string, validFrom?: string) {
  return api.gql(ADD, { input: { householdId: gid('Household', householdId), citizenId: gid('Citizen', citizenId), validFrom } }, { token: assessor });
}

describe('households', () => {
  it('creates a household through the API with its head as first member', async () => {
    const head = await person('Hộ Trưởng Một');
    const result = await api.gql(
      'mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id name headName members { role fullName validFrom } } errors { code } } }',
      { input: { hamletId: gid('AdministrativeUnit', units.longAnKp1.id), name: 'Hộ ông Một', headId: gid('Citizen', head.id), validFrom: '2024-02-01' } },
      { token: assessor },
    );
    expect(result.data?.createHousehold).toEqual({
      errors: [],
      household: { id: expect.any(String), name: 'Hộ ông Một', headName: 'Hộ Trưởng Một', members: [{ role: 'HEAD', fullName: 'Hộ Trưởng Một', validFrom: '2024-02-01' }] },
    });
  });

  it('refuses a commune as a household’s address', async () => {
    const head = await person('Hộ Trưởng Xã');
    const result = await api.gql(
      'mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id } errors { code field } } }',
      { input: { hamletId: gid('AdministrativeUnit', units.longAn.id), name: 'Hộ', headId: gid('Citizen', head.id) } },
      { token: assessor },
    );
    expect(result.data?.createHousehold.errors).toEqual([{ code: 'NOT_A_HAMLET', field: ['input', 'hamletId'] }]);
  });

  it('moves a citizen: the old membership ends the day before, the new one starts, history stays and the residence follows', async () => {
    const headA = await person('Chủ Hộ A');
    const headB = await person('Chủ Hộ B', units.longAnKp2);
    const mover = await person('Người Chuyển');
    const a = await createHousehold(admin, units.longAnKp1, 'Hộ A', headA, [mover], '2023-01-01');
    const b = await createHousehold(admin, units.longAnKp2, 'Hộ B', headB, [], '2023-01-01');
    const moved = await add(b.id, mover.id, '2024-07-01');
    expect(moved.data?.addHouseholdMember.errors).toEqual([]);

    expect((await household(a.id, '2024-06-30')).members.map((m: { fullName: string }) => m.fullName)).toEqual(['Chủ Hộ A', 'Người Chuyển']);
    expect((await household(a.id)).members.map((m: { fullName: string }) => m.fullName)).toEqual(['Chủ Hộ A']);
    expect((await household(b.id, '2024-12-31')).members).toEqual([
      { role: 'HEAD', roleLabel: 'Chủ hộ', fullName: 'Chủ Hộ B', validFrom: '2023-01-01', validTo: null, citizen: { id: gid('Citizen', headB.id) } },
      { role: 'MEMBER', roleLabel: 'Thành viên', fullName: 'Người Chuyển', validFrom: '2024-07-01', validTo: null, citizen: { id: gid('Citizen', mover.id) } },
    ]);
    const history = await api.runtime.orm.em.fork().execute('select household_id, valid_from::text, valid_to::text from household_membership where citizen_id = ? order by valid_from', [mover.id]);
    expect(history).toEqual([
      { household_id: a.id, valid_from: '2023-01-01', valid_to: '2024-06-30' },
      { household_id: b.id, valid_from: '2024-07-01', valid_to: null },
    ]);
    const citizen = await api.gql(
      'query($id: ID!) { node(id: $id) { ... on Citizen { residence { id } before: household(validOn: "2023-12-31") { name } now: household { name } } } }',
      { id: gid('Citizen', mover.id) },
      { token: assessor },
    );
    expect(citizen.data?.node).toEqual({ residence: { id: gid('AdministrativeUnit', units.longAnKp2.id) }, before: { name: 'Hộ A' }, now: { name: 'Hộ B' } });
  });

  it('keeps the head a current member: the head can neither move out nor leave, and only a member becomes head', async () => {
    const head = await person('Chủ Hộ Ở Lại');
    const member = await person('Thành Viên');
    const outsider = await person('Người Ngoài');
    const home = await createHousehold(admin, units.longAnKp1, 'Hộ Ở Lại', head, [member]);
    const other = await createHousehold(admin, units.longAnKp1, 'Hộ Khác', outsider);
    expect((await add(other.id, head.id)).data?.addHouseholdMember.errors).toEqual([expect.objectContaining({ code: 'HEAD_CANNOT_LEAVE' })]);
    const leave = await api.gql(END, { input: { householdId: gid('Household', home.id), citizenId: gid('Citizen', head.id) } }, { token: assessor });
    expect(leave.data?.endHouseholdMembership.errors).toEqual([expect.objectContaining({ code: 'HEAD_CANNOT_LEAVE' })]);
    const notMember = await api.gql(UPDATE, { input: { id: gid('Household', home.id), headId: gid('Citizen', outsider.id) } }, { token: assessor });
    expect(notMember.data?.updateHousehold.errors).toEqual([expect.objectContaining({ code: 'NOT_A_MEMBER', field: ['input', 'citizenId'] })]);
    const newHead = await api.gql(UPDATE, { input: { id: gid('Household', home.id), headId: gid('Citizen', member.id), name: 'Hộ Mới' } }, { token: assessor });
    expect(newHead.data?.updateHousehold).toEqual({ errors: [], household: { id: gid('Household', home.id), name: 'Hộ Mới', headName: 'Thành Viên' } });
    const nowLeaves = await api.gql(END, { input: { householdId: gid('Household', home.id), citizenId: gid('Citizen', head.id), validTo: '2025-01-31' } }, { token: assessor });
    expect(nowLeaves.data?.endHouseholdMembership.errors).toEqual([]);
    expect((await household(home.id)).members.map((m: { role: string; fullName: string }) => [m.role, m.fullName])).toEqual([['HEAD', 'Thành Viên']]);
  });

  it('refuses overlapping memberships of the same pair, a second join, an end before the start and a date in the future', async () => {
    const head = await person('Chủ Hộ Chồng Lấn');
    const member = await person('Người Quay Lại');
    const home = await createHousehold(admin, units.longAnKp1, 'Hộ Chồng Lấn', head, [member], '2024-01-01');
    expect((await add(home.id, member.id)).data?.addHouseholdMember.errors).toEqual([expect.objectContaining({ code: 'ALREADY_MEMBER' })]);
    const badEnd = await api.gql(END, { input: { householdId: gid('Household', home.id), citizenId: gid('Citizen', member.id), validTo: '2023-12-31' } }, { token: assessor });
    expect(badEnd.data?.endHouseholdMembership.errors).toEqual([expect.objectContaining({ code: 'INVALID_PERIOD', field: ['input', 'validTo'] })]);
    await api.gql(END, { input: { householdId: gid('Household', home.id), citizenId: gid('Citizen', member.id), validTo: '2024-06-30' } }, { token: assessor });
    expect((await add(home.id, member.id, '2024-05-01')).data?.addHouseholdMember.errors).toEqual([expect.objectContaining({ code: 'OVERLAPPING_MEMBERSHIP' })]);
    expect((await add(home.id, member.id, '2999-01-01')).data?.addHouseholdMember.errors).toEqual([expect.objectContaining({ code: 'FUTURE_DATE' })]);
    expect((await add(home.id, member.id, '2024-07-01')).data?.addHouseholdMember.errors).toEqual([]);
  });

  it('lists the households of the assessor’s area by name', async () => {
    const tanAnHead = await person('Chủ Hộ Tân An', units.tanAnKp1);
    await createHousehold(admin, units.tanAnKp1, 'Hộ Tân An', tanAnHead);
    const list = await api.gql('{ households(first: 100) { totalCount edges { node { name } } } }', {}, { token: assessor });
    const names = list.data?.households.edges.map((edge: { node: { name: string } }) => edge.node.name);
    expect(names).not.toContain('Hộ Tân An');
    expect(names).toContain('Hộ A');
    expect(names).toEqual([...names].sort((x: string, y: string) => x.localeCompare(y, 'vi')));
    const adminToken = (await api.account(Role.PROVINCE_ADMIN)).token;
    const all = await api.gql('{ households(first: 100) { totalCount } }', {}, { token: adminToken });
    expect(all.data?.households.totalCount).toBe(list.data?.households.totalCount + 1);
  });
});

describe('clans', () => {
  const CLAN = 'clan { id name representative { fullName } households(validOn: $day) { validFrom validTo household { name } } }';

  it('records member households over time and a representative; counts those valid on 31 December', async () => {
    const rep = await person('Trưởng Họ');
    const first = await createHousehold(admin, units.longAnKp1, 'Hộ Họ Một', rep);
    const second = await createHousehold(admin, units.longAnKp2, 'Hộ Họ Hai', await person('Chủ Hộ Họ Hai', units.longAnKp2));
    const created = await api.gql(
      `mutation($input: CreateClanInput!, $day: Date) { createClan(input: $input) { ${CLAN} errors { code } } }`,
      { input: { unitId: gid('AdministrativeUnit', units.longAn.id), name: 'Họ Phạm', representativeId: gid('Citizen', rep.id) }, day: null },
      { token: assessor },
    );
    const clanId = created.data?.createClan.clan.id;
    expect(created.data?.createClan).toMatchObject({ errors: [], clan: { name: 'Họ Phạm', representative: { fullName: 'Trưởng Họ' }, households: [] } });
    const join = (householdId: string, validFrom: string) =>
      api.gql('mutation($input: AddClanHouseholdInput!) { addClanHousehold(input: $input) { errors { code } } }', { input: { clanId, householdId: gid('Household', householdId), validFrom } }, { token: assessor });
    expect((await join(first.id, '2023-01-01')).data?.addClanHousehold.errors).toEqual([]);
    expect((await join(second.id, '2024-03-01')).data?.addClanHousehold.errors).toEqual([]);
    expect((await join(second.id, '2024-05-01')).data?.addClanHousehold.errors).toEqual([{ code: 'OVERLAPPING_MEMBERSHIP' }]);
    const leave = await api.gql(
      'mutation($input: EndClanMembershipInput!) { endClanMembership(input: $input) { errors { code } } }',
      { input: { clanId, householdId: gid('Household', first.id), validTo: '2024-12-30' } },
      { token: assessor },
    );
    expect(leave.data?.endClanMembership.errors).toEqual([]);
    const view = async (day: string) => {
      const result = await api.gql(`query($id: ID!, $day: Date) { node(id: $id) { ... on Clan { households(validOn: $day) { household { name } } } } }`, { id: clanId, day }, { token: assessor });
      return result.data?.node.households.map((entry: { household: { name: string } }) => entry.household.name);
    };
    expect(await view('2023-12-31')).toEqual(['Hộ Họ Một']);
    expect(await view('2024-12-31')).toEqual(['Hộ Họ Hai']);
    const update = await api.gql(
      'mutation($input: UpdateClanInput!) { updateClan(input: $input) { clan { name representative { id } } errors { code } } }',
      { input: { id: clanId, name: 'Họ Phạm Văn', representativeId: null } },
      { token: assessor },
    );
    expect(update.data?.updateClan).toEqual({ errors: [], clan: { name: 'Họ Phạm Văn', representative: null } });
    const list = await api.gql('{ clans { edges { node { name } } } }', {}, { token: assessor });
    expect(list.data?.clans.edges).toEqual([{ node: { name: 'Họ Phạm Văn' } }]);
  });

  it('refuses a household outside the assessor’s area', async () => {
    const clan = await api.gql('mutation($input: CreateClanInput!) { createClan(input: $input) { clan { id } } }', { input: { unitId: gid('AdministrativeUnit', units.longAn.id), name: 'Họ Xa' } }, { token: assessor });
    const far = await createHousehold(admin, units.tanAnKp1, 'Hộ Xa', await person('Chủ Hộ Xa', units.tanAnKp1));
    const result = await api.gql(
      'mutation($input: AddClanHouseholdInput!) { addClanHousehold(input: $input) { errors { code } } }',
      { input: { clanId: clan.data?.createClan.clan.id, householdId: gid('Household', far.id) } },
      { token: assessor },
    );
    expect(result.data?.addClanHousehold.errors).toEqual([{ code: 'UNKNOWN_HOUSEHOLD' }]);
  });
});

describe('organisations', () => {
  it('records staff and learners over time, a change of role keeping history, and mandatory programmes per year', async () => {
    const created = await api.gql(
      'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id name kind kindLabel unit { id } } errors { code } } }',
      { input: { unitId: gid('AdministrativeUnit', units.longAn.id), name: 'Hợp tác xã Thanh Long', kind: 'COOPERATIVE' } },
      { token: assessor },
    );
    const organisation = created.data?.createOrganisation.organisation;
    expect(organisation).toMatchObject({ kind: 'COOPERATIVE', kindLabel: 'Hợp tác xã', unit: { id: gid('AdministrativeUnit', units.longAn.id) } });
    const worker = await person('Xã Viên');
    const learner = await person('Học Viên', units.longAnKp2, Gender.FEMALE);
    const addMember = (citizen: Citizen, role: string, validFrom: string) =>
      api.gql(
        'mutation($input: AddOrganisationMemberInput!) { addOrganisationMember(input: $input) { errors { code } } }',
        { input: { organisationId: organisation.id, citizenId: gid('Citizen', citizen.id), role, validFrom } },
        { token: assessor },
      );
    expect((await addMember(learner, 'LEARNER', '2023-09-01')).data?.addOrganisationMember.errors).toEqual([]);
    expect((await addMember(worker, 'LEARNER', '2022-01-01')).data?.addOrganisationMember.errors).toEqual([]);
    expect((await addMember(worker, 'STAFF', '2024-04-01')).data?.addOrganisationMember.errors).toEqual([]);
    expect((await addMember(worker, 'STAFF', '2024-05-01')).data?.addOrganisationMember.errors).toEqual([{ code: 'ALREADY_MEMBER' }]);

    const MEMBERS_QUERY = 'query($id: ID!, $day: Date, $role: OrganisationRole) { node(id: $id) { ... on Organisation { members(validOn: $day, role: $role) { totalCount edges { node { fullName role roleLabel validFrom validTo citizen { id } } } } } } }';
    const members = async (day: string, role: string | null = null) => (await api.gql(MEMBERS_QUERY, { id: organisation.id, day, role }, { token: assessor })).data?.node.members;
    expect((await members('2023-12-31')).edges.map((e: { node: { fullName: string; role: string } }) => [e.node.fullName, e.node.role])).toEqual([
      ['Học Viên', 'LEARNER'],
      ['Xã Viên', 'LEARNER'],
    ]);
    expect((await members('2024-12-31', 'STAFF')).edges).toEqual([
      { node: { fullName: 'Xã Viên', role: 'STAFF', roleLabel: 'Cán bộ, người lao động', validFrom: '2024-04-01', validTo: null, citizen: { id: gid('Citizen', worker.id) } } },
    ]);
    const citizenView = await api.gql(
      'query($id: ID!) { node(id: $id) { ... on Citizen { past: organisations(validOn: "2023-06-01") { role validTo organisation { name } } now: organisations { role roleLabel organisation { name } } } } }',
      { id: gid('Citizen', worker.id) },
      { token: assessor },
    );
    expect(citizenView.data?.node).toEqual({
      past: [{ role: 'LEARNER', validTo: '2024-03-31', organisation: { name: 'Hợp tác xã Thanh Long' } }],
      now: [{ role: 'STAFF', roleLabel: 'Cán bộ, người lao động', organisation: { name: 'Hợp tác xã Thanh Long' } }],
    });
    const ended = await api.gql(
      'mutation($input: EndOrganisationMembershipInput!) { endOrganisationMembership(input: $input) { errors { code } } }',
      { input: { organisationId: organisation.id, citizenId: gid('Citizen', learner.id), validTo: '2024-06-30' } },
      { token: assessor },
    );
    expect(ended.data?.endOrganisationMembership.errors).toEqual([]);
    expect((await members('2024-12-31')).totalCount).toBe(1);

    const library = await createInstitution(admin, units.longAn, 'Thư viện HTX');
    const p1 = await createProgramme(admin, library, 'Kỹ thuật trồng thanh long');
    const p2 = await createProgramme(admin, library, 'An toàn lao động');
    const draft = await createProgramme(admin, library, 'Bản nháp', { publish: false });
    const SET = 'mutation($input: SetOrganisationMandatoryProgrammesInput!) { setOrganisationMandatoryProgrammes(input: $input) { errors { code } } }';
    const set = (year: number, ids: string[]) => api.gql(SET, { input: { organisationId: organisation.id, year, programmeIds: ids.map((id) => gid('Programme', id)) } }, { token: assessor });
    expect((await set(2025, [p1.id, p2.id, draft.id])).data?.setOrganisationMandatoryProgrammes.errors).toEqual([]);
    expect((await set(2026, [p2.id])).data?.setOrganisationMandatoryProgrammes.errors).toEqual([]);
    expect((await set(2025, [p1.id, draft.id])).data?.setOrganisationMandatoryProgrammes.errors).toEqual([]);
    expect((await set(2025, ['00000000-0000-4000-8000-000000000000'])).data?.setOrganisationMandatoryProgrammes.errors).toEqual([{ code: 'UNKNOWN_PROGRAMME' }]);
    const mandatory = await api.gql(
      'query($id: ID!) { node(id: $id) { ... on Organisation { y2025: mandatoryProgrammes(year: 2025) { title } y2026: mandatoryProgrammes(year: 2026) { title } } } }',
      { id: organisation.id },
    );
    expect(mandatory.data?.node.y2025.map((p: { title: string }) => p.title)).toEqual(['Kỹ thuật trồng thanh long']);
    expect(mandatory.data?.node.y2026).toEqual([{ title: 'An toàn lao động' }]);

    const publicList = await api.gql('query($kinds: [OrganisationKind!]) { organisations(filter: { kinds: $kinds }) { edges { node { name members { totalCount } } } } }', { kinds: ['COOPERATIVE'] });
    expect(publicList.data?.organisations.edges).toEqual([{ node: { name: 'Hợp tác xã Thanh Long', members: null } }]);
  });
});
