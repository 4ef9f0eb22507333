import { randomBytes, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Role } from '../../src/core/roles';
import { signAccessToken } from '../../src/auth/tokens';
import { fromGlobalId } from '../../src/graphql/global-id';
import type { Institution } from '../../src/catalogue/institutions/institution.entity';
import { createInstitution, gid, seedUnits, type UnitsFixture } from '../helpers/catalogue-fixtures';
import { startTestApi, type GraphQLResponse, type TestApi } from '../helpers/test-api';

let api: TestApi;
let units: UnitsFixture;
/** In Phường Long An, and in Phường Tân An. */
let institution: Institution;
let otherInstitution: Institution;

beforeAll(async () => {
  api = await startTestApi();
  const admin = await api.adminContext();
  units = await seedUnits(admin);
  institution = await createInstitution(admin, units.longAn, 'Thư viện phường Long An');
  otherInstitution = await createInstitution(admin, units.tanAn, 'Thư viện phường Tân An');
});

afterAll(async () => {
  await api.close();
});

const ACCOUNT = 'id displayName email phone roles { role institution { id } unit { id } }';
const SESSION = `account { ${ACCOUNT} } accessToken accessTokenExpiresAt refreshToken errors { field code message }`;
const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { ${SESSION} } }`;
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { ${SESSION} } }`;
const REFRESH = `mutation($input: RefreshTokenInput!) { refreshSession(input: $input) { ${SESSION} } }`;
const SIGN_OUT = 'mutation($input: RefreshTokenInput!) { signOut(input: $input) { done errors { field code message } } }';
const ME = `{ me { ${ACCOUNT} } }`;
const GRANT = 'mutation($input: GrantRoleInput!) { grantRole(input: $input) { grant { id role institution { id } unit { id } } errors { field code message } } }';
const REVOKE = 'mutation($input: RevokeRoleInput!) { revokeRole(input: $input) { done errors { field code message } } }';

const PASSWORD = 'học tập suốt đời';
const NO_SESSION = { account: null, accessToken: null, accessTokenExpiresAt: null, refreshToken: null };

async function sql<T = Record<string, any>>(query: string, params: unknown[] = []): Promise<T[]> {
  return api.runtime.orm.em.fork().execute(query, params);
}

function uniqueEmail(name: string): string {
  return `${name}.${randomBytes(3).toString('hex')}@example.vn`;
}

let phones = 0;
/** A fresh Vietnamese mobile number, 0 followed by 9 digits. */
function uniquePhone(): string {
  phones += 1;
  return `09${String(Date.now() % 1e5).padStart(5, '0')}${String(phones).padStart(3, '0')}`;
}

interface SessionPayload {
  account: { id: string; displayName: string; email: string | null; phone: string | null; roles: { role: string }[] } | null;
  accessToken: string | null;
  accessTokenExpiresAt: string | null;
  refreshToken: string | null;
  errors: { field: string[] | null; code: string; message: string }[];
}

async function register(login: string, password = PASSWORD, displayName = 'Nguyễn Văn An'): Promise<SessionPayload> {
  const result = await api.gql<{ register: SessionPayload }>(REGISTER, { input: { login, password, displayName } });
  expect(result.errors).toBeUndefined();
  return result.data?.register as SessionPayload;
}

async function signIn(login: string, password = PASSWORD): Promise<SessionPayload> {
  const result = await api.gql<{ signIn: SessionPayload }>(SIGN_IN, { input: { login, password } });
  expect(result.errors).toBeUndefined();
  return result.data?.signIn as SessionPayload;
}

async function refresh(refreshToken: string): Promise<SessionPayload> {
  const result = await api.gql<{ refreshSession: SessionPayload }>(REFRESH, { input: { refreshToken } });
  expect(result.errors).toBeUndefined();
  return result.data?.refreshSession as SessionPayload;
}

/** Registers a citizen and returns its account id (uuid), global id, tokens and login. */
async function citizen(name = 'citizen'): Promise<{ id: string; globalId: string; accessToken: string; refreshToken: string; email: string }> {
  const email = uniqueEmail(name);
  const payload = await register(email);
  expect(payload.errors).toEqual([]);
  const globalId = payload.account?.id as string;
  return { id: fromGlobalId(globalId).id, globalId, accessToken: payload.accessToken as string, refreshToken: payload.refreshToken as string, email };
}

/** An account with no role at all (so a grant is its only role), and a token for it. */
async function bareAccount(): Promise<{ id: string; token: string }> {
  const [row] = await sql<{ id: string }>(
    `insert into account (id, created_at, updated_at, email, password_hash, display_name) values (gen_random_uuid(), now(), now(), ?, 'x', 'Chưa có vai trò') returning id`,
    [uniqueEmail('bare')],
  );
  const id = (row as { id: string }).id;
  return { id, token: signAccessToken(api.config.jwtSecret, id, 600) };
}

function expectRefused(result: GraphQLResponse, field: string, code: string): void {
  expect(result.errors).toEqual([expect.objectContaining({ path: [field], extensions: { code } })]);
  expect(result.data).toBeNull();
}

async function grantsOf(accountId: string): Promise<{ role: string; institution_id: string | null; unit_id: string | null }[]> {
  return sql('select role, institution_id, unit_id from role_grant where account_id = ? order by role', [accountId]);
}

async function roleGrantFingerprint(): Promise<string> {
  const [row] = await sql<{ hash: string | null; n: number }>(`select count(*)::int as n, md5(string_agg(g::text, '|' order by g::text)) as hash from role_grant g`);
  return `${row?.n}:${row?.hash}`;
}

describe('register', () => {
  it('creates a citizen account with a lower-cased email address and signs it in', async () => {
    const email = uniqueEmail('an.nguyen');
    const before = Date.now();
    const payload = await register(`  ${email.toUpperCase()} `, PASSWORD, '  Nguyễn Văn An ');
    expect(payload).toEqual({
      account: { id: expect.any(String), displayName: 'Nguyễn Văn An', email, phone: null, roles: [{ role: 'CITIZEN', institution: null, unit: null }] },
      accessToken: expect.any(String),
      accessTokenExpiresAt: expect.any(String),
      refreshToken: expect.any(String),
      errors: [],
    });
    const expiresAt = Date.parse(payload.accessTokenExpiresAt as string);
    expect(expiresAt).toBeGreaterThanOrEqual(before + api.config.accessTokenTtlSeconds * 1000 - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + api.config.accessTokenTtlSeconds * 1000 + 1000);

    const me = await api.gql(ME, {}, { token: payload.accessToken as string });
    expect(me).toMatchObject({ data: { me: payload.account } });
  });

  it.each([
    ['0xxxxxxxxx', (digits: string) => `0${digits}`],
    ['+84xxxxxxxxx', (digits: string) => `+84${digits}`],
    ['84xxxxxxxxx', (digits: string) => `84${digits}`],
    ['+84 xx xxx xxxx with spaces', (digits: string) => `+84 ${digits.slice(0, 2)} ${digits.slice(2, 5)} ${digits.slice(5)}`],
    ['0xxx.xxx.xxx with dots', (digits: string) => `0${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6)}`],
  ])('registers a mobile number written %s as 0 followed by 9 digits', async (_format, write) => {
    const phone = uniquePhone();
    const payload = await register(write(phone.slice(1)));
    expect(payload.errors).toEqual([]);
    expect(payload.account).toMatchObject({ email: null, phone });
    expect(await sql('select phone from account where id = ?', [fromGlobalId(payload.account?.id as string).id])).toEqual([{ phone }]);
  });

  it.each([
    ['a mobile number', () => { const phone = uniquePhone(); return [phone, `+84${phone.slice(1)}`]; }],
    ['an email address', () => { const email = uniqueEmail('lan'); return [email, email.toUpperCase()]; }],
  ])('refuses %s already registered, however it is written, with LOGIN_TAKEN', async (_what, logins) => {
    const [first, again] = logins() as [string, string];
    expect((await register(first)).errors).toEqual([]);
    const accounts = await sql('select count(*)::int as n from account');
    const payload = await register(again, 'another password');
    expect(payload).toEqual({
      ...NO_SESSION,
      errors: [{ field: ['input', 'login'], code: 'LOGIN_TAKEN', message: 'Đã có tài khoản dùng email hoặc số điện thoại này.' }],
    });
    expect(await sql('select count(*)::int as n from account')).toEqual(accounts);
    // The first owner still signs in with their own password; the second password does nothing.
    expect((await signIn(first)).errors).toEqual([]);
    expect((await signIn(first, 'another password')).errors.map((error) => error.code)).toEqual(['INVALID_CREDENTIALS']);
  });

  it('refuses a password shorter than 8 characters with WEAK_PASSWORD and creates nothing', async () => {
    const email = uniqueEmail('weak');
    const payload = await register(email, '1234567');
    expect(payload).toEqual({ ...NO_SESSION, errors: [{ field: ['input', 'password'], code: 'WEAK_PASSWORD', message: 'Mật khẩu cần ít nhất 8 ký tự.' }] });
    expect(await sql('select id from account where email = ?', [email])).toEqual([]);
    expect((await register(email, '12345678')).errors).toEqual([]);
  });

  it.each([
    ['not a login', 'INVALID_LOGIN'],
    ['012345', 'INVALID_LOGIN'],
    ['+1 202 555 0100', 'INVALID_LOGIN'],
    ['an@example', 'INVALID_EMAIL'],
  ])('refuses the login %j with %s', async (login, code) => {
    const payload = await register(login);
    expect(payload).toEqual({ ...NO_SESSION, errors: [{ field: ['input', 'login'], code, message: expect.any(String) }] });
  });
});

describe('signIn', () => {
  it('signs in with the email address or the mobile number, however it is written', async () => {
    const email = uniqueEmail('binh');
    const registered = await register(email);
    expect((await signIn(email.toUpperCase())).account?.id).toBe(registered.account?.id);

    const phone = uniquePhone();
    const byPhone = await register(`+84${phone.slice(1)}`);
    const signedIn = await signIn(`${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`);
    expect(signedIn).toMatchObject({ account: { id: byPhone.account?.id, phone }, accessToken: expect.any(String), refreshToken: expect.any(String), errors: [] });
  });

  it('answers a wrong password and an unknown login with the same INVALID_CREDENTIALS error, and opens no session', async () => {
    const known = await citizen('chi');
    const tokensBefore = await sql('select count(*)::int as n from refresh_token');
    const wrongPassword = await signIn(known.email, 'not the password');
    const unknownEmail = await signIn(uniqueEmail('nobody'));
    const unknownPhone = await signIn(uniquePhone());
    const expected = {
      ...NO_SESSION,
      errors: [{ field: ['input', 'password'], code: 'INVALID_CREDENTIALS', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' }],
    };
    expect(wrongPassword).toEqual(expected);
    expect(unknownEmail).toEqual(expected);
    expect(unknownPhone).toEqual(expected);
    expect(await sql('select count(*)::int as n from refresh_token')).toEqual(tokensBefore);
  });
});

describe('access tokens', () => {
  const ISSUER = 'lifelong-learning';
  // A mutation that needs sign-in and, for a signed-in caller, succeeds whatever the role.
  const SIGNED_IN_ONLY = REVOKE;
  const signedInOnlyInput = { input: { grantId: gid('RoleGrant', '00000000-0000-4000-8000-000000000000') } };

  function base64url(value: object): string {
    return Buffer.from(JSON.stringify(value)).toString('base64url');
  }

  const BAD_TOKENS: [string, (accountId: string) => { token?: string; headers?: Record<string, string> }][] = [
    ['garbage', () => ({ token: 'not-a-token' })],
    ['signed with another secret', (id) => ({ token: jwt.sign({ typ: 'access' }, 'another-secret-of-at-least-32-characters!', { subject: id, expiresIn: 600, issuer: ISSUER }) })],
    ['expired', (id) => ({ token: jwt.sign({ typ: 'access', exp: Math.floor(Date.now() / 1000) - 60 }, api.config.jwtSecret, { subject: id, issuer: ISSUER }) })],
    ['from another issuer', (id) => ({ token: jwt.sign({ typ: 'access' }, api.config.jwtSecret, { subject: id, expiresIn: 600, issuer: 'someone-else' }) })],
    ['not an access token', (id) => ({ token: jwt.sign({ typ: 'refresh' }, api.config.jwtSecret, { subject: id, expiresIn: 600, issuer: ISSUER }) })],
    ['unsigned (alg none)', (id) => ({ token: `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ typ: 'access', sub: id, iss: ISSUER, exp: Math.floor(Date.now() / 1000) + 600 })}.` })],
    ['of an account that does not exist', () => ({ token: signAccessToken(api.config.jwtSecret, randomUUID(), 600) })],
  ];

  it('a valid token signs in (the control for the cases below)', async () => {
    const account = await citizen('control');
    const me = await api.gql(ME, {}, { token: account.accessToken });
    expect(me.data?.me.id).toBe(account.globalId);
    expect(await api.gql(SIGNED_IN_ONLY, signedInOnlyInput, { token: account.accessToken })).toMatchObject({ data: { revokeRole: { done: true, errors: [] } } });
  });

  it('me is null without a token', async () => {
    expect(await api.gql(ME)).toMatchObject({ data: { me: null } });
    expect((await api.gql(ME)).errors).toBeUndefined();
  });

  const STALE = { errors: [{ message: 'The access token is not valid or has expired; refresh the session or sign in again', extensions: { code: 'UNAUTHENTICATED' } }] };

  it.each(BAD_TOKENS)('a token %s is refused as a whole with 401 UNAUTHENTICATED, so the client refreshes', async (_case, make) => {
    const account = await citizen('victim');
    const options = make(account.id);
    for (const [query, variables] of [[ME, {}], [SIGNED_IN_ONLY, signedInOnlyInput]] as const) {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en', authorization: `Bearer ${options.token}` },
        body: JSON.stringify({ query, variables }),
      });
      expect(response.status).toBe(401);
      const body = (await response.json()) as GraphQLResponse;
      expect(body).toMatchObject(STALE);
      expect(body.data).toBeUndefined();
    }
  });

  it('a stale token does not stand in the way of signing in or refreshing', async () => {
    const account = await citizen('stale');
    const options = { token: 'not-a-token' };
    expect((await api.gql(SIGN_IN, { input: { login: account.email, password: PASSWORD } }, options)).data?.signIn.errors).toEqual([]);
    expect((await api.gql(REFRESH, { input: { refreshToken: account.refreshToken } }, options)).data?.refreshSession.errors).toEqual([]);
  });

  it('an authorization header that is not Bearer (or an empty Bearer) is no token: the request is anonymous', async () => {
    const account = await citizen('other-scheme');
    for (const authorization of [`Token ${signAccessToken(api.config.jwtSecret, account.id, 600)}`, 'Bearer ']) {
      const me = await api.gql(ME, {}, { headers: { authorization } });
      expect(me).toMatchObject({ data: { me: null } });
      expect(me.errors).toBeUndefined();
      expectRefused(await api.gql(SIGNED_IN_ONLY, signedInOnlyInput, { headers: { authorization } }), 'revokeRole', 'UNAUTHENTICATED');
    }
  });

  it('a disabled account is signed out at once and can neither sign in nor refresh', async () => {
    const account = await citizen('disabled');
    await sql('update account set disabled_at = now() where id = ?', [account.id]);
    expect((await api.gql(ME, {}, { token: account.accessToken })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await signIn(account.email)).errors.map((error) => error.code)).toEqual(['INVALID_CREDENTIALS']);
    expect((await refresh(account.refreshToken)).errors.map((error) => error.code)).toEqual(['INVALID_REFRESH_TOKEN']);
  });
});

describe('refresh tokens', () => {
  const INVALID = { ...NO_SESSION, errors: [{ field: ['input', 'refreshToken'], code: 'INVALID_REFRESH_TOKEN', message: 'Phiên đăng nhập đã hết hạn; hãy đăng nhập lại.' }] };

  it('rotate: a refresh gives a new pair and the old refresh token is refused afterwards', async () => {
    const account = await citizen('rotate');
    const rotated = await refresh(account.refreshToken);
    expect(rotated).toMatchObject({ account: { id: account.globalId }, accessToken: expect.any(String), refreshToken: expect.any(String), errors: [] });
    expect(rotated.refreshToken).not.toBe(account.refreshToken);
    expect((await api.gql(ME, {}, { token: rotated.accessToken as string })).data?.me.id).toBe(account.globalId);

    expect(await refresh(account.refreshToken)).toEqual(INVALID);
  });

  it('reuse of a rotated token revokes every refresh token of the account, and only of that account', async () => {
    const account = await citizen('leaked');
    const otherDevice = await signIn(account.email);
    const bystander = await citizen('bystander');
    const rotated = await refresh(account.refreshToken);
    expect(rotated.errors).toEqual([]);

    expect(await refresh(account.refreshToken)).toEqual(INVALID);

    expect(await sql('select count(*)::int as n from refresh_token where account_id = ? and revoked_at is null', [account.id])).toEqual([{ n: 0 }]);
    expect(await refresh(rotated.refreshToken as string)).toEqual(INVALID);
    expect(await refresh(otherDevice.refreshToken as string)).toEqual(INVALID);
    expect((await refresh(bystander.refreshToken)).errors).toEqual([]);
    // Signing in again still works: the account is not locked, only its sessions ended.
    expect((await signIn(account.email)).errors).toEqual([]);
  });

  it('refuses a refresh token that was never issued', async () => {
    expect(await refresh(randomBytes(32).toString('base64url'))).toEqual(INVALID);
  });

  it('signOut revokes that refresh token only, needs no access token, and is idempotent', async () => {
    const account = await citizen('leaving');
    const otherDevice = await signIn(account.email);
    const signOut = await api.gql(SIGN_OUT, { input: { refreshToken: account.refreshToken } });
    expect(signOut).toMatchObject({ data: { signOut: { done: true, errors: [] } } });
    expect(await sql('select count(*)::int as n from refresh_token where account_id = ? and revoked_at is null', [account.id])).toEqual([{ n: 1 }]);

    const again = await api.gql(SIGN_OUT, { input: { refreshToken: account.refreshToken } });
    expect(again).toMatchObject({ data: { signOut: { done: true, errors: [] } } });
    expect(await api.gql(SIGN_OUT, { input: { refreshToken: 'never-issued' } })).toMatchObject({ data: { signOut: { done: true, errors: [] } } });

    expect((await refresh(otherDevice.refreshToken as string)).errors).toEqual([]);
    expect(await refresh(account.refreshToken)).toEqual(INVALID);
  });
});

describe('granting and revoking roles', () => {
  let adminToken: string;
  let adminId: string;
  let assessorToken: string;
  let otherAssessorToken: string;
  let staffToken: string;
  let citizenToken: string;
  let citizenId: string;

  beforeAll(async () => {
    ({ token: adminToken, id: adminId } = await api.account(Role.PROVINCE_ADMIN));
    assessorToken = (await api.account(Role.ASSESSOR, { unitId: units.longAn.id })).token;
    otherAssessorToken = (await api.account(Role.ASSESSOR, { unitId: units.tanAn.id })).token;
    staffToken = (await api.account(Role.INSTITUTION_STAFF, { institutionId: institution.id })).token;
    ({ token: citizenToken, id: citizenId } = await api.account(Role.CITIZEN));
  });

  async function grant(token: string | undefined, accountId: string, role: string, scope: { institutionId?: string; unitId?: string } = {}): Promise<GraphQLResponse> {
    return api.gql(GRANT, { input: { accountId: gid('Account', accountId), role, ...scope } }, { token });
  }

  it.each([
    ['CITIZEN', () => ({}), () => ({ role: 'CITIZEN', institution_id: null, unit_id: null })],
    ['INSTITUTION_STAFF', () => ({ institutionId: gid('Institution', otherInstitution.id) }), () => ({ role: 'INSTITUTION_STAFF', institution_id: otherInstitution.id, unit_id: null })],
    ['ASSESSOR', () => ({ unitId: gid('AdministrativeUnit', units.tanAn.id) }), () => ({ role: 'ASSESSOR', institution_id: null, unit_id: units.tanAn.id })],
    ['PROVINCE_ADMIN', () => ({}), () => ({ role: 'PROVINCE_ADMIN', institution_id: null, unit_id: null })],
  ])('a province admin grants %s', async (role, scope, row) => {
    const target = await bareAccount();
    const result = await grant(adminToken, target.id, role, scope());
    expect(result.errors).toBeUndefined();
    const expectedScope = scope() as { institutionId?: string; unitId?: string };
    // A province admin's grant names no unit; its role shows the province it administers.
    const unitId = role === 'PROVINCE_ADMIN' ? gid('AdministrativeUnit', units.province.id) : expectedScope.unitId;
    const granted = { role, institution: expectedScope.institutionId ? { id: expectedScope.institutionId } : null, unit: unitId ? { id: unitId } : null };
    expect(result.data?.grantRole).toEqual({ grant: { id: expect.any(String), ...granted }, errors: [] });
    expect(await grantsOf(target.id)).toEqual([row()]);
    expect(await sql('select granted_by_id from role_grant where account_id = ?', [target.id])).toEqual([{ granted_by_id: adminId }]);
    const me = await api.gql(ME, {}, { token: target.token });
    expect(me.data?.me.roles).toEqual([granted]);
  });

  it('shows a province admin’s role with the province it administers, and an assessor’s with its unit', async () => {
    const roles = async (token: string) => (await api.gql('{ me { roles { role unit { name level } } } }', {}, { token })).data?.me.roles;
    expect(await roles(adminToken)).toEqual([{ role: 'PROVINCE_ADMIN', unit: { name: 'Tỉnh Tây Ninh', level: 'PROVINCE' } }]);
    expect(await roles(assessorToken)).toEqual([{ role: 'ASSESSOR', unit: { name: 'Phường Long An', level: 'COMMUNE' } }]);
  });

  it('granting the same role twice returns the grant already there', async () => {
    const target = await bareAccount();
    const first = await grant(adminToken, target.id, 'ASSESSOR', { unitId: gid('AdministrativeUnit', units.longAn.id) });
    const second = await grant(adminToken, target.id, 'ASSESSOR', { unitId: gid('AdministrativeUnit', units.longAn.id) });
    expect(second.data?.grantRole.grant.id).toBe(first.data?.grantRole.grant.id);
    expect(await grantsOf(target.id)).toHaveLength(1);
  });

  it('a granted role works on the next request, and a revoked one stops working', async () => {
    const target = await bareAccount();
    const createProgramme = (token: string) =>
      api.gql('mutation($input: CreateProgrammeInput!) { createProgramme(input: $input) { programme { id } errors { code } } }', {
        input: { institutionId: gid('Institution', institution.id), title: 'Lớp học thử', kind: 'COURSE', topics: ['DIGITAL_SKILLS'], format: 'IN_PERSON' },
      }, { token });
    expectRefused(await createProgramme(target.token), 'createProgramme', 'FORBIDDEN');

    const granted = await grant(assessorToken, target.id, 'INSTITUTION_STAFF', { institutionId: gid('Institution', institution.id) });
    expect(granted.data?.grantRole).toMatchObject({ grant: { role: 'INSTITUTION_STAFF', institution: { id: gid('Institution', institution.id) } }, errors: [] });
    expect((await createProgramme(target.token)).data?.createProgramme).toMatchObject({ programme: { id: expect.any(String) }, errors: [] });

    const revoked = await api.gql(REVOKE, { input: { grantId: granted.data?.grantRole.grant.id } }, { token: assessorToken });
    expect(revoked.data?.revokeRole).toEqual({ done: true, errors: [] });
    expectRefused(await createProgramme(target.token), 'createProgramme', 'FORBIDDEN');
  });

  it.each([
    ['an assessor', 'InstitutionStaff for an institution outside their area', 'FORBIDDEN', () => assessorToken, () => ({ role: 'INSTITUTION_STAFF', institutionId: gid('Institution', otherInstitution.id) })],
    ['an assessor', 'ASSESSOR', 'FORBIDDEN', () => assessorToken, () => ({ role: 'ASSESSOR', unitId: gid('AdministrativeUnit', units.longAn.id) })],
    ['an assessor', 'PROVINCE_ADMIN', 'FORBIDDEN', () => assessorToken, () => ({ role: 'PROVINCE_ADMIN' })],
    ['an assessor', 'CITIZEN', 'FORBIDDEN', () => assessorToken, () => ({ role: 'CITIZEN' })],
    ['staff of the institution', 'InstitutionStaff for their own institution', 'FORBIDDEN', () => staffToken, () => ({ role: 'INSTITUTION_STAFF', institutionId: gid('Institution', institution.id) })],
    ['a citizen', 'INSTITUTION_STAFF', 'FORBIDDEN', () => citizenToken, () => ({ role: 'INSTITUTION_STAFF', institutionId: gid('Institution', institution.id) })],
    ['a citizen', 'PROVINCE_ADMIN', 'FORBIDDEN', () => citizenToken, () => ({ role: 'PROVINCE_ADMIN' })],
    ['an anonymous caller', 'INSTITUTION_STAFF', 'UNAUTHENTICATED', () => undefined, () => ({ role: 'INSTITUTION_STAFF', institutionId: gid('Institution', institution.id) })],
  ])('%s may not grant %s (%s) and nothing is written', async (_who, _what, code, token, input) => {
    const target = await bareAccount();
    const before = await roleGrantFingerprint();
    const { role, ...scope } = input() as { role: string; institutionId?: string; unitId?: string };
    expectRefused(await grant(token(), target.id, role, scope), 'grantRole', code);
    expect(await roleGrantFingerprint()).toBe(before);
  });

  it('a citizen may not make themselves a province admin', async () => {
    expectRefused(await grant(citizenToken, citizenId, 'PROVINCE_ADMIN'), 'grantRole', 'FORBIDDEN');
    expect(await grantsOf(citizenId)).toEqual([{ role: 'CITIZEN', institution_id: null, unit_id: null }]);
  });

  it.each([
    ['INSTITUTION_STAFF', 'institutionId'],
    ['ASSESSOR', 'unitId'],
  ])('a grant of %s without its scope is a SCOPE_REQUIRED error on %s', async (role, field) => {
    const target = await bareAccount();
    const result = await grant(adminToken, target.id, role);
    expect(result.data?.grantRole).toEqual({ grant: null, errors: [{ field: ['input', field], code: 'SCOPE_REQUIRED', message: expect.any(String) }] });
    expect(await grantsOf(target.id)).toEqual([]);
  });

  describe('revokeRole', () => {
    let staffGrant: string;
    let assessorGrant: string;
    let target: { id: string; token: string };

    beforeAll(async () => {
      target = await bareAccount();
      staffGrant = (await grant(adminToken, target.id, 'INSTITUTION_STAFF', { institutionId: gid('Institution', institution.id) })).data?.grantRole.grant.id;
      assessorGrant = (await grant(adminToken, target.id, 'ASSESSOR', { unitId: gid('AdministrativeUnit', units.longAn.id) })).data?.grantRole.grant.id;
    });

    it.each([
      ['an assessor of another area', 'a staff role', () => otherAssessorToken, () => staffGrant, 'FORBIDDEN'],
      ['staff of the institution', 'a staff role', () => staffToken, () => staffGrant, 'FORBIDDEN'],
      ['a citizen', 'a staff role', () => citizenToken, () => staffGrant, 'FORBIDDEN'],
      ['an anonymous caller', 'a staff role', () => undefined, () => staffGrant, 'UNAUTHENTICATED'],
      ['an assessor of the area', 'an assessor role', () => assessorToken, () => assessorGrant, 'FORBIDDEN'],
    ])('%s may not revoke %s, which stays', async (_who, _what, token, grantId, code) => {
      const before = await roleGrantFingerprint();
      expectRefused(await api.gql(REVOKE, { input: { grantId: grantId() } }, { token: token() }), 'revokeRole', code);
      expect(await roleGrantFingerprint()).toBe(before);
    });

    it('an assessor of the area revokes a staff role of an institution there; a province admin revokes an assessor role', async () => {
      expect((await api.gql(REVOKE, { input: { grantId: staffGrant } }, { token: assessorToken })).data?.revokeRole).toEqual({ done: true, errors: [] });
      expect(await grantsOf(target.id)).toEqual([{ role: 'ASSESSOR', institution_id: null, unit_id: units.longAn.id }]);
      expect((await api.gql(REVOKE, { input: { grantId: assessorGrant } }, { token: adminToken })).data?.revokeRole).toEqual({ done: true, errors: [] });
      expect(await grantsOf(target.id)).toEqual([]);
    });
  });
});

describe('personal data of an account', () => {
  const NODE = `query($id: ID!) { node(id: $id) { id ... on Account { displayName email phone roles { role } } } }`;
  let owner: Awaited<ReturnType<typeof citizen>>;
  let ownerPhone: string;
  const viewers: Record<string, () => Promise<string | undefined>> = {
    'another citizen': async () => (await api.account(Role.CITIZEN)).token,
    'an anonymous caller': async () => undefined,
    'staff of an institution': async () => (await api.account(Role.INSTITUTION_STAFF, { institutionId: institution.id })).token,
    'an assessor': async () => (await api.account(Role.ASSESSOR, { unitId: units.province.id })).token,
  };

  beforeAll(async () => {
    ownerPhone = uniquePhone();
    const payload = await register(ownerPhone, PASSWORD, 'Trần Thị Mai');
    expect(payload.errors).toEqual([]);
    const globalId = payload.account?.id as string;
    owner = { id: fromGlobalId(globalId).id, globalId, accessToken: payload.accessToken as string, refreshToken: payload.refreshToken as string, email: '' };
  });

  it.each([
    ['the account itself', async () => owner.accessToken],
    ['a province admin', async () => (await api.account(Role.PROVINCE_ADMIN)).token],
  ])('are visible to %s', async (_who, token) => {
    const result = await api.gql(NODE, { id: owner.globalId }, { token: await token() });
    expect(result.data).toEqual({ node: { id: owner.globalId, displayName: 'Trần Thị Mai', email: null, phone: ownerPhone, roles: [{ role: 'CITIZEN' }] } });
  });

  it.each(Object.keys(viewers))('are hidden from %s', async (who) => {
    const token = await (viewers[who] as () => Promise<string | undefined>)();
    const result = await api.gql(NODE, { id: owner.globalId }, { token });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ node: null });
    const many = await api.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Account { phone } } }', { ids: [owner.globalId] }, { token });
    expect(many.data).toEqual({ nodes: [null] });
    expect(JSON.stringify([result, many])).not.toContain(ownerPhone);
  });

  it('nodes(ids:) shows an account its own data and nobody else\'s', async () => {
    const other = await citizen('neighbour');
    const result = await api.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Account { email phone } } }', { ids: [owner.globalId, other.globalId] }, { token: owner.accessToken });
    expect(result.data).toEqual({ nodes: [{ id: owner.globalId, email: null, phone: ownerPhone }, null] });
  });
});

describe('role grants as nodes', () => {
  it('are fetchable by id by their account and province admins, and hidden from others', async () => {
    const owner = await api.account(Role.ASSESSOR, { unitId: units.longAn.id });
    const stranger = await api.account(Role.CITIZEN);
    const admin = await api.account(Role.PROVINCE_ADMIN);
    const mine = await api.gql<{ me: { roles: { id: string }[] } }>('{ me { roles { id } } }', {}, { token: owner.token });
    const grantId = mine.data?.me.roles[0]?.id as string;
    const query = 'query($id: ID!) { node(id: $id) { id ... on RoleGrant { role unit { code } } } }';
    const expected = { node: { id: grantId, role: 'ASSESSOR', unit: { code: '27694' } } };
    expect((await api.gql(query, { id: grantId }, { token: owner.token })).data).toEqual(expected);
    expect((await api.gql(query, { id: grantId }, { token: admin.token })).data).toEqual(expected);
    expect((await api.gql(query, { id: grantId }, { token: stranger.token })).data).toEqual({ node: null });
    expect((await api.gql(query, { id: grantId })).data).toEqual({ node: null });
  });
});

describe('staff of an institution', () => {
  it('are listed to the institution, officials of its area and province admins, and to nobody else', async () => {
    const worker = await api.account(Role.INSTITUTION_STAFF, { institutionId: institution.id });
    const query = 'query($id: ID!) { node(id: $id) { ... on Institution { staff { role account { id displayName email } } } } }';
    const id = gid('Institution', institution.id);
    const staffOf = async (token?: string) => ((await api.gql(query, { id }, { token })).data?.node as { staff: unknown[] | null }).staff;

    const admin = await api.account(Role.PROVINCE_ADMIN);
    const seenByAdmin = (await staffOf(admin.token)) as { role: string; account: { id: string; email: string | null } }[];
    expect(seenByAdmin).toContainEqual({ role: 'INSTITUTION_STAFF', account: { id: gid('Account', worker.id), displayName: expect.any(String), email: expect.stringContaining('@') } });
    // An assessor sees who works there, not their contact details.
    const assessor = await api.account(Role.ASSESSOR, { unitId: units.longAn.id });
    expect(await staffOf(assessor.token)).toContainEqual({ role: 'INSTITUTION_STAFF', account: { id: gid('Account', worker.id), displayName: expect.any(String), email: null } });
    expect((await staffOf(worker.token))?.length).toBe(seenByAdmin.length);

    const outsider = await api.account(Role.ASSESSOR, { unitId: units.tanAn.id });
    const otherStaff = await api.account(Role.INSTITUTION_STAFF, { institutionId: otherInstitution.id });
    const citizen = await api.account(Role.CITIZEN);
    for (const token of [outsider.token, otherStaff.token, citizen.token, undefined]) expect(await staffOf(token)).toBeNull();
  });
});

describe('finding an account by its login', () => {
  const query = 'query($login: String!) { accountByLogin(login: $login) { id displayName email } }';

  it('finds exactly one account by email or phone for officials, with contact details for province admins only', async () => {
    const phone = uniquePhone();
    const registered = await api.gql<{ register: { account: { id: string } } }>(
      'mutation($input: RegisterInput!) { register(input: $input) { account { id } } }',
      { input: { login: phone, password: 'mat-khau-dai', displayName: 'Lê Văn Tìm' } },
    );
    const id = registered.data?.register.account.id;
    const admin = await api.account(Role.PROVINCE_ADMIN);
    const assessor = await api.account(Role.ASSESSOR, { unitId: units.longAn.id });
    expect((await api.gql(query, { login: `+84${phone.slice(1)}` }, { token: admin.token })).data).toEqual({ accountByLogin: { id, displayName: 'Lê Văn Tìm', email: null } });
    expect((await api.gql(query, { login: phone }, { token: assessor.token })).data).toEqual({ accountByLogin: { id, displayName: 'Lê Văn Tìm', email: null } });
    expect((await api.gql(query, { login: `${phone.slice(0, 8)}` }, { token: admin.token })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await api.gql(query, { login: 'khong-co@vi.du' }, { token: admin.token })).data).toEqual({ accountByLogin: null });
  });

  it('is refused to citizens and staff', async () => {
    for (const role of [Role.CITIZEN, Role.INSTITUTION_STAFF]) {
      const caller = await api.account(role, role === Role.INSTITUTION_STAFF ? { institutionId: institution.id } : {});
      expect((await api.gql(query, { login: 'a@b.vn' }, { token: caller.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});
