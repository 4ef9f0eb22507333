import { randomBytes } from 'node:crypto';
import { Role } from '../../src/core/roles';
import { TcpProxy } from '../helpers/tcp-proxy';
import { startTestApi, type TestApi } from '../helpers/test-api';

// Small limits and short windows so the whole story runs in seconds: 3 free failures, then waits of
// 1 s, 2 s, …; the 5th failure locks the login for 2 s; an address may fail 12 times; counts are
// forgotten 3 s after the last failure. Each test signs in from an address of its own (X-Forwarded-For).
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({
    TRUST_PROXY_HOPS: '1',
    SIGN_IN_FREE_FAILURES: '3',
    SIGN_IN_DELAY_SECONDS: '1',
    SIGN_IN_LOCK_FAILURES: '5',
    SIGN_IN_LOCK_SECONDS: '2',
    SIGN_IN_ADDRESS_FAILURES: '12',
    SIGN_IN_WINDOW_SECONDS: '3',
  });
});

afterAll(async () => {
  await api.close();
});

const PASSWORD = 'mat-khau-dung';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let addresses = 0;
const newAddress = () => `10.0.${Math.floor(++addresses / 250)}.${addresses % 250}`;
const newLogin = () => `nguoi-${randomBytes(4).toString('hex')}@test.vn`;

interface Answer {
  code: string | null;
  message?: string;
  retryAfterSeconds?: number | null;
  token?: string | null;
}

async function register(login: string): Promise<string> {
  const result = await api.gql(
    'mutation ($input: RegisterInput!) { register(input: $input) { accessToken errors { code } } }',
    { input: { login, password: PASSWORD, displayName: 'Trần Văn Bình' } },
    { headers: { 'x-forwarded-for': newAddress() } },
  );
  expect(result.data?.register.errors).toEqual([]);
  return result.data?.register.accessToken as string;
}

async function signIn(login: string, password: string, address: string): Promise<Answer> {
  const result = await api.gql(
    'mutation ($input: SignInInput!) { signIn(input: $input) { accessToken errors { code message retryAfterSeconds } } }',
    { input: { login, password } },
    { headers: { 'x-forwarded-for': address } },
  );
  const error = result.data?.signIn.errors[0];
  return error ? { code: error.code, message: error.message, retryAfterSeconds: error.retryAfterSeconds } : { code: null, token: result.data?.signIn.accessToken };
}

const codes = (answers: Answer[]) => answers.map((answer) => answer.code);

async function failTimes(login: string, address: string, times: number): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let attempt = 0; attempt < times; attempt += 1) answers.push(await signIn(login, 'mat-khau-sai', address));
  return answers;
}

it('makes each attempt past the free failures wait a growing delay, refusing even the right password meanwhile', async () => {
  const login = newLogin();
  await register(login);
  const address = newAddress();
  expect(codes(await failTimes(login, address, 3))).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS']);
  const first = await signIn(login, PASSWORD, address);
  expect(first).toEqual({ code: 'SIGN_IN_THROTTLED', message: 'Đăng nhập sai quá nhiều lần; hãy thử lại sau 1 giây.', retryAfterSeconds: 1 });

  await sleep(1100);
  expect(codes(await failTimes(login, address, 1))).toEqual(['INVALID_CREDENTIALS']);
  expect(await signIn(login, PASSWORD, address)).toMatchObject({ code: 'SIGN_IN_THROTTLED', retryAfterSeconds: 2 });
});

it('lets no more attempts through than the free failures when they come at once, and tries none of several in one request', async () => {
  const login = newLogin();
  await register(login);
  const parallel = await Promise.all(Array.from({ length: 6 }, () => signIn(login, 'mat-khau-sai', newAddress())));
  expect(codes(parallel).filter((code) => code === 'INVALID_CREDENTIALS')).toHaveLength(3);
  expect(codes(parallel).filter((code) => code === 'SIGN_IN_THROTTLED')).toHaveLength(3);

  // A request signs in once at most (tests/e2e/request-cost.test.ts): aliases are refused before any password is checked.
  const other = newLogin();
  await register(other);
  const aliases = Array.from({ length: 6 }, (_, index) => `a${index}: signIn(input: { login: "${other}", password: "mat-khau-sai-${index}" }) { accessToken errors { code } }`);
  const address = newAddress();
  const result = await api.gql(`mutation { ${aliases.join(' ')} }`, {}, { headers: { 'x-forwarded-for': address } });
  expect(result.data).toBeUndefined();
  expect(result.errors?.[0]?.extensions?.code).toBe('TOO_MANY_MUTATIONS');
  expect(codes(await failTimes(other, address, 3))).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS']);
});

it('locks the login after the last failure, refuses the right password while locked, and tells the owner', async () => {
  const login = newLogin();
  const token = await register(login);
  const unknown = newLogin();
  const address = newAddress();
  const otherAddress = newAddress();
  // The same steps for an existing and for an unknown login, side by side: every answer must be the same.
  const known: Answer[] = [];
  const stranger: Answer[] = [];
  const step = async (password: string) => {
    known.push(await signIn(login, password, address));
    stranger.push(await signIn(unknown, password, otherAddress));
  };
  for (let attempt = 0; attempt < 3; attempt += 1) await step('mat-khau-sai');
  await step('mat-khau-sai');
  await sleep(1100);
  await step('mat-khau-sai');
  await sleep(2100);
  await step('mat-khau-sai');
  await step(PASSWORD);

  expect(codes(known)).toEqual([
    'INVALID_CREDENTIALS',
    'INVALID_CREDENTIALS',
    'INVALID_CREDENTIALS',
    'SIGN_IN_THROTTLED',
    'INVALID_CREDENTIALS',
    'INVALID_CREDENTIALS',
    'SIGN_IN_LOCKED',
  ]);
  expect(known[6]).toEqual({
    code: 'SIGN_IN_LOCKED',
    message: 'Đăng nhập bằng tên này tạm bị khoá do sai quá nhiều lần; hãy thử lại sau 2 giây.',
    retryAfterSeconds: 2,
  });
  expect(stranger).toEqual(known);

  const notices = await api.gql(
    '{ me { notices { totalCount edges { node { kind kindLabel failedAttempts clientAddress lockedUntil createdAt message } } } } }',
    {},
    { token, headers: { 'accept-language': 'en' } },
  );
  expect(notices.errors).toBeUndefined();
  expect(notices.data?.me.notices.totalCount).toBe(1);
  const notice = notices.data?.me.notices.edges[0].node;
  expect(notice).toMatchObject({ kind: 'SIGN_IN_LOCKED', kindLabel: 'Sign-in locked', failedAttempts: 5, clientAddress: address });
  expect(new Date(notice.lockedUntil).getTime() - new Date(notice.createdAt).getTime()).toBeGreaterThanOrEqual(1900);
  expect(notice.message).toMatch(
    new RegExp(`^Sign-in to your account was locked at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\(Vietnam time\\) after 5 failed attempts from ${address.replace(/\./g, '\\.')}; signing in works again from `),
  );

  // Once the lock has passed, the right password works and the count starts afresh.
  await sleep(2100);
  expect(await signIn(login, PASSWORD, address)).toMatchObject({ code: null, token: expect.any(String) });
  expect(codes(await failTimes(login, address, 3))).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS']);
});

it('shows notices to the owner only, not even to a province administrator', async () => {
  const owner = await register(newLogin());
  const ownId = (await api.gql('{ me { id } }', {}, { token: owner })).data?.me.id as string;
  const admin = await api.account(Role.PROVINCE_ADMIN);
  const seen = await api.gql('query ($id: ID!) { node(id: $id) { ... on Account { displayName notices { totalCount } } } }', { id: ownId }, { token: admin.token });
  expect(seen.data?.node).toEqual({ displayName: 'Trần Văn Bình', notices: null });
  const own = await api.gql('{ me { notices { totalCount } } }', {}, { token: owner });
  expect(own.data?.me.notices).toEqual({ totalCount: 0 });
});

it('forgets the failures of a login when the right password is given', async () => {
  const login = newLogin();
  await register(login);
  const address = newAddress();
  expect(codes(await failTimes(login, address, 2))).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS']);
  expect((await signIn(login, PASSWORD, address)).code).toBeNull();
  // Without the reset the 4th failure in a row would have to wait.
  expect(codes(await failTimes(login, address, 3))).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS']);
  expect((await signIn(login, PASSWORD, address)).code).toBe('SIGN_IN_THROTTLED');
});

it('forgets the failures of a login once the window passes without one', async () => {
  const login = newLogin();
  const address = newAddress();
  expect(codes(await failTimes(login, address, 2))).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS']);
  await sleep(3200);
  // Counted on from 2, the 4th failure would have to wait.
  expect(codes(await failTimes(login, address, 3))).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS']);
  expect((await signIn(login, PASSWORD, address)).code).toBe('SIGN_IN_THROTTLED');
});

it('stops an address that fails too often across logins, while other addresses sign in', async () => {
  const address = newAddress();
  const failures: Answer[] = [];
  for (let attempt = 0; attempt < 12; attempt += 1) failures.push(...(await failTimes(newLogin(), address, 1)));
  expect(new Set(codes(failures))).toEqual(new Set(['INVALID_CREDENTIALS']));

  const login = newLogin();
  await register(login);
  const refused = await signIn(login, PASSWORD, address);
  expect(refused).toMatchObject({ code: 'SIGN_IN_THROTTLED', message: expect.stringMatching(/^Đăng nhập sai quá nhiều lần; hãy thử lại sau \d giây\.$/) });
  expect(refused.retryAfterSeconds).toBeGreaterThan(0);
  expect((await signIn(login, PASSWORD, newAddress())).code).toBeNull();
});

describe('with Redis down', () => {
  const redis = new TcpProxy('127.0.0.1', 6379);
  let cut: TestApi;

  beforeAll(async () => {
    const port = await redis.start();
    cut = await startTestApi({ REDIS_URL: `redis://127.0.0.1:${port}`, SIGN_IN_FREE_FAILURES: '1', SIGN_IN_LOCK_FAILURES: '2' });
  });

  afterAll(async () => {
    await redis.start(redis.port);
    await cut.close();
    await redis.stop();
  });

  it('lets sign-ins through uncounted and says so once in the log', async () => {
    const warn = jest.spyOn(cut.runtime.log, 'warn');
    const login = newLogin();
    const registered = await cut.gql('mutation ($input: RegisterInput!) { register(input: $input) { errors { code } } }', {
      input: { login, password: PASSWORD, displayName: 'Lê Thị Cúc' },
    });
    expect(registered.data?.register.errors).toEqual([]);
    await redis.stop();

    const attempt = async (password: string) =>
      (await cut.gql('mutation ($input: SignInInput!) { signIn(input: $input) { accessToken errors { code } } }', { input: { login, password } })).data?.signIn;
    // With Redis up, the second failure would lock the login.
    const answers = [await attempt('mat-khau-sai'), await attempt('mat-khau-sai'), await attempt('mat-khau-sai'), await attempt(PASSWORD)];
    expect(answers.map((answer) => answer.errors[0]?.code ?? null)).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', null]);
    expect(answers[3].accessToken).toEqual(expect.any(String));
    const outage = warn.mock.calls.filter(([, message]) => typeof message === 'string' && message.startsWith('failed attempts are not limited'));
    expect(outage).toHaveLength(1);
  });
});
