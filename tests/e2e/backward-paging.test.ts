import { Role } from '../../src/core/roles';
import type { RequestContext } from '../../src/core/context';
import type { AdministrativeUnit } from '../../src/catalogue/units/unit.entity';
import { todayInVietnam } from '../../src/core/time';
import { createInstitution, createProgramme, daysFromNow, gid, scheduleSession, seedUnits, type UnitsFixture } from '../helpers/catalogue-fixtures';
import { createCitizen } from '../helpers/learning-fixtures';
import { createHousehold, registerCitizen } from '../helpers/people-fixtures';
import type { Citizen } from '../../src/people/citizens/citizen.entity';
import { Gender } from '../../src/people/people.enums';
import { startTestApi, type GraphQLResponse, type TestApi } from '../helpers/test-api';

let api: TestApi;
let admin: RequestContext;
let units: UnitsFixture;
let adminToken: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.adminContext();
  units = await seedUnits(admin);
  adminToken = (await api.account(Role.PROVINCE_ADMIN)).token;
});

afterAll(async () => {
  await api.close();
});

function arranger(): RequestContext {
  return { ...admin, em: admin.em.fork() };
}

interface Page {
  edges: { cursor: string; label: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

type PageArgs = {
  first?: number;
  after?: string | null;
  last?: number;
  before?: string | null;
};


const PAGE_ARGS = '$first: Int, $after: String, $last: Int, $before: String';
const PAGE = 'first: $first, after: $after, last: $last, before: $before';
const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

/** A connection's page out of a response, at `path`, with each node read as a label. */
function pageAt(result: GraphQLResponse, path: string[], label: (node: Record<string, unknown>) => string): Page {
  expect(result.errors).toBeUndefined();
  let value: unknown = result.data;
  for (const key of path) value = (value as Record<string, unknown>)[key];
  const page = value as { edges: { cursor: string; node: Record<string, unknown> }[]; pageInfo: Page['pageInfo'] };
  return { edges: page.edges.map((edge) => ({ cursor: edge.cursor, label: label(edge.node) })), pageInfo: page.pageInfo };
}

const labels = (page: Page) => page.edges.map((edge) => edge.label);
const cursors = (page: Page) => page.edges.map((edge) => edge.cursor);

/**
 * Pages a list forward to its end, then backward from its end, and checks both give the same
 * items in the same order with the same cursors, and that each forward page is what `before` its
 * successor's startCursor gives. Returns the whole list's labels.
 */
async function checkBothWays(fetch: (args: PageArgs) => Promise<Page>, size: number): Promise<string[]> {
  const forward: Page[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await fetch({ first: size, after });
    expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
    forward.push(page);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  const all = forward.flatMap(labels);
  expect(all.length).toBeGreaterThan(2 * size);

  const tail = await fetch({ last: size });
  expect(labels(tail)).toEqual(all.slice(-size));
  expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true, startCursor: tail.edges[0]?.cursor, endCursor: tail.edges[size - 1]?.cursor });

  const backward: Page[] = [tail];
  while (backward[0]?.pageInfo.hasPreviousPage) {
    const page = await fetch({ last: size, before: backward[0].pageInfo.startCursor });
    expect(page.pageInfo.hasNextPage).toBe(true);
    backward.unshift(page);
  }
  expect(backward.flatMap(labels)).toEqual(all);
  expect(backward.flatMap(cursors)).toEqual(forward.flatMap(cursors));
  expect(backward[0]?.edges.length).toBe(all.length % size || size);

  for (let index = 1; index < forward.length; index += 1) {
    const previous = await fetch({ last: size, before: forward[index]?.pageInfo.startCursor });
    expect(cursors(previous)).toEqual(cursors(forward[index - 1] as Page));
    expect(previous.pageInfo).toMatchObject({ hasPreviousPage: index > 1, hasNextPage: true });
  }
  return all;
}

async function newHamlet(code: string): Promise<AdministrativeUnit> {
  return admin.services.units.createHamlet(arranger(), { communeId: units.tanAn.id, code, name: `Khu phố ${code}` });
}

describe('backward paging', () => {
  it('pages institutions by name backward as forward, the last ones without a cursor', async () => {
    const hamlet = await newHamlet('BP1');
    const names = ['Điểm học tập 03', 'Điểm học tập 01', 'Điểm học tập 07', 'Điểm học tập 02', 'Điểm học tập 05', 'Điểm học tập 04', 'Điểm học tập 06', 'Điểm học tập 08'];
    for (const name of names) await createInstitution(arranger(), hamlet, name);
    const fetch = async (args: PageArgs) =>
      pageAt(
        await api.gql(`query($filter: InstitutionFilter, ${PAGE_ARGS}) { list: institutions(filter: $filter, orderBy: NAME, ${PAGE}) { edges { cursor node { name } } ${PAGE_INFO} } }`, {
          filter: { unitId: gid('AdministrativeUnit', hamlet.id) },
          ...args,
        }),
        ['list'],
        (node) => String(node.name),
      );
    expect(await checkBothWays(fetch, 3)).toEqual([...names].sort());
    // All of a short list backward: nothing before, nothing after.
    expect((await fetch({ last: 20 })).pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: false });
    const none = await fetch({ last: 0 });
    expect(none).toEqual({ edges: [], pageInfo: { hasPreviousPage: true, hasNextPage: false, startCursor: null, endCursor: null } });
  });

  it('pages programmes newest first backward, and an institution’s programmes', async () => {
    const institution = await createInstitution(arranger(), units.longAn, 'Thư viện lùi trang');
    const titles: string[] = [];
    for (let n = 1; n <= 7; n += 1) titles.push((await createProgramme(arranger(), institution, `Chuyên đề ${n}`)).title);
    const newestFirst = [...titles].reverse();
    const top = async (args: PageArgs) =>
      pageAt(
        await api.gql(`query($filter: ProgrammeFilter, ${PAGE_ARGS}) { list: programmes(filter: $filter, orderBy: NEWEST, ${PAGE}) { edges { cursor node { title } } ${PAGE_INFO} } }`, {
          filter: { institutionId: gid('Institution', institution.id) },
          ...args,
        }),
        ['list'],
        (node) => String(node.title),
      );
    expect(await checkBothWays(top, 2)).toEqual(newestFirst);
    const nested = async (args: PageArgs) =>
      pageAt(
        await api.gql(`query($id: ID!, ${PAGE_ARGS}) { node(id: $id) { ... on Institution { programmes(${PAGE}) { edges { cursor node { title } } ${PAGE_INFO} } } } }`, {
          id: gid('Institution', institution.id),
          ...args,
        }),
        ['node', 'programmes'],
        (node) => String(node.title),
      );
    expect(await checkBothWays(nested, 3)).toEqual(newestFirst);
  });

  it('pages a programme’s sessions soonest first backward', async () => {
    const institution = await createInstitution(arranger(), units.longAn, 'Nhà văn hóa lùi trang');
    const programme = await createProgramme(arranger(), institution, 'Đọc sách mỗi ngày');
    // Scheduled out of order: the list is by start.
    for (const day of [4, 2, 7, 1, 6, 3, 5]) await scheduleSession(arranger(), programme, daysFromNow(day));
    const label = (node: Record<string, unknown>) => String(node.startsAt);
    const nested = async (args: PageArgs) =>
      pageAt(
        await api.gql(`query($id: ID!, ${PAGE_ARGS}) { node(id: $id) { ... on Programme { sessions(${PAGE}) { edges { cursor node { startsAt } } ${PAGE_INFO} } } } }`, {
          id: gid('Programme', programme.id),
          ...args,
        }),
        ['node', 'sessions'],
        label,
      );
    const starts = await checkBothWays(nested, 3);
    expect(starts).toEqual([...starts].sort());
    expect(starts).toHaveLength(7);
  });

  it('pages a citizen’s own learning logs backward', async () => {
    const citizen = await createCitizen(api, units.longAn);
    // Seven past days of one month (so of one year): the week before today, or before the 8th.
    const dayOfMonth = Number(todayInVietnam().slice(8, 10));
    const start = Date.now() - (dayOfMonth > 7 ? 0 : 8 * 86_400_000);
    const year = Number(todayInVietnam(new Date(start - 86_400_000)).slice(0, 4));
    for (let days = 1; days <= 7; days += 1) {
      const submitted = await api.gql(
        `mutation($input: SubmitLearningLogInput!) { submitLearningLog(input: $input) { errors { code } } }`,
        { input: { activityTitle: `Buổi học ${days}`, occurredOn: todayInVietnam(new Date(start - days * 86_400_000)), hours: 1, topics: ['DIGITAL_SKILLS'], result: 'COMPLETED' } },
        { token: citizen.token },
      );
      expect(submitted.data?.submitLearningLog.errors).toEqual([]);
    }
    const fetch = async (args: PageArgs) =>
      pageAt(
        await api.gql(`query($year: Int!, ${PAGE_ARGS}) { myLearning(year: $year) { logs(${PAGE}) { edges { cursor node { occurredOn } } ${PAGE_INFO} } } }`, { year, ...args }, { token: citizen.token }),
        ['myLearning', 'logs'],
        (node) => String(node.occurredOn),
      );
    const days = await checkBothWays(fetch, 2);
    expect(days).toHaveLength(7);
    expect(new Set(days).size).toBe(7);
  });

  it('pages citizens of an area backward for a province administrator', async () => {
    const hamlet = await newHamlet('BP2');
    const names = ['Trần Văn Bảy', 'Lê Thị Ba', 'Nguyễn Văn Một', 'Phạm Thị Năm', 'Võ Văn Sáu', 'Đỗ Thị Tư', 'Huỳnh Văn Hai'];
    for (const fullName of names) await createCitizen(api, hamlet, { withAccount: false, fullName });
    const fetch = async (args: PageArgs) =>
      pageAt(
        await api.gql(`query($filter: CitizenFilter, ${PAGE_ARGS}) { citizens(filter: $filter, ${PAGE}) { edges { cursor node { fullName } } ${PAGE_INFO} } }`, { filter: { unitId: gid('AdministrativeUnit', hamlet.id) }, ...args }, { token: adminToken }),
        ['citizens'],
        (node) => String(node.fullName),
      );
    expect(new Set(await checkBothWays(fetch, 3))).toEqual(new Set(names));
  });

  it('pages a household’s members (head first, then by name) and a clan’s households backward', async () => {
    const hamlet = await newHamlet('BP3');
    const person = (fullName: string) => registerCitizen(arranger(), hamlet, { fullName, gender: Gender.FEMALE, birthYear: 1985 });
    const head = await person('Trần Văn Chủ');
    const others = ['Lê Thị Ba', 'Võ Văn Sáu', 'Nguyễn Văn Một', 'Đỗ Thị Tư', 'Phạm Thị Năm', 'Huỳnh Văn Hai'];
    const members: Citizen[] = [];
    for (const name of others) members.push(await person(name));
    const household = await createHousehold(arranger(), hamlet, 'Hộ ông Chủ', head, members);
    const membersOf = async (args: PageArgs) =>
      pageAt(
        await api.gql(`query($id: ID!, ${PAGE_ARGS}) { node(id: $id) { ... on Household { memberships(validOn: "2024-06-30", ${PAGE}) { edges { cursor node { fullName } } ${PAGE_INFO} } } } }`, {
          id: gid('Household', household.id),
          ...args,
        }, { token: adminToken }),
        ['node', 'memberships'],
        (node) => String(node.fullName),
      );
    const byName = ['Đỗ Thị Tư', 'Huỳnh Văn Hai', 'Lê Thị Ba', 'Nguyễn Văn Một', 'Phạm Thị Năm', 'Võ Văn Sáu'];
    expect(await checkBothWays(membersOf, 2)).toEqual(['Trần Văn Chủ', ...byName]);

    const clan = await arranger().em.transactional((tx) => admin.services.clans.create({ ...admin, em: tx }, hamlet.id, { name: 'Họ Lùi Trang' }));
    const names = ['Hộ 05', 'Hộ 02', 'Hộ 07', 'Hộ 01', 'Hộ 04', 'Hộ 06', 'Hộ 03'];
    for (const name of names) {
      const joined = await createHousehold(arranger(), hamlet, name, await person(`Chủ ${name}`));
      await arranger().em.transactional((tx) => admin.services.clans.addHousehold({ ...admin, em: tx }, clan.id, joined.id, '2024-02-01'));
    }
    const households = async (args: PageArgs) =>
      pageAt(
        await api.gql(`query($id: ID!, ${PAGE_ARGS}) { node(id: $id) { ... on Clan { memberships(${PAGE}) { edges { cursor node { household { name } } } ${PAGE_INFO} } } } }`, {
          id: gid('Clan', clan.id),
          ...args,
        }, { token: adminToken }),
        ['node', 'memberships'],
        (node) => String((node.household as { name: string }).name),
      );
    expect(await checkBothWays(households, 3)).toEqual([...names].sort());
  });

  it('pages API clients newest first backward', async () => {
    for (let n = 1; n <= 7; n += 1) {
      const created = await api.gql(
        `mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { errors { code } } }`,
        { input: { name: `Ứng dụng ${n}`, contactEmail: `app${n}@example.vn` } },
        { token: adminToken },
      );
      expect(created.data?.createApiClient.errors).toEqual([]);
    }
    const fetch = async (args: PageArgs) =>
      pageAt(await api.gql(`query(${PAGE_ARGS}) { apiClients(${PAGE}) { edges { cursor node { name } } ${PAGE_INFO} } }`, args, { token: adminToken }), ['apiClients'], (node) =>
        String(node.name),
      );
    const names = await checkBothWays(fetch, 3);
    expect(names.slice(0, 7)).toEqual(['Ứng dụng 7', 'Ứng dụng 6', 'Ứng dụng 5', 'Ứng dụng 4', 'Ứng dụng 3', 'Ứng dụng 2', 'Ứng dụng 1']);
  });

  describe('refuses, with BAD_USER_INPUT', () => {
    const query = `query(${PAGE_ARGS}) { institutions(orderBy: NAME, ${PAGE}) { edges { cursor } } }`;
    const ask = (args: PageArgs) => api.gql(query, args as Record<string, unknown>) as Promise<GraphQLResponse>;
    const refusal = async (args: PageArgs) => {
      const result = await ask(args);
      expect(result.data).toBeNull();
      return result.errors?.[0];
    };

    it('first with last, and a mix of forward and backward arguments', async () => {
      expect(await refusal({ first: 2, last: 2 })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'last' }, message: expect.stringMatching(/^Pass first or last, not both/) });
      const cursor = ((await ask({ first: 1 })).data?.institutions.edges[0].cursor ?? '') as string;
      expect(cursor).not.toBe('');
      expect(await refusal({ first: 2, before: cursor })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'before' } });
      expect(await refusal({ last: 2, after: cursor })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'last' } });
    });

    it('a last out of range', async () => {
      expect(await refusal({ last: 101 })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'last' }, message: 'last must be from 0 to 100, got 101' });
      expect(await refusal({ last: -1 })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'last' } });
    });

    it('a tampered before cursor, or one of another list or ordering', async () => {
      const cursor = ((await ask({ last: 1 })).data?.institutions.edges[0].cursor ?? '') as string;
      const [body, signature] = cursor.split('.');
      const decoded = JSON.parse(Buffer.from(body as string, 'base64url').toString('utf8')) as { s: string; k: unknown[] };
      const edited = Buffer.from(JSON.stringify({ ...decoded, k: ['A', decoded.k[1]] }), 'utf8').toString('base64url');
      expect(await refusal({ last: 2, before: `${edited}.${signature}` })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/^The cursor is not valid/) });
      const newest = await api.gql(`query { programmes(orderBy: NEWEST, last: 1) { edges { cursor } } }`);
      const otherList = newest.data?.programmes.edges[0].cursor as string;
      expect(otherList).toBeDefined();
      expect(await refusal({ last: 2, before: otherList })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: 'The cursor belongs to another list or ordering' });
    });
  });
});
