import { Role } from '../../src/core/roles';
import type { RequestContext } from '../../src/core/context';
import { Gender } from '../../src/people/people.enums';
import { gid } from '../helpers/catalogue-fixtures';
import { linkAccount, nationalIdFor, registerCitizen, seedPeopleUnits, type PeopleFixture } from '../helpers/people-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let admin: RequestContext;
let units: PeopleFixture;
let assessor: string;
let otherAssessor: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.adminContext();
  units = await seedPeopleUnits(admin);
  assessor = (await api.account(Role.ASSESSOR, { unitId: units.longAn.id })).token;
  otherAssessor = (await api.account(Role.ASSESSOR, { unitId: units.tanAn.id })).token;
});

afterAll(async () => {
  await api.close();
});

const PROFILE = 'id fullName birthYear gender genderLabel nationalId phone residence { id name }';
const CREATE_MINE = `mutation($input: CreateMyCitizenProfileInput!) { createMyCitizenProfile(input: $input) { citizen { ${PROFILE} } errors { field code message } } }`;
const REGISTER = `mutation($input: RegisterCitizenInput!) { registerCitizen(input: $input) { citizen { ${PROFILE} } errors { field code message } } }`;
const UPDATE = `mutation($input: UpdateCitizenInput!) { updateCitizen(input: $input) { citizen { ${PROFILE} occupationalGroup } errors { field code message } } }`;

function signUpInput(overrides: Record<string, unknown> = {}) {
  return { fullName: 'Lê Thị Ngọc', birthYear: 1992, gender: 'FEMALE', nationalId: nationalIdFor(1992, Gender.FEMALE), residenceId: gid('AdministrativeUnit', units.longAnKp1.id), ...overrides };
}

async function citizenCount(): Promise<number> {
  const [row] = await api.runtime.orm.em.fork().execute<{ count: string }[]>('select count(*) from citizen');
  return Number(row?.count);
}

describe('self sign-up', () => {
  it('creates the signed-in account’s own profile, which myCitizenProfile then returns with the national ID', async () => {
    const account = await api.account(Role.CITIZEN);
    const input = signUpInput();
    const spaced = `${input.nationalId.slice(0, 3)} ${input.nationalId.slice(3, 6)} ${input.nationalId.slice(6)}`;
    const created = await api.gql(CREATE_MINE, { input: { ...input, nationalId: spaced, phone: '+84 912 000 111' } }, { token: account.token });
    expect(created.data?.createMyCitizenProfile.errors).toEqual([]);
    expect(created.data?.createMyCitizenProfile.citizen).toMatchObject({ fullName: 'Lê Thị Ngọc', nationalId: input.nationalId, phone: '0912000111', genderLabel: 'Nữ', residence: { name: 'Khu phố KP1' } });
    const mine = await api.gql(`{ myCitizenProfile { ${PROFILE} } }`, {}, { token: account.token });
    expect(mine.data?.myCitizenProfile).toEqual(created.data?.createMyCitizenProfile.citizen);
    const stored = await api.runtime.orm.em.fork().execute('select national_id_digest, national_id_sealed from citizen where account_id = ?', [account.id]);
    expect(JSON.stringify(stored)).not.toContain(input.nationalId);
  });

  it('allows one profile per account', async () => {
    const account = await api.account(Role.CITIZEN);
    await api.gql(CREATE_MINE, { input: signUpInput() }, { token: account.token });
    const second = await api.gql(CREATE_MINE, { input: signUpInput() }, { token: account.token });
    expect(second.data?.createMyCitizenProfile).toEqual({ citizen: null, errors: [expect.objectContaining({ code: 'PROFILE_EXISTS' })] });
  });

  it('answers null for myCitizenProfile without a profile or without signing in', async () => {
    const account = await api.account(Role.CITIZEN);
    expect((await api.gql('{ myCitizenProfile { id } }', {}, { token: account.token })).data?.myCitizenProfile).toBeNull();
    expect((await api.gql('{ myCitizenProfile { id } }')).data?.myCitizenProfile).toBeNull();
  });

  it.each([
    ['a number of 11 digits', { nationalId: '08019200123' }, 'NATIONAL_ID_FORMAT', 'nationalId'],
    ['an unknown province code', { nationalId: '999192001234' }, 'NATIONAL_ID_PROVINCE_CODE', 'nationalId'],
    ['a number of another birth year', { nationalId: '080193001234' }, 'NATIONAL_ID_BIRTH_YEAR_MISMATCH', 'nationalId'],
    ['a number of a man for a woman', { nationalId: '080092001234' }, 'NATIONAL_ID_GENDER_MISMATCH', 'nationalId'],
    ['no national ID', { nationalId: ' ' }, 'REQUIRED', 'nationalId'],
    ['a birth year in the future', { birthYear: 2999 }, 'INVALID_BIRTH_YEAR', 'birthYear'],
    ['a phone that is not a mobile number', { phone: '12345' }, 'INVALID_PHONE', 'phone'],
    ['a province as residence', { residenceId: 'province' }, 'NOT_A_RESIDENCE', 'residenceId'],
  ])('refuses %s', async (_case, overrides, code, field) => {
    const account = await api.account(Role.CITIZEN);
    const input = signUpInput(overrides);
    if (input.residenceId === 'province') input.residenceId = gid('AdministrativeUnit', units.province.id);
    const before = await citizenCount();
    const result = await api.gql(CREATE_MINE, { input }, { token: account.token });
    expect(result.data?.createMyCitizenProfile).toEqual({ citizen: null, errors: [expect.objectContaining({ code, field: ['input', field] })] });
    expect(await citizenCount()).toBe(before);
  });
});

describe('national ID numbers are unique across the province', () => {
  it('refuses a second registration of the same number with NATIONAL_ID_TAKEN, in another commune too, without naming the holder', async () => {
    const nationalId = nationalIdFor(1980, Gender.MALE);
    await registerCitizen(admin, units.longAnKp1, { fullName: 'Phan Văn Holder', birthYear: 1980, gender: Gender.MALE, nationalId });
    const again = await api.gql(
      REGISTER,
      { input: { fullName: 'Người Khác', birthYear: 1980, gender: 'MALE', nationalId, residenceId: gid('AdministrativeUnit', units.tanAnKp1.id) } },
      { token: otherAssessor },
    );
    const errors = again.data?.registerCitizen.errors;
    expect(errors).toEqual([expect.objectContaining({ code: 'NATIONAL_ID_TAKEN', field: ['input', 'nationalId'] })]);
    expect(JSON.stringify(errors)).not.toMatch(/Holder|Long An|KP1/);
    const account = await api.account(Role.CITIZEN);
    const selfSignUp = await api.gql(CREATE_MINE, { input: signUpInput({ birthYear: 1980, gender: 'MALE', nationalId }) }, { token: account.token });
    expect(selfSignUp.data?.createMyCitizenProfile.errors).toEqual([expect.objectContaining({ code: 'NATIONAL_ID_TAKEN' })]);
  });

  it('lets exactly one of two concurrent registrations of the same number win', async () => {
    const nationalId = nationalIdFor(1970, Gender.FEMALE);
    const input = (name: string) => ({ input: { fullName: name, birthYear: 1970, gender: 'FEMALE', nationalId, residenceId: gid('AdministrativeUnit', units.longAnKp2.id) } });
    const results = await Promise.all([api.gql(REGISTER, input('Bà Một'), { token: assessor }), api.gql(REGISTER, input('Bà Hai'), { token: assessor })]);
    const payloads = results.map((result) => result.data?.registerCitizen);
    expect(payloads.filter((payload) => payload.citizen !== null)).toHaveLength(1);
    expect(payloads.filter((payload) => payload.citizen === null).map((payload) => payload.errors[0].code)).toEqual(['NATIONAL_ID_TAKEN']);
    const digest = api.runtime.services.nationalIds.digest(nationalId);
    const rows = await api.runtime.orm.em.fork().execute('select full_name from citizen where national_id_digest = ?', [digest]);
    expect(rows).toHaveLength(1);
  });

  it('lets the holder keep their own number when other fields change', async () => {
    const citizen = await registerCitizen(admin, units.longAnKp1, { birthYear: 1991, gender: Gender.MALE });
    const nationalId = api.runtime.services.nationalIds.open(citizen.nationalIdSealed as string);
    const result = await api.gql(UPDATE, { input: { id: gid('Citizen', citizen.id), nationalId, fullName: 'Tên Mới' } }, { token: assessor });
    expect(result.data?.updateCitizen).toMatchObject({ errors: [], citizen: { fullName: 'Tên Mới', nationalId } });
  });
});

describe('claiming a profile an assessor registered', () => {
  const ISSUE = 'mutation($input: IssueCitizenClaimCodeInput!) { issueCitizenClaimCode(input: $input) { claimCode expiresAt errors { code } } }';
  const CLAIM = `mutation($input: ClaimCitizenProfileInput!) { claimCitizenProfile(input: $input) { citizen { ${PROFILE} } errors { field code message } } }`;

  it('links the profile to the account that gives the national ID and the one-time code, once', async () => {
    const nationalId = nationalIdFor(1965, Gender.MALE);
    const citizen = await registerCitizen(admin, units.longAnKp1, { fullName: 'Đỗ Văn Claim', birthYear: 1965, gender: Gender.MALE, nationalId });
    const issued = await api.gql(ISSUE, { input: { citizenId: gid('Citizen', citizen.id) } }, { token: assessor });
    const code: string = issued.data?.issueCitizenClaimCode.claimCode;
    expect(code).toMatch(/^[A-Z2-9]{10}$/);
    expect(new Date(issued.data?.issueCitizenClaimCode.expiresAt).getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);

    const stranger = await api.account(Role.CITIZEN);
    const wrongNumber = await api.gql(CLAIM, { input: { nationalId: nationalIdFor(1965, Gender.MALE), claimCode: code } }, { token: stranger.token });
    const wrongCode = await api.gql(CLAIM, { input: { nationalId, claimCode: 'AAAAAAAAAA' } }, { token: stranger.token });
    for (const result of [wrongNumber, wrongCode]) expect(result.data?.claimCitizenProfile.errors).toEqual([expect.objectContaining({ code: 'INVALID_CLAIM' })]);

    const owner = await api.account(Role.CITIZEN);
    const claimed = await api.gql(CLAIM, { input: { nationalId, claimCode: code.toLowerCase() } }, { token: owner.token });
    expect(claimed.data?.claimCitizenProfile).toMatchObject({ errors: [], citizen: { id: gid('Citizen', citizen.id), nationalId } });
    expect((await api.gql('{ myCitizenProfile { id } }', {}, { token: owner.token })).data?.myCitizenProfile.id).toBe(gid('Citizen', citizen.id));

    const replay = await api.gql(CLAIM, { input: { nationalId, claimCode: code } }, { token: stranger.token });
    expect(replay.data?.claimCitizenProfile.errors).toEqual([expect.objectContaining({ code: 'INVALID_CLAIM' })]);
    const reissue = await api.gql(ISSUE, { input: { citizenId: gid('Citizen', citizen.id) } }, { token: assessor });
    expect(reissue.data?.issueCitizenClaimCode.errors).toEqual([{ code: 'ALREADY_CLAIMED' }]);
  });

  it('refuses an expired code', async () => {
    const nationalId = nationalIdFor(1966, Gender.MALE);
    const citizen = await registerCitizen(admin, units.longAnKp1, { birthYear: 1966, gender: Gender.MALE, nationalId });
    const code = (await api.gql(ISSUE, { input: { citizenId: gid('Citizen', citizen.id) } }, { token: assessor })).data?.issueCitizenClaimCode.claimCode;
    await api.runtime.orm.em.fork().execute(`update citizen set claim_code_expires_at = now() - interval '1 minute' where id = ?`, [citizen.id]);
    const owner = await api.account(Role.CITIZEN);
    const result = await api.gql(CLAIM, { input: { nationalId, claimCode: code } }, { token: owner.token });
    expect(result.data?.claimCitizenProfile.errors).toEqual([expect.objectContaining({ code: 'INVALID_CLAIM' })]);
  });
});

describe('changing a profile', () => {
  it('lets the citizen change contact, residence and reporting fields, but not identity fields', async () => {
    const citizen = await registerCitizen(admin, units.longAnKp1, { fullName: 'Hồ Thị Tự Sửa' });
    const account = await api.account(Role.CITIZEN);
    await linkAccount(api, citizen.id, account.id);
    const own = await api.gql(
      UPDATE,
      { input: { id: gid('Citizen', citizen.id), phone: '0987654321', occupationalGroup: 'FARMER', residenceId: gid('AdministrativeUnit', units.longAnKp2.id) } },
      { token: account.token },
    );
    expect(own.data?.updateCitizen).toMatchObject({ errors: [], citizen: { phone: '0987654321', occupationalGroup: 'FARMER', residence: { id: gid('AdministrativeUnit', units.longAnKp2.id) } } });
    const identity = await api.gql(UPDATE, { input: { id: gid('Citizen', citizen.id), fullName: 'Tên Khác' } }, { token: account.token });
    expect(identity.data?.updateCitizen).toEqual({ citizen: null, errors: [expect.objectContaining({ code: 'IDENTITY_FIELD', field: ['input', 'fullName'] })] });
  });

  it('lets an assessor of the unit change identity fields, checked against the national ID', async () => {
    const citizen = await registerCitizen(admin, units.longAnKp1, { birthYear: 1990, gender: Gender.FEMALE });
    const wrongYear = await api.gql(UPDATE, { input: { id: gid('Citizen', citizen.id), birthYear: 1991 } }, { token: assessor });
    expect(wrongYear.data?.updateCitizen.errors).toEqual([expect.objectContaining({ code: 'NATIONAL_ID_BIRTH_YEAR_MISMATCH', field: ['input', 'birthYear'] })]);
    const renamed = await api.gql(UPDATE, { input: { id: gid('Citizen', citizen.id), fullName: '  Trương   Thị  Mới ' } }, { token: assessor });
    expect(renamed.data?.updateCitizen.citizen.fullName).toBe('Trương Thị Mới');
  });

  it('refuses an assessor moving a citizen out of their area', async () => {
    const citizen = await registerCitizen(admin, units.longAnKp1);
    const result = await api.gql(UPDATE, { input: { id: gid('Citizen', citizen.id), residenceId: gid('AdministrativeUnit', units.tanAnKp1.id) } }, { token: assessor });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('listing citizens', () => {
  const LIST = 'query($filter: CitizenFilter, $first: Int, $after: String) { citizens(filter: $filter, first: $first, after: $after) { totalCount edges { node { id fullName } } pageInfo { hasNextPage endCursor } } }';
  let api2: TestApi;
  let ctx: RequestContext;
  let units2: PeopleFixture;
  const numbers: Record<string, string> = {};

  beforeAll(async () => {
    api2 = await startTestApi();
    ctx = await api2.adminContext();
    units2 = await seedPeopleUnits(ctx);
    for (const [name, hamlet] of [
      ['Nguyễn Văn Đức', units2.longAnKp1],
      ['Nguyễn Thị Ánh', units2.longAnKp2],
      ['Trần Văn Bình', units2.longAnKp1],
      ['Nguyễn Văn Tân', units2.tanAnKp1],
    ] as const) {
      const nationalId = nationalIdFor(1990, Gender.MALE);
      numbers[name] = nationalId;
      await registerCitizen(ctx, hamlet, { fullName: name, birthYear: 1990, gender: Gender.MALE, nationalId });
    }
  });

  afterAll(async () => {
    await api2.close();
  });

  async function names(token: string, filter: Record<string, unknown> | null = null): Promise<string[]> {
    const result = await api2.gql(LIST, { filter }, { token });
    expect(result.errors).toBeUndefined();
    return result.data?.citizens.edges.map((edge: { node: { fullName: string } }) => edge.node.fullName);
  }

  it('shows an assessor the citizens of their subtree only, by name; an admin everyone', async () => {
    const longAn = (await api2.account(Role.ASSESSOR, { unitId: units2.longAn.id })).token;
    const adminToken = (await api2.account(Role.PROVINCE_ADMIN)).token;
    expect(await names(longAn)).toEqual(['Nguyễn Thị Ánh', 'Nguyễn Văn Đức', 'Trần Văn Bình']);
    expect(await names(adminToken)).toHaveLength(4);
    const hamlet = (await api2.account(Role.ASSESSOR, { unitId: units2.longAnKp2.id })).token;
    expect(await names(hamlet)).toEqual(['Nguyễn Thị Ánh']);
  });

  it('searches names without diacritics, finds a national ID exactly, and filters by unit', async () => {
    const longAn = (await api2.account(Role.ASSESSOR, { unitId: units2.longAn.id })).token;
    expect(await names(longAn, { search: 'nguyen van duc' })).toEqual(['Nguyễn Văn Đức']);
    expect(await names(longAn, { search: 'NGUYỄN' })).toEqual(['Nguyễn Thị Ánh', 'Nguyễn Văn Đức']);
    expect(await names(longAn, { nationalId: numbers['Trần Văn Bình'] })).toEqual(['Trần Văn Bình']);
    expect(await names(longAn, { nationalId: numbers['Nguyễn Văn Tân'] })).toEqual([]);
    expect(await names(longAn, { unitId: gid('AdministrativeUnit', units2.longAnKp1.id) })).toEqual(['Nguyễn Văn Đức', 'Trần Văn Bình']);
  });

  it('pages with keyset cursors', async () => {
    const adminToken = (await api2.account(Role.PROVINCE_ADMIN)).token;
    const first = await api2.gql(LIST, { first: 3 }, { token: adminToken });
    expect(first.data?.citizens.pageInfo.hasNextPage).toBe(true);
    const second = await api2.gql(LIST, { first: 3, after: first.data?.citizens.pageInfo.endCursor }, { token: adminToken });
    expect(second.data?.citizens.edges.map((edge: { node: { fullName: string } }) => edge.node.fullName)).toEqual(['Trần Văn Bình']);
    expect(second.data?.citizens.totalCount).toBe(4);
  });

  it('is refused to citizens, staff and anonymous callers', async () => {
    const citizen = (await api2.account(Role.CITIZEN)).token;
    expect((await api2.gql(LIST, {}, { token: citizen })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api2.gql(LIST, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
