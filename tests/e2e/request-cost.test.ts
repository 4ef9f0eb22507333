import { randomBytes } from 'node:crypto';
import { buildClientSchema, getIntrospectionQuery, printSchema } from 'graphql';
import { startTestApi, type GraphQLResponse, type TestApi } from '../helpers/test-api';

// The request limits at their defaults (1,000,000 characters, 10,000 tokens, 2,000 fields, cost 5000,
// root fields at least 10, 10 mutations of which 3 costly). A small rate limit, and one free failed
// sign-in, so a password tried shows. Each test sends from an address of its own (X-Forwarded-For),
// so each has its own rate-limit budget.
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ TRUST_PROXY_HOPS: '1', RATE_LIMIT_PER_MINUTE: '5', SIGN_IN_FREE_FAILURES: '1' });
});

afterAll(async () => {
  await api.close();
});

let addresses = 0;
const newAddress = () => `10.1.${Math.floor(++addresses / 250)}.${addresses % 250}`;

interface Answer {
  status: number;
  body: GraphQLResponse;
  remaining: string | null;
}

async function post(query: string, address: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en', 'x-forwarded-for': address },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse, remaining: response.headers.get('ratelimit-remaining') };
}

/** `{ me { ...F0 } }` where each fragment holds a field and spreads the next one twice: 2^(levels+1) fields from a few hundred bytes. */
function fanOut(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, level) => `fragment F${level} on Account { id ...F${level + 1} ...F${level + 1} }`);
  return ['{ me { ...F0 } }', ...fragments, `fragment F${levels} on Account { id }`].join('\n');
}

const PASSWORD = 'mat-khau-dung';
const newLogin = () => `nguoi-${randomBytes(4).toString('hex')}@test.vn`;
const registration = (alias: string, login: string) =>
  `${alias}: register(input: { login: "${login}", password: "${PASSWORD}", displayName: "Lê Thị Hoa" }) { accessToken errors { code } }`;
const signIn = (alias: string, login: string, password: string) => `${alias}: signIn(input: { login: "${login}", password: "${password}" }) { accessToken errors { code } }`;

describe('fragments spread many times', () => {
  it('refuses a document expanding to 2^21 fields with TOO_MANY_FIELDS, saying the count and the limit', async () => {
    const query = fanOut(20);
    expect(query.length).toBeLessThan(1024);
    const answer = await post(query, newAddress());
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toEqual([
      {
        message: 'The document expands to 2097152 fields (fragments counted where they are spread); the limit is 2000',
        extensions: { code: 'TOO_MANY_FIELDS', fields: 2 ** 21, maxFields: 2000 },
      },
    ]);
  });

  it('counts a fan-out of 2^800 fields too, reporting at most the largest exact number, and no other rule looks at it', async () => {
    // The unknown field would be reported by graphql-js's own rules, had they walked the document.
    const answer = await post(fanOut(800).replace('{ me { ...F0 } }', '{ me { ...F0 } notAField }'), newAddress());
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors?.[0]).toEqual({
      message: 'The document expands to more than 9007199254740991 fields (fragments counted where they are spread); the limit is 2000',
      extensions: { code: 'TOO_MANY_FIELDS', fields: Number.MAX_SAFE_INTEGER, maxFields: 2000 },
    });
  });

  it('answers a document that spreads a fragment in several places within the limit', async () => {
    const answer = await post('{ me { ...Who } again: me { ...Who } } fragment Who on Account { id displayName }', newAddress());
    expect(answer).toMatchObject({ status: 200, body: { data: { me: null, again: null } } });
  });
});

describe('introspection', () => {
  it('answers the standard introspection query of codegen and GraphiQL, 15 levels deep, with the whole schema', async () => {
    const answer = await post(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }), newAddress());
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    const schema = buildClientSchema(answer.body.data as never);
    expect(printSchema(schema)).toContain('type Body implements Node');
  });

  it('still refuses a query nested deeper than 12 levels outside introspection', async () => {
    const deep = `{ me { ${'roles { account { '.repeat(6)}id${' } }'.repeat(6)} } }`;
    const answer = await post(deep, newAddress());
    expect(answer.body.errors?.[0]?.message).toMatch(/^The query is nested \d+ levels deep; the limit is 12$/);
  });
});

describe('the size of a document', () => {
  it('refuses a document of 200,000 tokens with 413 DOCUMENT_TOO_LARGE before parsing it', async () => {
    const query = `{ me { ${'id '.repeat(200_000)} } }`;
    expect(query.length).toBeLessThan(1_000_000);
    const answer = await post(query, newAddress());
    expect(answer.status).toBe(413);
    expect(answer.body.errors).toEqual([
      {
        message: 'The query has more than 10000 tokens (names, punctuation, values); the limit is 10000',
        extensions: { code: 'DOCUMENT_TOO_LARGE', maxTokens: 10_000, requestId: expect.any(String) },
      },
    ]);
  });

  it('refuses a query text over 1,000,000 characters with 413 DOCUMENT_TOO_LARGE, and answers one of exactly 1,000,000', async () => {
    const padded = (length: number) => {
      const query = '{ me { id } }\n#';
      return query + 'x'.repeat(length - query.length);
    };
    for (const length of [1_000_001, 3_900_000]) {
      const answer = await post(padded(length), newAddress());
      expect(answer.status).toBe(413);
      expect(answer.body.errors).toEqual([
        {
          message: `The query is ${length} characters long; the limit is 1000000`,
          extensions: { code: 'DOCUMENT_TOO_LARGE', characters: length, maxCharacters: 1_000_000, requestId: expect.any(String) },
        },
      ]);
    }
    expect(await post(padded(1_000_000), newAddress())).toMatchObject({ status: 200, body: { data: { me: null } } });
  });
});

describe('aliases of a cheap root field', () => {
  const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, index) => `u${index}: administrativeUnit(code: "${index}") { id }`).join(' ')} }`;

  it('costs each root field at least 10, so 600 lookups of a unit are over the budget', async () => {
    const answer = await post(aliases(600), newAddress());
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.[0]).toMatchObject({
      message: 'The query costs 6000; the budget is 5000. Ask for fewer items or fewer nested lists',
      extensions: { code: 'BAD_USER_INPUT', cost: 6000, maxCost: 5000 },
    });
  });

  it('refuses 2,000 of them before parsing: they are more than 10,000 tokens', async () => {
    const answer = await post(aliases(2000), newAddress());
    expect(answer.status).toBe(413);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', maxTokens: 10_000 });
  });
});

describe('pages of nested lists', () => {
  // 100 programmes × (1 + 100 sessions × 1 field) × … is far over 5000, whichever end the pages are taken from.
  const nested = (size: string) => `{ programmes(${size}: 100) { edges { node { sessions(${size}: 100) { edges { node { id } } } } } } }`;

  it.each(['first', 'last'])('costs a page of %s: 100 by its size, not by the default page of 20', async (size) => {
    const answer = await post(nested(size), newAddress());
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', cost: 1 + 100 * (1 + 1 + 1 + 100 * 3), maxCost: 5000 });
  });

  it('costs a page of 2 by its size, from either end', async () => {
    for (const size of ['first', 'last']) {
      const answer = await post(`{ programmes(${size}: 2) { edges { node { id } } } }`, newAddress());
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
    }
  });
});

describe('mutations of one request', () => {
  it('refuses 30 sign-ins in one document before trying any password', async () => {
    const login = newLogin();
    const registered = await post(`mutation { ${registration('register', login)} }`, newAddress());
    expect(registered.body.data?.register.errors).toEqual([]);

    const address = newAddress();
    const guesses = Array.from({ length: 30 }, (_, index) => signIn(`guess${index}`, login, `sai-${index}`));
    const answer = await post(`mutation { ${guesses.join(' ')} }`, address);
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.[0]).toMatchObject({
      message: 'The operation calls 30 mutations; one request may call at most 10',
      extensions: { code: 'TOO_MANY_MUTATIONS', mutations: 30, maxMutations: 10 },
    });
    // One failure counted would make this attempt wait (SIGN_IN_FREE_FAILURES is 1).
    const right = await post(`mutation { ${signIn('signIn', login, PASSWORD)} }`, address);
    expect(right.body.data?.signIn).toMatchObject({ errors: [], accessToken: expect.any(String) });
  });

  it('refuses a second sign-in in a document, even under the other limits', async () => {
    const login = newLogin();
    const answer = await post(`mutation { ${signIn('a', login, 'sai-1')} ${signIn('b', login, 'sai-2')} }`, newAddress());
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]).toMatchObject({
      message: 'The operation calls signIn 2 times; one request may sign in once',
      extensions: { code: 'TOO_MANY_MUTATIONS', signIns: 2, maxSignIns: 1 },
    });
  });

  it('refuses 11 root mutations, and 4 costly ones, counting those in fragments', async () => {
    const signOuts = Array.from({ length: 11 }, (_, index) => `out${index}: signOut(input: { refreshToken: "x" }) { done }`);
    const eleven = await post(`mutation { ...Outs } fragment Outs on Mutation { ${signOuts.join(' ')} }`, newAddress());
    expect(eleven.status).toBe(400);
    expect(eleven.body.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_MUTATIONS', mutations: 11, maxMutations: 10 });

    const registrations = Array.from({ length: 4 }, (_, index) => registration(`r${index}`, newLogin()));
    const four = await post(`mutation { ${registrations.join(' ')} }`, newAddress());
    expect(four.status).toBe(400);
    expect(four.body.errors?.[0]).toMatchObject({
      message: 'The operation calls 4 costly mutations (sign-in, registration, claim codes, imports, uploads, consolidations); one request may call at most 3',
      extensions: { code: 'TOO_MANY_MUTATIONS', costlyMutations: 4, maxCostlyMutations: 3 },
    });
  });

  it('spends one unit of the rate limit per costly call, and refuses with 429 the calls the budget no longer holds', async () => {
    // The budget starts at a fresh minute, so the test does not straddle two windows.
    const secondsIntoMinute = (Date.now() % 60_000) / 1000;
    if (secondsIntoMinute > 55) await new Promise((resolve) => setTimeout(resolve, (61 - secondsIntoMinute) * 1000));
    const address = newAddress();
    const login = newLogin();
    const threeCostly = `mutation { ${registration('a', login)} ${registration('b', newLogin())} ${signIn('c', login, PASSWORD)} }`;
    const first = await post(threeCostly, address);
    expect(first.status).toBe(200);
    expect(first.body.data?.c).toMatchObject({ errors: [], accessToken: expect.any(String) });
    expect(first.remaining).toBe('2');
    expect((await post('{ me { id } }', address)).remaining).toBe('1');

    const again = await post(`mutation { ${registration('a', newLogin())} ${registration('b', newLogin())} ${registration('c', newLogin())} }`, address);
    expect(again.status).toBe(429);
    expect(again.remaining).toBe('0');
    expect(again.body.data).toBeUndefined();
    expect(again.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^Too many requests: at most 5 a minute; try again in \d+ s$/), extensions: { code: 'RATE_LIMITED' } });
  });
});
