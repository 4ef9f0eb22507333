import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { Role } from '../../src/core/roles';
import { Gender } from '../../src/people/people.enums';
import { gid } from '../helpers/catalogue-fixtures';
import { nationalIdFor, seedPeopleUnits, type PeopleFixture } from '../helpers/people-fixtures';
import { startTestApi, type GraphQLResponse, type TestApi } from '../helpers/test-api';

let api: TestApi;
let citizen: string;
let assessor: string;
let units: PeopleFixture;
const clients: Client[] = [];

beforeAll(async () => {
  api = await startTestApi({ TRUST_PROXY_HOPS: '1', RATE_LIMIT_PER_MINUTE: '2' });
  citizen = (await api.account(Role.CITIZEN)).token;
  units = await seedPeopleUnits(await api.adminContext());
  assessor = (await api.account(Role.ASSESSOR, { unitId: units.longAn.id })).token;
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await api.close();
});

type Language = 'vi' | 'en';
type Refusal = { status: number; errors: { message: string; extensions: Record<string, unknown> }[]; data?: Record<string, any> | null };

let addresses = 0;

/** Each request from an address of its own, so that only the rate-limit test spends a budget to its end. */
async function post(query: string, language: Language, { token, apiKey, address, variables }: { token?: string; apiKey?: string; address?: string; variables?: Record<string, unknown> } = {}): Promise<Refusal> {
  addresses += 1;
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'accept-language': language === 'en' ? 'en-GB,en;q=0.9' : 'vi-VN,vi;q=0.9,en;q=0.5',
      'x-forwarded-for': address ?? `10.9.${Math.floor(addresses / 250)}.${addresses % 250}`,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(apiKey ? { 'x-api-key': apiKey } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = JSON.parse(await response.text()) as GraphQLResponse;
  return { status: response.status, errors: (body.errors ?? []) as Refusal['errors'], data: body.data as Refusal['data'] };
}

/** The same failing request in both languages: the code is the same, the message is the language's. */
async function inBoth(send: (language: Language) => Promise<Refusal>): Promise<Record<Language, Refusal>> {
  return { vi: await send('vi'), en: await send('en') };
}

const JOB_QUEUES = '{ jobQueues { name } }';

it('tells a signed-out caller to sign in, in the language asked for', async () => {
  const { vi, en } = await inBoth((language) => post(JOB_QUEUES, language));
  expect(vi.errors).toEqual([expect.objectContaining({ message: 'Hãy đăng nhập trước.', extensions: { code: 'UNAUTHENTICATED' } })]);
  expect(en.errors).toEqual([expect.objectContaining({ message: 'Sign in first', extensions: { code: 'UNAUTHENTICATED' } })]);
});

it('refuses a caller without the role in Vietnamese, and with its precise reason in English', async () => {
  const { vi, en } = await inBoth((language) => post(JOB_QUEUES, language, { token: citizen }));
  expect(vi.errors).toEqual([expect.objectContaining({ message: 'Bạn không có quyền thực hiện thao tác này.', extensions: { code: 'FORBIDDEN' } })]);
  expect(en.errors).toEqual([expect.objectContaining({ message: 'This needs one of the roles PROVINCE_ADMIN', extensions: { code: 'FORBIDDEN' } })]);
});

it('tells a query needing a citizen profile, refused outside a mutation payload, to make one, in the language asked for', async () => {
  const { vi, en } = await inBoth((language) => post('{ myEnrollments { totalCount } }', language, { token: citizen }));
  const refusal = { path: ['myEnrollments'], extensions: { code: 'CITIZEN_PROFILE_REQUIRED' } };
  expect(vi.errors).toEqual([expect.objectContaining({ ...refusal, message: 'Hãy tạo hồ sơ công dân của bạn trước.' })]);
  expect(en.errors).toEqual([expect.objectContaining({ ...refusal, message: 'Create your citizen profile first.' })]);
});

it('refuses a query over the cost budget in the language asked for', async () => {
  const costly = `{ ${Array.from({ length: 600 }, (_, index) => `u${index}: administrativeUnit(code: "${index}") { id }`).join(' ')} }`;
  const { vi, en } = await inBoth((language) => post(costly, language));
  expect([vi.status, en.status]).toEqual([400, 400]);
  const extensions = { code: 'BAD_USER_INPUT', cost: 6000, maxCost: 5000 };
  expect(vi.errors).toEqual([expect.objectContaining({ message: 'Truy vấn có chi phí 6000; hạn mức là 5000. Hãy yêu cầu ít mục hơn hoặc ít danh sách lồng nhau hơn.', extensions })]);
  expect(en.errors).toEqual([expect.objectContaining({ message: 'The query costs 6000; the budget is 5000. Ask for fewer items or fewer nested lists', extensions })]);
});

it('answers 413 to a document over the token limit, before GraphQL, in the language asked for', async () => {
  const long = `{ me { ${'id '.repeat(10_001)} } }`;
  const { vi, en } = await inBoth((language) => post(long, language));
  expect([vi.status, en.status]).toEqual([413, 413]);
  const extensions = expect.objectContaining({ code: 'DOCUMENT_TOO_LARGE', maxTokens: 10_000 });
  expect(vi.errors).toEqual([{ message: 'Truy vấn có hơn 10000 thành phần (tên, dấu câu, giá trị); giới hạn là 10000.', extensions }]);
  expect(en.errors).toEqual([{ message: 'The query has more than 10000 tokens (names, punctuation, values); the limit is 10000', extensions }]);
});

it('answers 401 to a token or an API key that does not hold in the language asked for', async () => {
  const token = await inBoth((language) => post('{ me { id } }', language, { token: 'not-a-token' }));
  expect([token.vi.status, token.en.status]).toEqual([401, 401]);
  expect(token.vi.errors).toEqual([expect.objectContaining({ message: 'Mã truy cập không hợp lệ hoặc đã hết hạn; hãy làm mới phiên đăng nhập hoặc đăng nhập lại.', extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
  expect(token.en.errors).toEqual([expect.objectContaining({ message: 'The access token is not valid or has expired; refresh the session or sign in again', extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
  const key = await inBoth((language) => post('{ __typename }', language, { apiKey: 'llk_not-a-key' }));
  expect([key.vi.status, key.en.status]).toEqual([401, 401]);
  expect(key.vi.errors).toEqual([expect.objectContaining({ message: 'Khóa API không hợp lệ hoặc đã bị thu hồi.', extensions: { code: 'UNAUTHENTICATED' } })]);
  expect(key.en.errors).toEqual([expect.objectContaining({ message: 'The API key is not valid or was revoked', extensions: { code: 'UNAUTHENTICATED' } })]);
});

it('answers 413 to a body over 4 MB, before GraphQL, in the language asked for', async () => {
  const { vi, en } = await inBoth((language) => post(`{ __typename }`, language, { variables: { padding: 'x'.repeat(4 * 1024 * 1024) } }));
  expect([vi.status, en.status]).toEqual([413, 413]);
  expect(vi.errors).toEqual([expect.objectContaining({ message: 'Nội dung yêu cầu lớn hơn 4 MB.', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
  expect(en.errors).toEqual([expect.objectContaining({ message: 'The request body is larger than 4 MB', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
});

it('refuses a document over the field limit, and a request over the mutation limit, in the language asked for', async () => {
  // Each fragment spreads the next twice: 2^11 fields from a few lines.
  const fragments = Array.from({ length: 12 }, (_, index) => `fragment F${index} on Account { ${index === 11 ? 'id' : `...F${index + 1} ...F${index + 1}`} }`);
  const fanOut = `{ me { ...F0 } } ${fragments.join(' ')}`;
  const fields = await inBoth((language) => post(fanOut, language));
  expect(fields.vi.errors[0]?.extensions.code).toBe('TOO_MANY_FIELDS');
  expect(fields.vi.errors[0]?.message).toMatch(/^Truy vấn mở rộng thành \d+ trường \(tính cả các fragment tại nơi dùng\); giới hạn là 2000\.$/);
  expect(fields.en.errors[0]?.message).toMatch(/^The document expands to \d+ fields \(fragments counted where they are spread\); the limit is 2000$/);
  const signOuts = Array.from({ length: 11 }, (_, index) => `out${index}: signOut(input: { refreshToken: "x" }) { done }`);
  const mutations = await inBoth((language) => post(`mutation { ${signOuts.join(' ')} }`, language));
  expect(mutations.vi.errors).toEqual([expect.objectContaining({ message: 'Thao tác gọi 11 mutation; một yêu cầu được gọi tối đa 10.', extensions: expect.objectContaining({ code: 'TOO_MANY_MUTATIONS' }) })]);
  expect(mutations.en.errors).toEqual([expect.objectContaining({ message: 'The operation calls 11 mutations; one request may call at most 10', extensions: expect.objectContaining({ code: 'TOO_MANY_MUTATIONS' }) })]);
});

it('answers 429 past the rate limit, before GraphQL, in the language asked for', async () => {
  const address = '10.8.0.1';
  await post('{ me { id } }', 'vi', { address });
  await post('{ me { id } }', 'vi', { address });
  const { vi, en } = await inBoth((language) => post('{ me { id } }', language, { address }));
  expect([vi.status, en.status]).toEqual([429, 429]);
  expect(vi.errors[0]?.message).toMatch(/^Quá nhiều yêu cầu: tối đa 2 yêu cầu mỗi phút; hãy thử lại sau \d+ giây\.$/);
  expect(en.errors[0]?.message).toMatch(/^Too many requests: at most 2 a minute; try again in \d+ s$/);
  expect([vi.errors[0]?.extensions.code, en.errors[0]?.extensions.code]).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
});

describe('a subscription refused', () => {
  /** The errors a subscription ended with, on a connection whose `connection_init` names the language. */
  function refusal(query: string, variables: Record<string, unknown>, language: Language): Promise<unknown> {
    const client = createClient({ url: `${api.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { 'accept-language': language }, retryAttempts: 0 });
    clients.push(client);
    return new Promise((resolve) => {
      client.subscribe({ query, variables }, { next: (result) => resolve(result.errors), error: resolve, complete: () => resolve(null) });
    });
  }

  /** How a connection whose credentials do not hold is closed, when its `connection_init` names the language or not. */
  function closing(connectionParams: Record<string, string>): Promise<{ code: number; reason: string }> {
    const client = createClient({ url: `${api.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: false });
    clients.push(client);
    return new Promise((resolve) => client.on('closed', (event) => resolve(event as { code: number; reason: string })));
  }

  it('for a token or an API key that does not hold closes the socket with the reason in the language of its connection', async () => {
    const token = { authorization: 'Bearer not-a-token' };
    const key = { 'x-api-key': 'llk_not-a-key' };
    expect(await closing(token)).toMatchObject({ code: 4403, reason: 'Mã truy cập không hợp lệ hoặc đã hết hạn; hãy làm mới phiên đăng nhập hoặc đăng nhập lại.' });
    expect(await closing({ ...token, 'accept-language': 'en-GB,en;q=0.9' })).toMatchObject({ code: 4403, reason: 'The access token is not valid or has expired; refresh the session or sign in again' });
    expect(await closing({ ...key, 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.5' })).toMatchObject({ code: 4403, reason: 'Khóa API không hợp lệ hoặc đã bị thu hồi.' });
    expect(await closing({ ...key, 'accept-language': 'en' })).toMatchObject({ code: 4403, reason: 'The API key is not valid or was revoked' });
  });

  it('over the depth limit is told so in the language of its connection', async () => {
    const deep = `subscription($id: ID!) { sessionSeats(id: $id) { programme { institution { programmes(first: 1) { edges { node { institution { programmes(first: 1) { edges { node {
      institution { programmes(first: 1) { totalCount } } } } } } } } } } } } }`;
    const id = gid('ProgrammeSession', randomUUID());
    const extensions = { code: 'BAD_USER_INPUT', depth: 13, maxDepth: 12 };
    expect(await refusal(deep, { id }, 'vi')).toEqual([expect.objectContaining({ message: 'Truy vấn lồng sâu 13 cấp; giới hạn là 12.', extensions })]);
    expect(await refusal(deep, { id }, 'en')).toEqual([expect.objectContaining({ message: 'The query is nested 13 levels deep; the limit is 12', extensions })]);
  });

  it('of something that does not exist is told so in the language of its connection', async () => {
    const query = 'subscription($id: ID!) { mediaAssetProcessing(id: $id) { id } }';
    const id = gid('MediaAsset', randomUUID());
    expect(await refusal(query, { id }, 'vi')).toEqual([
      expect.objectContaining({ message: 'Không tìm thấy nội dung được yêu cầu, hoặc bạn không có quyền xem nội dung này.', extensions: { code: 'NOT_FOUND' } }),
    ]);
    expect(await refusal(query, { id }, 'en')).toEqual([expect.objectContaining({ message: 'The media asset was not found', extensions: { code: 'NOT_FOUND' } })]);
  });
});

it('reports the refused lines of a CSV import with a reason code, and the reason in the language asked for', async () => {
  const number = nationalIdFor(1990, Gender.MALE);
  const csv = ['national_id,full_name,birth_year,gender', `${number},Nguyễn Văn Một,1990,MALE`, `${number},Nguyễn Văn Hai,1990,MALE`, '123,Sai Số,1990,MALE', `${nationalIdFor(1991, Gender.FEMALE)},Trần Thị Ba,1991,X`].join('\n');
  const query = `mutation($input: ImportCitizensInput!) { importCitizens(input: $input) { report { created rejected { line code reasonCode reason } } errors { code } } }`;
  const variables = { input: { unitId: gid('AdministrativeUnit', units.longAnKp1.id), csv } };
  const { vi, en } = await inBoth((language) => post(query, language, { token: assessor, variables }));
  const lines = (answer: Refusal) => answer.data?.importCitizens.report.rejected.map((row: { line: number; reasonCode: string; reason: string }) => [row.line, row.reasonCode, row.reason]);
  expect(lines(vi)).toEqual([
    [3, 'DUPLICATE_NATIONAL_ID_LINE', 'Số CCCD này đã có ở dòng 2.'],
    [4, 'NATIONAL_ID_FORMAT', 'Số CCCD gồm đúng 12 chữ số.'],
    [5, 'CSV_VALUE_NOT_ONE_OF', 'Cột gender phải là một trong các giá trị: FEMALE, MALE, OTHER, Nữ, Nam, Khác.'],
  ]);
  expect(lines(en)).toEqual([
    [3, 'DUPLICATE_NATIONAL_ID_LINE', 'the same national ID number is on line 2'],
    [4, 'NATIONAL_ID_FORMAT', 'A national ID number (CCCD) has exactly 12 digits.'],
    [5, 'CSV_VALUE_NOT_ONE_OF', 'gender must be one of FEMALE, MALE, OTHER, Nữ, Nam, Khác'],
  ]);
});
