import { Role } from '../../src/core/roles';
import { startTestApi, type GraphQLResponse, type TestApi } from '../helpers/test-api';

let api: TestApi;
let admin: { id: string; token: string };
let withoutProfile: { id: string; token: string };
const nodeEnv = process.env.NODE_ENV;

beforeAll(async () => {
  // Apollo sends stacks by default outside production: the API must not, whatever the mode.
  process.env.NODE_ENV = 'development';
  api = await startTestApi();
  admin = await api.account(Role.PROVINCE_ADMIN);
  withoutProfile = await api.account(Role.CITIZEN);
});

afterAll(async () => {
  process.env.NODE_ENV = nodeEnv;
  await api.close();
});

async function post(body: Record<string, unknown>, token?: string): Promise<{ status: number; body: GraphQLResponse }> {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

function codesOf(result: GraphQLResponse): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code);
}

/** Nothing a client receives names a server file or carries a stack. */
function expectNoServerDetail(result: GraphQLResponse): void {
  const text = JSON.stringify(result);
  expect(text).not.toMatch(/stacktrace|\/src\/|\/dist\/|node_modules|\.[jt]s:\d+/);
}

describe('text no column may store', () => {
  const CASES: [string, string, Record<string, unknown>, (string | number)[]][] = [
    ['a search', 'query($q: String!) { institutions(filter: { search: $q }) { totalCount } }', { q: 'thư\u0000viện' }, ['institutions', 'filter', 'search']],
    ['a login', 'mutation($l: String!) { signIn(input: { login: $l, password: "mật khẩu dài" }) { errors { code } } }', { l: 'a\u0000@x.vn' }, ['signIn', 'input', 'login']],
    ['a name in a list', 'mutation($i: RegisterInput!) { register(input: $i) { errors { code } } }', { i: { displayName: 'An\u0007', login: 'an@x.vn', password: 'mật khẩu dài' } }, ['register', 'input', 'displayName']],
    ['an indicator code, written in the document', 'mutation { attestIndicator(input: { subjectId: "x", year: 2026, indicatorCode: "A\\u001f", met: true }) { errors { code } } }', {}, ['attestIndicator', 'input', 'indicatorCode']],
    ['a lone surrogate in an email', 'mutation($i: RegisterInput!) { register(input: $i) { errors { code } } }', { i: { displayName: 'An', login: '\ud800@x.vn', password: 'mật khẩu dài' } }, ['register', 'input', 'login']],
  ];

  it.each(CASES)('refuses a control character in %s as BAD_USER_INPUT with the argument path, before anything runs', async (_case, query, variables, path) => {
    const { status, body } = await post({ query, variables }, admin.token);
    expect(status).toBe(400);
    expect(body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentPath: path }) })]);
    expect(body.errors?.[0]?.message).toMatch(new RegExp(`^${path.join('\\.')} holds (a control character \\(U\\+00[01][0-9A-F]\\)|half of a surrogate pair)`));
    expect(body.data).toBeUndefined();
    expectNoServerDetail(body);
  });

  it('lets tab, line feed and carriage return through', async () => {
    const { body } = await post({ query: 'query($q: String!) { institutions(filter: { search: $q }) { totalCount } }', variables: { q: 'thư\tviện\r\n' } });
    expect(body.errors).toBeUndefined();
  });
});

describe('years', () => {
  it.each([0, -1, 1999, 2101, 2 ** 31 - 1, -(2 ** 31)])('refuses year %d with BAD_USER_INPUT, in arguments and in inputs alike', async (year) => {
    for (const query of ['query($y: Int!) { myLearning(year: $y) { year } }', 'query($y: Int!) { myLearningPlan(year: $y) { year } }']) {
      const { body } = await post({ query, variables: { y: year } }, withoutProfile.token);
      expect(codesOf(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors?.[0]?.message).toBe(`year must be a calendar year from 2000 to 2100, got ${year}`);
    }
    const closing = await post({ query: 'mutation($y: Int!) { closeLearningYear(input: { unitId: "x", year: $y }) { errors { code } } }', variables: { y: year } }, admin.token);
    expect(closing.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/year must not be (less|greater) than (2000|2100)/) });
  });

  it('says the range in the schema, for every year argument and input field', async () => {
    const { body } = await post({ query: '{ __schema { types { name inputFields { name description } fields { name args { name description } } } } }' });
    const types = (body.data?.__schema.types ?? []) as { name: string; inputFields: { name: string; description: string }[] | null; fields: { name: string; args: { name: string; description: string }[] }[] | null }[];
    const years = types.flatMap((type) => [
      ...(type.inputFields ?? []).filter((field) => field.name === 'year').map((field) => ({ at: `${type.name}.year`, description: field.description })),
      ...(type.fields ?? []).flatMap((field) => field.args.filter((arg) => arg.name === 'year').map((arg) => ({ at: `${type.name}.${field.name}(year)`, description: arg.description }))),
    ]);
    expect(years.length).toBeGreaterThan(10);
    expect(years.filter((year) => !year.description.endsWith(' (2000 to 2100).'))).toEqual([]);
  });
});

describe('an account without a citizen profile', () => {
  it.each([
    ['myEnrollments', '{ myEnrollments { totalCount } }'],
    ['myLearningPlan', '{ myLearningPlan(year: 2026) { year } }'],
    ['exportMyLearning', '{ exportMyLearning { exportedAt } }'],
  ])('is told CITIZEN_PROFILE_REQUIRED by %s', async (field, query) => {
    const { body } = await post({ query }, withoutProfile.token);
    expect(body.errors).toEqual([
      expect.objectContaining({ path: [field], message: 'Create your citizen profile first.', extensions: { code: 'CITIZEN_PROFILE_REQUIRED' } }),
    ]);
  });
});

describe('ids', () => {
  it('refuses an empty id as BAD_USER_INPUT, in arguments and in inputs', async () => {
    const nodes = await post({ query: '{ nodes(ids: [""]) { id } }' }, admin.token);
    expect(nodes.body.errors).toEqual([expect.objectContaining({ message: 'nodes.ids.0 holds an empty id', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentPath: ['nodes', 'ids', 0] }) })]);
    const residence = await post({ query: 'mutation($i: CreateMyCitizenProfileInput!) { createMyCitizenProfile(input: $i) { errors { code } } }', variables: { i: { fullName: 'An', birthYear: 1990, gender: 'FEMALE', nationalId: '080190000001', residenceId: '' } } }, withoutProfile.token);
    expect(residence.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['createMyCitizenProfile', 'input', 'residenceId'] });
    expect(codesOf((await post({ query: '{ household(id: "") { id } }' }, admin.token)).body)).toEqual(['BAD_USER_INPUT']);
    expect(codesOf((await post({ query: 'mutation { enroll(input: { sessionId: "" }) { errors { code } } }' }, withoutProfile.token)).body)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('requests Apollo refuses', () => {
  it('refuses a subscription over HTTP as a document error (400), saying where subscriptions are served', async () => {
    const { status, body } = await post({ query: 'subscription($id: ID!) { sessionSeats(id: $id) { seatsLeft } }', variables: { id: 'UHJvZ3JhbW1lU2Vzc2lvbjox' } });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      expect.objectContaining({ message: 'Subscriptions are served over WebSocket at this same URL, with the graphql-ws protocol', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    ]);
  });

  it('refuses a persisted query whose hash does not match, or of an unknown version, with BAD_REQUEST (400)', async () => {
    const mismatch = await post({ query: '{ me { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors).toEqual([expect.objectContaining({ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } })]);
    const version = await post({ query: '{ me { id } }', extensions: { persistedQuery: { version: 2, sha256Hash: 'abc' } } });
    expect(version.status).toBe(400);
    expect(version.body.errors).toEqual([expect.objectContaining({ message: 'Unsupported persisted query version', extensions: { code: 'BAD_REQUEST' } })]);
  });

  it('answers PERSISTED_QUERY_NOT_FOUND to a hash it does not know', async () => {
    const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } });
    expect(unknown.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } })]);
    expectNoServerDetail(unknown.body);
  });
});

describe('internal errors', () => {
  it('are masked without a stack even in development mode, and logged at error level with the request id', async () => {
    const logged: { bindings: Record<string, unknown>; message: unknown }[] = [];
    const child = jest.spyOn(api.runtime.log, 'child').mockImplementation((bindings) => {
      const record = (message: unknown) => logged.push({ bindings, message });
      return { error: (_fields: unknown, message: unknown) => record(message), warn: () => undefined, info: () => undefined, child: () => api.runtime.log } as never;
    });
    await api.runtime.orm.em.getConnection().execute('alter table programme rename to programme_gone');
    try {
      const { body } = await post({ query: '{ programmes { totalCount } }' }, admin.token);
      expect(body.errors).toEqual([{ message: 'Internal server error', path: ['programmes'], locations: [{ line: 1, column: 3 }], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
      expectNoServerDetail(body);
      expect(logged).toContainEqual({ bindings: { requestId: body.extensions?.requestId }, message: 'unexpected error in a GraphQL request' });
    } finally {
      await api.runtime.orm.em.getConnection().execute('alter table programme_gone rename to programme');
      child.mockRestore();
    }
  });
});
