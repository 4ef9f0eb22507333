import type { RequestContext } from '../../src/core/context';
import { createInstitution, createProgramme, daysFromNow, gid, scheduleSession, seedUnits, type UnitsFixture } from '../helpers/catalogue-fixtures';
import { startTestApi, type GraphQLResponse, type TestApi } from '../helpers/test-api';

let api: TestApi;
let admin: RequestContext;
let units: UnitsFixture;

/** Institutions named so that their order by name is their number's. */
const institutionName = (n: number, suffix = '') => `Điểm học tập cộng đồng ${String(n).padStart(4, '0')}${suffix}`;
/** The 21 institutions of the nested query, each with 2 programmes of 2 upcoming sessions. */
const nestedNames: string[] = [];
/** Their ids, in the same order. */
const nestedIds: string[] = [];

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.adminContext();
  units = await seedUnits(admin);
  // 21 institutions, each with 2 published programmes of 2 upcoming sessions: the nested query's data.
  for (let n = 1; n <= 21; n += 1) {
    const ctx = arranger();
    const institution = await createInstitution(ctx, n % 2 ? units.longAn : units.tanAn, institutionName(n * 10));
    nestedNames.push(institution.name);
    nestedIds.push(institution.id);
    for (const title of ['Tin học cơ bản', 'Kỹ năng sống']) {
      const programme = await createProgramme(ctx, institution, `${title} ${n}`);
      await scheduleSession(ctx, programme, daysFromNow(n % 5 + 1));
      await scheduleSession(ctx, programme, daysFromNow(n % 5 + 8));
    }
  }
});

/** The admin's context with an EntityManager of its own: flushing a long-lived one gets slower with every row. */
function arranger(): RequestContext {
  return { ...admin, em: admin.em.fork() };
}

afterAll(async () => {
  await api.close();
});

function ok<T>(result: GraphQLResponse<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string; label: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const PAGE_FIELDS = 'totalCount edges { cursor node { id label: LABEL } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

/** One list a walk pages through: how to ask for a page, and how to add a row before or after a position. */
interface WalkedList {
  page(first: number, after: string | null): Promise<Page>;
  /** Adds a row that sorts before (`before`) or after the last row seen, and returns its label. */
  insert(lastSeen: string, where: 'before' | 'after', serial: number): Promise<string>;
}

const ROWS = 9;
let containers = 0;

/** The institutions of a new hamlet, by name: 11 at first. */
async function institutionsOfAHamlet(): Promise<WalkedList> {
  containers += 1;
  const ctx = arranger();
  const hamlet = await admin.services.units.createHamlet(ctx, { communeId: units.tanAn.id, code: `KP${containers}`, name: `Khu phố ${containers}` });
  for (let n = 1; n <= ROWS; n += 1) await createInstitution(ctx, hamlet, institutionName(n * 10, ` ấp ${containers}`));
  return {
    async page(first, after) {
      const query = `query($filter: InstitutionFilter, $first: Int, $after: String) {
        list: institutions(filter: $filter, orderBy: NAME, first: $first, after: $after) { ${PAGE_FIELDS.replace('LABEL', 'name')} }
      }`;
      return ok(await api.gql<{ list: Page }>(query, { filter: { unitId: gid('AdministrativeUnit', hamlet.id) }, first, after })).list;
    },
    async insert(lastSeen, where, serial) {
      // "… 0110 …" was seen: "… 0105 …" sorts before it, "… 0115 …" after it (and before "… 0120 …").
      const number = Number(/(\d{4})/.exec(lastSeen)?.[1] ?? '0');
      const name = institutionName(number + (where === 'before' ? -5 : 5), ` ấp ${containers} mới ${serial}`);
      await createInstitution(arranger(), hamlet, name);
      return name;
    },
  };
}

/** The published programmes of a new institution, newest first: 11 at first. */
async function programmesOfAnInstitution(): Promise<WalkedList> {
  containers += 1;
  const ctx = arranger();
  const institution = await createInstitution(ctx, units.longAn, `Thư viện ${containers}`);
  for (let n = 1; n <= ROWS; n += 1) await createProgramme(ctx, institution, `Chuyên đề ${n}`);
  return {
    async page(first, after) {
      const query = `query($filter: ProgrammeFilter, $first: Int, $after: String) {
        list: programmes(filter: $filter, orderBy: NEWEST, first: $first, after: $after) { ${PAGE_FIELDS.replace('LABEL', 'title')} }
      }`;
      return ok(await api.gql<{ list: Page }>(query, { filter: { institutionId: gid('Institution', institution.id) }, first, after })).list;
    },
    async insert(lastSeen, where, serial) {
      // A new programme is the newest: it sorts before every programme already seen.
      const title = `Chuyên đề mới ${serial}`;
      const programme = await createProgramme(arranger(), institution, title);
      if (where === 'after') {
        // Made a millisecond older than the last programme seen: it belongs further down the list.
        await arranger().em.getConnection().execute(
          `update programme set created_at = (select created_at - interval '1 millisecond' from programme where title = ? and institution_id = ?) where id = ?`,
          [lastSeen, institution.id, programme.id],
        );
      }
      return title;
    },
  };
}

/** The upcoming sessions of a new programme, soonest first: 11 at first, a day apart. */
async function sessionsOfAProgramme(): Promise<WalkedList> {
  containers += 1;
  const ctx = arranger();
  const institution = await createInstitution(ctx, units.longAn, `Nhà văn hóa ${containers}`);
  const programme = await createProgramme(ctx, institution, 'Đọc sách mỗi ngày');
  for (let day = 1; day <= ROWS; day += 1) await scheduleSession(ctx, programme, daysFromNow(day));
  return {
    async page(first, after) {
      const query = `query($filter: SessionFilter, $first: Int, $after: String) {
        list: sessions(filter: $filter, orderBy: START_TIME, first: $first, after: $after) { ${PAGE_FIELDS.replace('LABEL', 'startsAt')} }
      }`;
      return ok(await api.gql<{ list: Page }>(query, { filter: { programmeId: gid('Programme', programme.id) }, first, after })).list;
    },
    async insert(lastSeen, where, serial) {
      // Half an hour (and a second per insert, to keep start times apart) before or after the last session seen.
      const offset = (where === 'before' ? -1 : 1) * (30 * 60_000 + serial * 1000);
      const session = await scheduleSession(arranger(), programme, new Date(Date.parse(lastSeen) + offset));
      return session.startsAt.toISOString();
    },
  };
}

const LISTS: [string, () => Promise<WalkedList>][] = [
  ['institutions by name', institutionsOfAHamlet],
  ['programmes, newest first', programmesOfAnInstitution],
  ['sessions, soonest first', sessionsOfAProgramme],
];

describe('batched loading', () => {
  const NESTED = `query($first: Int!) {
    institutions(first: $first) { edges { node {
      name
      unit { name }
      upcomingSessions(first: 3) { startsAt programme { title institution { name } } }
      programmes(first: 2) { totalCount edges { node { title sessions(first: 2) { totalCount edges { node { startsAt } } } } } }
    } } }
  }`;

  interface Nested {
    institutions: {
      edges: {
        node: {
          name: string;
          unit: { name: string };
          upcomingSessions: { startsAt: string; programme: { title: string; institution: { name: string } } }[];
          programmes: { totalCount: number; edges: { node: { title: string; sessions: { totalCount: number; edges: { node: { startsAt: string } }[] } } }[] };
        };
      }[];
    };
  }

  it('runs as many SQL statements for 20 institutions as for 2', async () => {
    const small = await api.gql<Nested>(NESTED, { first: 2 });
    const large = await api.gql<Nested>(NESTED, { first: 20 });
    expect(ok(small).institutions.edges).toHaveLength(2);
    const institutions = ok(large).institutions.edges.map((edge) => edge.node);
    expect(institutions).toHaveLength(20);
    // Every level of the query has data, so every loader ran.
    expect(institutions.map((institution) => institution.name)).toEqual(nestedNames.slice(0, 20));
    for (const institution of institutions) {
      expect(['Phường Long An', 'Phường Tân An']).toContain(institution.unit.name);
      expect(institution.upcomingSessions).toHaveLength(3);
      for (const session of institution.upcomingSessions) expect(session.programme.institution.name).toBe(institution.name);
      expect(institution.programmes.totalCount).toBe(2);
      expect(institution.programmes.edges).toHaveLength(2);
      for (const programme of institution.programmes.edges) {
        expect(programme.node.sessions.totalCount).toBe(2);
        expect(programme.node.sessions.edges).toHaveLength(2);
      }
    }
    const statements = small.extensions?.sqlStatements as number;
    expect(typeof statements).toBe('number');
    expect(statements).toBeGreaterThan(0);
    expect(large.extensions?.sqlStatements).toBe(statements);
    // Institutions with their units; upcoming sessions with their programmes (whose institutions are those of the page);
    // programmes with their count; sessions; their count.
    expect(statements).toBe(5);
  });
});

describe('one institution by id', () => {
  const LOOKUP = `query($id: ID!) { node(id: $id) { ... on Institution {
    name unit { name }
    programmes(first: 10) { totalCount edges { node { title } } }
  } } }`;

  interface Lookup {
    node: { name: string; unit: { name: string }; programmes: { totalCount: number; edges: { node: { title: string } }[] } };
  }

  it('reads the institution with its unit, and its programmes with their count: two SQL statements', async () => {
    const id = gid('Institution', nestedIds[0] as string);
    const result = await api.gql<Lookup>(LOOKUP, { id });
    const institution = ok(result).node;
    expect(institution.name).toBe(nestedNames[0]);
    expect(institution.unit.name).toBe('Phường Long An');
    expect(institution.programmes.totalCount).toBe(2);
    expect(institution.programmes.edges.map((edge) => edge.node.title).sort()).toEqual(['Kỹ năng sống 1', 'Tin học cơ bản 1']);
    expect(result.extensions?.sqlStatements).toBe(2);
  });

  it('counts the programmes past a cursor as the whole list, and an empty page from the start as none', async () => {
    const id = gid('Institution', nestedIds[0] as string);
    const PAGED = `query($id: ID!, $after: String, $statuses: [ProgrammeStatus!]) { node(id: $id) { ... on Institution {
      programmes(first: 1, after: $after, statuses: $statuses) { totalCount edges { cursor node { title } } }
    } } }`;
    type Paged = { node: { programmes: { totalCount: number; edges: { cursor: string; node: { title: string } }[] } } };
    const page1 = ok(await api.gql<Paged>(PAGED, { id })).node.programmes;
    expect(page1.totalCount).toBe(2);
    const page2 = ok(await api.gql<Paged>(PAGED, { id, after: page1.edges[0]?.cursor })).node.programmes;
    expect(page2.totalCount).toBe(2);
    expect(page2.edges).toHaveLength(1);
    const past = ok(await api.gql<Paged>(PAGED, { id, after: page2.edges[0]?.cursor })).node.programmes;
    expect(past).toEqual({ totalCount: 2, edges: [] });
    const none = ok(await api.gql<Paged>(PAGED, { id, statuses: ['CANCELLED'] })).node.programmes;
    expect(none).toEqual({ totalCount: 0, edges: [] });
  });
});

describe('keyset pagination while rows are added', () => {
  let serial = 0;

  for (const [name, makeList] of LISTS) {
    for (const first of [2, 3, 4, 5]) {
      it(`walks ${name} ${first} at a time without duplicates or gaps, while rows are added`, async () => {
        const list = await makeList();
        const everything = await list.page(100, null);
        expect(everything.pageInfo.hasNextPage).toBe(false);
        const atStart = everything.edges.map((edge) => edge.node.label);
        expect(atStart).toHaveLength(ROWS);
        expect(everything.totalCount).toBe(atStart.length);

        const seen: string[] = [];
        const insertedBefore: string[] = [];
        const insertedAfter: string[] = [];
        let after: string | null = null;
        let pages = 0;
        for (;;) {
          const page: Page = await list.page(first, after);
          pages += 1;
          expect(page.edges.length).toBeLessThanOrEqual(first);
          expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
          if (pages === 1) expect(page.totalCount).toBe(atStart.length);
          if (page.edges.length) {
            expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor);
            expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1]?.cursor);
          } else {
            expect(page.pageInfo).toMatchObject({ startCursor: null, endCursor: null });
          }
          seen.push(...page.edges.map((edge) => edge.node.label));
          if (!page.pageInfo.hasNextPage) {
            // The last page is never empty: hasNextPage was false on the page before otherwise.
            expect(page.edges.length).toBeGreaterThan(0);
            expect(page.totalCount).toBe(atStart.length + insertedBefore.length + insertedAfter.length);
            break;
          }
          const lastSeen = seen[seen.length - 1] as string;
          serial += 1;
          insertedBefore.push(await list.insert(lastSeen, 'before', serial));
          serial += 1;
          insertedAfter.push(await list.insert(lastSeen, 'after', serial));
          after = page.pageInfo.endCursor;
          expect(pages).toBeLessThan(100);
        }

        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.filter((label) => atStart.includes(label))).toEqual(atStart);
        for (const label of insertedBefore) expect(seen).not.toContain(label);
        expect(seen.filter((label) => !atStart.includes(label)).every((label) => insertedAfter.includes(label))).toBe(true);
        expect(insertedBefore.length).toBeGreaterThan(0);
      });
    }
  }

  it('answers a page after the last one with no items', async () => {
    const list = await institutionsOfAHamlet();
    const everything = await list.page(100, null);
    const last = await list.page(100, everything.pageInfo.endCursor);
    expect(last.edges).toEqual([]);
    expect(last.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
    expect(last.totalCount).toBe(everything.totalCount);
  });

  it('answers first: 0 with no items, the total count, and whether there are items to come', async () => {
    for (const [, makeList] of LISTS) {
      const page = await (await makeList()).page(0, null);
      expect(page.edges).toEqual([]);
      expect(page.totalCount).toBe(ROWS);
      expect(page.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null });
    }
    const empty = ok(
      await api.gql<{ programmes: Page }>(
        `query($filter: ProgrammeFilter) { programmes(filter: $filter, first: 0) { ${PAGE_FIELDS.replace('LABEL', 'title')} } }`,
        { filter: { search: 'không có chương trình nào như thế' } },
      ),
    ).programmes;
    expect(empty).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } });
  });

  it('refuses a cursor of another ordering or a garbled one with BAD_USER_INPUT', async () => {
    const anotherOrdering = { extensions: { code: 'BAD_USER_INPUT' }, message: 'The cursor belongs to another list or ordering' };
    const byName = ok(await api.gql<{ institutions: Page }>('{ institutions(first: 1) { pageInfo { endCursor } } }')).institutions.pageInfo.endCursor;
    // The same list ordered by distance: a name is not a distance.
    const byDistance = await api.gql('query($after: String) { institutions(first: 1, after: $after, filter: { near: { latitude: 10.5, longitude: 106.4, radiusKm: 50 } }) { edges { node { id } } } }', { after: byName });
    expect(byDistance.errors?.[0]).toMatchObject(anotherOrdering);

    const byTitle = ok(await api.gql<{ programmes: Page }>('{ programmes(first: 1, orderBy: TITLE) { pageInfo { endCursor } } }')).programmes.pageInfo.endCursor;
    // A title is not a creation time.
    const newest = await api.gql('query($after: String) { programmes(first: 1, after: $after, orderBy: NEWEST) { edges { node { id } } } }', { after: byTitle });
    expect(newest.errors?.[0]).toMatchObject(anotherOrdering);
    const nested = await api.gql('query($after: String) { institutions(first: 2) { edges { node { programmes(first: 1, after: $after) { totalCount } } } } }', { after: byTitle });
    expect(nested.errors?.[0]).toMatchObject(anotherOrdering);
    // Same key types (a creation time and an id), another list: still refused.
    const byNewest = ok(await api.gql<{ programmes: Page }>('{ programmes(first: 1, orderBy: NEWEST) { pageInfo { endCursor } } }')).programmes.pageInfo.endCursor;
    const sameTypes = await api.gql('query($after: String) { institutions(first: 2) { edges { node { programmes(first: 1, after: $after) { totalCount } } } } }', { after: byNewest });
    expect(sameTypes.errors?.[0]).toMatchObject(anotherOrdering);

    // A signature of the right length in characters but not in bytes.
    const garbled = await api.gql('query($after: String) { institutions(first: 1, after: $after) { edges { node { id } } } }', { after: `${byName?.split('.')[0]}.${'é'.repeat(16)}` });
    expect(garbled.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/^The cursor is not valid/) });
  });
});
