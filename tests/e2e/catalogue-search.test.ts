import { AccessibilityFeature, InstitutionKind, InstitutionStatus, ProgrammeFormat, ProgrammeKind, Topic } from '../../src/catalogue/catalogue.enums';
import type { Institution } from '../../src/catalogue/institutions/institution.entity';
import type { Programme } from '../../src/catalogue/programmes/programme.entity';
import type { RequestContext } from '../../src/core/context';
import { Role } from '../../src/core/roles';
import { createInstitution, createProgramme, daysFromNow, gid, scheduleSession, seedUnits, type UnitsFixture } from '../helpers/catalogue-fixtures';
import { startTestApi, type GraphQLResponse, type TestApi } from '../helpers/test-api';
import { PRODUCT_NEARBY_QUERY } from '../bench/peer/shapes';

let api: TestApi;
let units: UnitsFixture;
let adminToken: string;

/** The centre of the radius searches: the provincial library. */
const CENTRE = { latitude: 10.5363, longitude: 106.4109 };

/**
 * Places and their distance from the centre. earthdistance measures on a sphere of radius
 * earth() = 6,378,168 m; the haversine below uses the same sphere, so the two agree to the metre.
 */
const PLACES = {
  library: { name: 'Thư viện tỉnh Long An', latitude: 10.5363, longitude: 106.4109 }, // 0 km
  museum: { name: 'Bảo tàng tỉnh Long An', latitude: 10.545, longitude: 106.4109 }, // ~0.97 km
  bookStreet: { name: 'Đường sách Tân An', latitude: 10.5363, longitude: 106.45 }, // ~4.3 km
  culturalHouse: { name: 'Nhà văn hóa phường Tân An', latitude: 10.6, longitude: 106.42 }, // ~7.1 km
  sportsCentre: { name: 'Trung tâm văn hóa thể thao Bình Tâm', latitude: 10.61, longitude: 106.44 }, // ~8.8 km
  farLibrary: { name: 'Thư viện huyện Đức Hòa', latitude: 10.88, longitude: 106.4109 }, // ~38 km
} as const;
const NO_LOCATION = 'Trung tâm học tập cộng đồng phường Tân An';
const CLOSED = 'Bảo tàng cũ Tân An';

const EARTH_RADIUS_M = 6_378_168;

function haversineMetres(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

const institutions: Record<string, Institution> = {};
const programmes: Record<string, Programme> = {};

beforeAll(async () => {
  api = await startTestApi();
  const admin: RequestContext = await api.adminContext();
  adminToken = (await api.account(Role.PROVINCE_ADMIN)).token;
  units = await seedUnits(admin);
  const place = (key: keyof typeof PLACES) => ({ latitude: PLACES[key].latitude, longitude: PLACES[key].longitude });
  institutions.library = await createInstitution(admin, units.longAn, PLACES.library.name, { ...place('library'), address: '2 Hùng Vương, Phường Long An' });
  institutions.museum = await createInstitution(admin, units.longAn, PLACES.museum.name, { ...place('museum'), kind: InstitutionKind.MUSEUM });
  institutions.bookStreet = await createInstitution(admin, units.tanAn, PLACES.bookStreet.name, { ...place('bookStreet'), kind: InstitutionKind.OTHER });
  institutions.culturalHouse = await createInstitution(admin, units.tanAn, PLACES.culturalHouse.name, {
    ...place('culturalHouse'),
    kind: InstitutionKind.CULTURAL_CENTRE,
    description: 'Miễn phí 100% cho người cao tuổi',
  });
  institutions.sportsCentre = await createInstitution(admin, units.tanAn, PLACES.sportsCentre.name, {
    ...place('sportsCentre'),
    kind: InstitutionKind.CULTURE_SPORTS_LEARNING_CENTRE,
    accessibility: [AccessibilityFeature.STEP_FREE_ACCESS],
  });
  institutions.farLibrary = await createInstitution(admin, units.tanAn, PLACES.farLibrary.name, place('farLibrary'));
  institutions.noLocation = await createInstitution(admin, units.tanAn, NO_LOCATION, {
    kind: InstitutionKind.COMMUNITY_LEARNING_CENTRE,
    latitude: null,
    longitude: null,
    description: 'Lớp xóa mù chữ và chuyển giao kỹ thuật nông nghiệp',
  });
  institutions.closed = await createInstitution(admin, units.longAn, CLOSED, { latitude: 10.537, longitude: 106.411, kind: InstitutionKind.MUSEUM, status: InstitutionStatus.CLOSED });

  programmes.computing = await createProgramme(admin, institutions.library, 'Lớp tin học cơ bản cho người cao tuổi', {
    description: 'Sử dụng điện thoại thông minh và dịch vụ công trực tuyến',
  });
  programmes.exhibition = await createProgramme(admin, institutions.museum, 'Triển lãm cổ vật', {
    description: 'Hiện vật khảo cổ học của văn hóa Óc Eo',
    kind: ProgrammeKind.EXHIBITION,
    topics: [Topic.CULTURE_HISTORY],
  });
  programmes.english = await createProgramme(admin, institutions.library, 'Tiếng Anh giao tiếp', {
    kind: ProgrammeKind.ONLINE_COURSE,
    topics: [Topic.FOREIGN_LANGUAGE],
    format: ProgrammeFormat.ONLINE,
  });
  programmes.reading = await createProgramme(admin, institutions.bookStreet, 'Câu lạc bộ đọc sách thiếu nhi', {
    kind: ProgrammeKind.READING_SESSION,
    topics: [Topic.LIFE_SKILLS, Topic.CULTURE_HISTORY],
    format: ProgrammeFormat.HYBRID,
  });
  programmes.draft = await createProgramme(admin, institutions.noLocation, 'Pháp luật cho nông dân', { publish: false, topics: [Topic.LAW] });
  programmes.cancelled = await createProgramme(admin, institutions.library, 'Tin học văn phòng', {});
  await admin.services.programmes.cancel(admin, programmes.cancelled.id, 'Không đủ học viên');

  await scheduleSession(admin, programmes.computing, daysFromNow(-2));
  await scheduleSession(admin, programmes.computing, daysFromNow(1));
  await scheduleSession(admin, programmes.computing, daysFromNow(8));
  await scheduleSession(admin, programmes.exhibition, daysFromNow(3));
  await scheduleSession(admin, programmes.reading, daysFromNow(5));
  await scheduleSession(admin, programmes.english, daysFromNow(20));
  await scheduleSession(admin, programmes.draft, daysFromNow(4));
});

afterAll(async () => {
  await api.close();
});

function ok<T>(result: GraphQLResponse<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

async function institutionNames(filter: Record<string, unknown>, orderBy?: string): Promise<string[]> {
  const data = ok(
    await api.gql<{ institutions: { totalCount: number; edges: { node: { name: string } }[] } }>(
      'query($filter: InstitutionFilter, $orderBy: InstitutionOrder) { institutions(filter: $filter, orderBy: $orderBy, first: 100) { totalCount edges { node { name } } } }',
      { filter, orderBy: orderBy ?? null },
    ),
  );
  expect(data.institutions.totalCount).toBe(data.institutions.edges.length);
  return data.institutions.edges.map((edge) => edge.node.name);
}

async function programmeTitles(filter: Record<string, unknown>, token?: string): Promise<string[]> {
  const data = ok(
    await api.gql<{ programmes: { totalCount: number; edges: { node: { title: string } }[] } }>(
      'query($filter: ProgrammeFilter) { programmes(filter: $filter, first: 100) { totalCount edges { node { title } } } }',
      { filter },
      { token },
    ),
  );
  expect(data.programmes.totalCount).toBe(data.programmes.edges.length);
  return data.programmes.edges.map((edge) => edge.node.title);
}

/** Sessions as "programme title @ day offset", soonest first. */
async function sessionsOf(filter: Record<string, unknown>): Promise<string[]> {
  const data = ok(
    await api.gql<{ sessions: { totalCount: number; edges: { node: { startsAt: string; programme: { title: string } } }[] } }>(
      'query($filter: SessionFilter) { sessions(filter: $filter, first: 100) { totalCount edges { node { startsAt programme { title } } } } }',
      { filter },
    ),
  );
  expect(data.sessions.totalCount).toBe(data.sessions.edges.length);
  return data.sessions.edges.map((edge) => `${edge.node.programme.title} @ ${Math.round((Date.parse(edge.node.startsAt) - daysFromNow(0).getTime()) / 86_400_000)}`);
}

const sorted = (values: string[]) => [...values].sort();

describe('free text search on institutions', () => {
  it('ignores diacritics and case', async () => {
    expect(sorted(await institutionNames({ search: 'thu vien' }))).toEqual(sorted([PLACES.library.name, PLACES.farLibrary.name]));
    expect(await institutionNames({ search: 'bao tang' })).toEqual([PLACES.museum.name]);
    expect(await institutionNames({ search: 'BẢO TÀNG' })).toEqual([PLACES.museum.name]);
    expect(await institutionNames({ search: 'Bảo Tàng Tỉnh' })).toEqual([PLACES.museum.name]);
  });

  it('treats đ/Đ as d', async () => {
    expect(await institutionNames({ search: 'duong sach' })).toEqual([PLACES.bookStreet.name]);
    expect(await institutionNames({ search: 'ĐƯỜNG SÁCH' })).toEqual([PLACES.bookStreet.name]);
    // Best match first: the fuzzy match also lets in every "văn hóa", which shares half the words.
    expect((await institutionNames({ search: 'Duc Hoa' }))[0]).toBe(PLACES.farLibrary.name);
  });

  it('keeps to rows with the text as typed when there are some, and forgives a typo when there are none', async () => {
    // "sinh viên" is as close to "thu vien" by trigrams as the typo "thu vein" is to "thư viện".
    const youthClub = await createInstitution(await api.adminContext(), units.tanAn, 'Câu lạc bộ sinh viên Tân An', { kind: InstitutionKind.CLUB, latitude: null, longitude: null });
    try {
      expect(sorted(await institutionNames({ search: 'thu vien' }))).toEqual(sorted([PLACES.library.name, PLACES.farLibrary.name]));
      expect(await institutionNames({ search: 'sinh vien' })).toEqual([youthClub.name]);
      expect(await institutionNames({ search: 'sinh vein' })).toEqual([youthClub.name]);
    } finally {
      await api.runtime.orm.em.fork().execute('delete from institution where id = ?', [youthClub.id]);
    }
  });

  it('counts the matches once: the count that chose exact matching is the total', async () => {
    const result = await api.gql('{ institutions(filter: { search: "thu vien" }) { totalCount edges { node { name } } } }');
    expect(result.data?.institutions.totalCount).toBe(2);
    // One count that finds exact matches, one page; no second count for totalCount.
    expect(result.extensions?.sqlStatements).toBe(2);
  });

  it('forgives a small typo', async () => {
    expect(sorted(await institutionNames({ search: 'thu vein' }))).toEqual(sorted([PLACES.library.name, PLACES.farLibrary.name]));
    expect(await institutionNames({ search: 'bao tnag' })).toEqual([PLACES.museum.name]);
  });

  it('searches the address and the description too', async () => {
    expect(await institutionNames({ search: 'hung vuong' })).toEqual([PLACES.library.name]);
    expect(await institutionNames({ search: 'xoa mu chu' })).toEqual([NO_LOCATION]);
  });

  it('finds nothing for words no institution has', async () => {
    expect(await institutionNames({ search: 'sân vận động quốc gia' })).toEqual([]);
  });

  it('treats LIKE wildcards as plain characters', async () => {
    expect(await institutionNames({ search: '%' })).toEqual([PLACES.culturalHouse.name]);
    expect(await institutionNames({ search: '100%' })).toEqual([PLACES.culturalHouse.name]);
    expect(await institutionNames({ search: '_' })).toEqual([]);
  });
});

describe('institution filters', () => {
  it('limits to a unit and everything under it', async () => {
    expect(sorted(await institutionNames({ unitId: gid('AdministrativeUnit', units.longAn.id) }))).toEqual(sorted([PLACES.library.name, PLACES.museum.name]));
    expect(await institutionNames({ unitId: gid('AdministrativeUnit', units.province.id) })).toHaveLength(7);
  });

  it('limits to kinds', async () => {
    expect(await institutionNames({ kinds: ['MUSEUM'] })).toEqual([PLACES.museum.name]);
    expect(await institutionNames({ kinds: ['MUSEUM', 'COMMUNITY_LEARNING_CENTRE'] })).toEqual(sorted([PLACES.museum.name, NO_LOCATION]));
  });

  it('leaves out closed institutions unless asked for their status', async () => {
    expect(await institutionNames({})).not.toContain(CLOSED);
    expect(await institutionNames({ statuses: ['CLOSED'] })).toEqual([CLOSED]);
    expect(await institutionNames({ statuses: ['CLOSED', 'ACTIVE'], kinds: ['MUSEUM'] })).toEqual(sorted([PLACES.museum.name, CLOSED]));
  });

  it('combines search and filters', async () => {
    expect(await institutionNames({ search: 'thu vien', unitId: gid('AdministrativeUnit', units.longAn.id) })).toEqual([PLACES.library.name]);
    expect(await institutionNames({ search: 'bao tang', statuses: ['CLOSED'] })).toEqual([CLOSED]);
  });
});

describe('programmes and sessions', () => {
  it('finds published programmes by words of the title or the description, best match first', async () => {
    // Something contains "tin học" as typed, so near matches ("khảo cổ học" shares "học") are left out.
    expect(await programmeTitles({ search: 'tin hoc' })).toEqual(['Lớp tin học cơ bản cho người cao tuổi']);
    // Nothing contains the misspelt words: then near matches count, best first.
    expect((await programmeTitles({ search: 'tin hco' }))[0]).toBe('Lớp tin học cơ bản cho người cao tuổi');
    expect(await programmeTitles({ search: 'oc eo' })).toEqual(['Triển lãm cổ vật']);
    expect(await programmeTitles({ search: 'DIEN THOAI THONG MINH' })).toEqual(['Lớp tin học cơ bản cho người cao tuổi']);
    expect(await programmeTitles({ search: 'tieng anh' })).toEqual(['Tiếng Anh giao tiếp']);
    // The draft matches, but only its staff and administrators see it.
    expect(await programmeTitles({ search: 'phap luat' })).toEqual([]);
    expect(await programmeTitles({ search: 'phap luat', statuses: ['DRAFT'] }, adminToken)).toEqual(['Pháp luật cho nông dân']);
  });

  it('filters programmes by unit subtree, kind, topics (any of them), format and status', async () => {
    expect(await programmeTitles({ unitId: gid('AdministrativeUnit', units.tanAn.id) })).toEqual(['Câu lạc bộ đọc sách thiếu nhi']);
    expect(sorted(await programmeTitles({ unitId: gid('AdministrativeUnit', units.province.id) }))).toEqual(
      sorted(['Lớp tin học cơ bản cho người cao tuổi', 'Triển lãm cổ vật', 'Tiếng Anh giao tiếp', 'Câu lạc bộ đọc sách thiếu nhi']),
    );
    expect(await programmeTitles({ kinds: ['EXHIBITION'] })).toEqual(['Triển lãm cổ vật']);
    expect(sorted(await programmeTitles({ topics: ['CULTURE_HISTORY', 'FOREIGN_LANGUAGE'] }))).toEqual(sorted(['Triển lãm cổ vật', 'Tiếng Anh giao tiếp', 'Câu lạc bộ đọc sách thiếu nhi']));
    expect(await programmeTitles({ topics: ['LAW'] })).toEqual([]);
    expect(sorted(await programmeTitles({ formats: ['ONLINE', 'HYBRID'] }))).toEqual(sorted(['Tiếng Anh giao tiếp', 'Câu lạc bộ đọc sách thiếu nhi']));
    expect(await programmeTitles({ statuses: ['CANCELLED'] })).toEqual(['Tin học văn phòng']);
    expect(await programmeTitles({ statuses: ['DRAFT'] })).toEqual([]);
    expect(await programmeTitles({ institutionKinds: ['MUSEUM'] })).toEqual(['Triển lãm cổ vật']);
  });

  it('finds sessions by the words of their programme, soonest first, leaving out past ones and drafts', async () => {
    expect(await sessionsOf({ search: 'co ban cho nguoi cao tuoi' })).toEqual(['Lớp tin học cơ bản cho người cao tuổi @ 1', 'Lớp tin học cơ bản cho người cao tuổi @ 8']);
    expect(await sessionsOf({ search: 'CƠ BẢN CHO NGƯỜI CAO TUỔI', from: daysFromNow(-30).toISOString() })).toEqual([
      'Lớp tin học cơ bản cho người cao tuổi @ -2',
      'Lớp tin học cơ bản cho người cao tuổi @ 1',
      'Lớp tin học cơ bản cho người cao tuổi @ 8',
    ]);
    expect(await sessionsOf({ search: 'oc eo' })).toEqual(['Triển lãm cổ vật @ 3']);
    expect(await sessionsOf({ search: 'tieng anh' })).toEqual(['Tiếng Anh giao tiếp @ 20']);
    expect(await sessionsOf({ search: 'phap luat' })).toEqual([]);
  });

  it('filters sessions by dates, unit subtree, kind, topics and format', async () => {
    expect(await sessionsOf({ from: daysFromNow(2).toISOString(), to: daysFromNow(8).toISOString() })).toEqual(['Triển lãm cổ vật @ 3', 'Câu lạc bộ đọc sách thiếu nhi @ 5']);
    expect(await sessionsOf({ from: daysFromNow(2).toISOString(), to: daysFromNow(9).toISOString() })).toEqual([
      'Triển lãm cổ vật @ 3',
      'Câu lạc bộ đọc sách thiếu nhi @ 5',
      'Lớp tin học cơ bản cho người cao tuổi @ 8',
    ]);
    expect(await sessionsOf({ unitId: gid('AdministrativeUnit', units.tanAn.id) })).toEqual(['Câu lạc bộ đọc sách thiếu nhi @ 5']);
    expect(await sessionsOf({ kinds: ['EXHIBITION'] })).toEqual(['Triển lãm cổ vật @ 3']);
    expect(await sessionsOf({ topics: ['CULTURE_HISTORY'] })).toEqual(['Triển lãm cổ vật @ 3', 'Câu lạc bộ đọc sách thiếu nhi @ 5']);
    expect(await sessionsOf({ formats: ['ONLINE'] })).toEqual(['Tiếng Anh giao tiếp @ 20']);
    expect(await sessionsOf({ institutionId: gid('Institution', institutions.library?.id as string) })).toEqual([
      'Lớp tin học cơ bản cho người cao tuổi @ 1',
      'Lớp tin học cơ bản cho người cao tuổi @ 8',
      'Tiếng Anh giao tiếp @ 20',
    ]);
  });
});

describe('programme search finds what people mean', () => {
  /** Programmes made for one test and removed after it, so the other tests' counts hold. */
  async function withProgrammes(made: [Institution, string][], check: () => Promise<void>): Promise<void> {
    const admin = await api.adminContext();
    const created: Programme[] = [];
    try {
      for (const [institution, title] of made) created.push(await createProgramme(admin, institution, title));
      await check();
    } finally {
      await api.runtime.orm.em.fork().execute('delete from programme where id = any(?::uuid[])', [`{${created.map((programme) => programme.id).join(',')}}`]);
    }
  }

  it("finds an institution's programmes by its name, and by words of its kind", async () => {
    // Neither title says "thư viện": the institution's name does.
    expect(sorted(await programmeTitles({ search: 'thu vien' }))).toEqual(sorted([programmes.computing!.title, programmes.english!.title]));
    expect(await programmeTitles({ search: 'thu vien tinh long an' })).toEqual(expect.arrayContaining([programmes.computing!.title]));
    expect(await programmeTitles({ search: 'bao tang' })).toEqual([programmes.exhibition!.title]);
    // The museum's name is Vietnamese; its kind's English label is "Museum".
    expect(await programmeTitles({ search: 'museum' })).toEqual([programmes.exhibition!.title]);
    expect(await programmeTitles({ search: 'trung tam hoc tap cong dong', statuses: ['DRAFT'] }, adminToken)).toEqual([programmes.draft!.title]);
  });

  it('finds the words typed spread over the title, the institution’s name and its kind, ranked after the phrase', async () => {
    await withProgrammes(
      [
        [institutions.library!, 'Kỹ năng số cho người cao tuổi'],
        [institutions.bookStreet!, 'Làm quen thư viện số'],
      ],
      async () => {
        // "thư viện" is the library's name, "số" the title's; the other's title has the phrase.
        expect(await programmeTitles({ search: 'thu vien so' })).toEqual(['Làm quen thư viện số', 'Kỹ năng số cho người cao tuổi']);
        // "library" is the English label of the library's kind.
        expect(await programmeTitles({ search: 'so library' })).toEqual(['Kỹ năng số cho người cao tuổi']);
        // A word in none of them still keeps a programme out.
        expect(await programmeTitles({ search: 'thu vien so nong nghiep' })).toEqual([]);
      },
    );
  });

  it('ranks the phrase as typed before every word in another order', async () => {
    await withProgrammes(
      [
        [institutions.bookStreet!, 'Sách hay, cùng đọc'],
        [institutions.bookStreet!, 'Ngày hội đọc sách mùa hè'],
      ],
      async () => {
        const titles = await programmeTitles({ search: 'doc sach' });
        expect(titles).toHaveLength(3);
        expect(sorted(titles.slice(0, 2))).toEqual(sorted(['Câu lạc bộ đọc sách thiếu nhi', 'Ngày hội đọc sách mùa hè']));
        expect(titles[2]).toBe('Sách hay, cùng đọc');
      },
    );
  });

  it('forgives typos only in rows whose words are near the words typed', async () => {
    // Near misses by letters, not by words: each shares trigrams with "thu vien" or "thu vein".
    const nearMisses = ['English Speaking Club', 'Tin học văn phòng nâng cao', 'Thủ công mỹ nghệ', 'Viên chức và thuế', 'Thi vẽ tranh thiếu nhi'];
    await withProgrammes(
      nearMisses.map((title) => [institutions.bookStreet!, title]),
      async () => {
        // The typo: nothing contains "vein", so near words count, and only the libraries' are near.
        expect(sorted(await programmeTitles({ search: 'thu vein' }))).toEqual(sorted([programmes.computing!.title, programmes.english!.title]));
        expect(sorted(await programmeTitles({ search: 'thu vien' }))).toEqual(sorted([programmes.computing!.title, programmes.english!.title]));
        // Words no row has any word near: nothing, however many letters they share.
        expect(await programmeTitles({ search: 'thu vine lop hcoc' })).toEqual([]);
        // Two neighbours swapped, one letter wrong: still found.
        expect(await programmeTitles({ search: 'thu cogn my nghe' })).toEqual(['Thủ công mỹ nghệ']);
        expect(await programmeTitles({ search: 'vien chuc va thue' })).toEqual(['Viên chức và thuế']);
      },
    );
  });
});

describe('radius search', () => {
  type NearEdge = { distanceKm: number | null; node: { name: string; latitude: number | null; longitude: number | null } };

  async function near(radiusKm: number, extra: Record<string, unknown> = {}): Promise<NearEdge[]> {
    const data = ok(
      await api.gql<{ institutions: { totalCount: number; edges: NearEdge[] } }>(
        'query($filter: InstitutionFilter) { institutions(filter: $filter, first: 100) { totalCount edges { distanceKm node { name latitude longitude } } } }',
        { filter: { near: { ...CENTRE, radiusKm }, ...extra } },
      ),
    );
    expect(data.institutions.totalCount).toBe(data.institutions.edges.length);
    return data.institutions.edges;
  }

  it('lists what lies within the radius, nearest first, with the distance to the metre', async () => {
    const edges = await near(8);
    expect(edges.map((edge) => edge.node.name)).toEqual([PLACES.library.name, PLACES.museum.name, PLACES.bookStreet.name, PLACES.culturalHouse.name]);
    for (const edge of edges) {
      const expected = haversineMetres(CENTRE, { latitude: edge.node.latitude as number, longitude: edge.node.longitude as number });
      expect(Math.abs((edge.distanceKm as number) * 1000 - expected)).toBeLessThanOrEqual(1);
    }
    expect(edges[0]?.distanceKm).toBe(0);
    const distances = edges.map((edge) => edge.distanceKm as number);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances[1]).toBeGreaterThan(0.9);
    expect(distances[3]).toBeLessThan(8);
  });

  it("answers the front end's nearby query in two SQL statements, whatever the page size", async () => {
    type Nearby = { institutions: { totalCount: number; pageInfo: { hasNextPage: boolean }; edges: { node: { name: string; unit: { name: string } } }[] } };
    const all = await near(8);
    for (const first of [2, 3]) {
      const result = await api.gql<Nearby>(PRODUCT_NEARBY_QUERY, { near: { ...CENTRE, radiusKm: 8 }, first });
      const { institutions } = ok(result);
      expect(institutions.totalCount).toBe(all.length);
      expect(institutions.pageInfo.hasNextPage).toBe(true);
      expect(institutions.edges.map((edge) => edge.node.name)).toEqual(all.slice(0, first).map((edge) => edge.node.name));
      for (const edge of institutions.edges) expect(edge.node.unit.name).toBeTruthy();
      // The institutions with their units and their count; their next sessions with their programmes.
      expect(result.extensions?.sqlStatements).toBe(2);
    }
  });

  it('leaves out points outside the radius and institutions without a location', async () => {
    const sportsCentreKm = haversineMetres(CENTRE, PLACES.sportsCentre) / 1000;
    expect(sportsCentreKm).toBeGreaterThan(8);
    expect(sportsCentreKm).toBeLessThan(10);
    expect((await near(8)).map((edge) => edge.node.name)).not.toContain(PLACES.sportsCentre.name);
    expect((await near(10)).map((edge) => edge.node.name)).toEqual([
      PLACES.library.name,
      PLACES.museum.name,
      PLACES.bookStreet.name,
      PLACES.culturalHouse.name,
      PLACES.sportsCentre.name,
    ]);
    const all = await near(100);
    expect(all.map((edge) => edge.node.name)).toEqual([
      PLACES.library.name,
      PLACES.museum.name,
      PLACES.bookStreet.name,
      PLACES.culturalHouse.name,
      PLACES.sportsCentre.name,
      PLACES.farLibrary.name,
    ]);
    expect(all.map((edge) => edge.node.name)).not.toContain(NO_LOCATION);
    expect(Math.abs((all[5]?.distanceKm as number) * 1000 - haversineMetres(CENTRE, PLACES.farLibrary))).toBeLessThanOrEqual(1);
  });

  it('combines the radius with search and filters, and gives no distance without `near`', async () => {
    expect((await near(100, { search: 'thu vien' })).map((edge) => edge.node.name)).toEqual(
      expect.arrayContaining([PLACES.library.name, PLACES.farLibrary.name]),
    );
    expect((await near(5, { kinds: ['MUSEUM'] })).map((edge) => edge.node.name)).toEqual([PLACES.museum.name]);
    const closed = await near(5, { statuses: ['CLOSED'] });
    expect(closed.map((edge) => edge.node.name)).toEqual([CLOSED]);
    const plain = ok(await api.gql<{ institutions: { edges: { distanceKm: number | null }[] } }>('{ institutions(first: 3) { edges { distanceKm } } }'));
    expect(plain.institutions.edges.map((edge) => edge.distanceKm)).toEqual([null, null, null]);
  });

  it('orders programmes and sessions by the distance of their institution', async () => {
    const data = ok(
      await api.gql<{ programmes: { edges: { distanceKm: number; node: { title: string } }[] }; sessions: { edges: { distanceKm: number; node: { programme: { title: string } } }[] } }>(
        `query($near: NearInput!) {
          programmes(filter: { near: $near }, first: 10) { edges { distanceKm node { title } } }
          sessions(filter: { near: $near }, orderBy: DISTANCE, first: 10) { edges { distanceKm node { programme { title } } } }
        }`,
        { near: { ...CENTRE, radiusKm: 2 } },
      ),
    );
    expect(data.programmes.edges.map((edge) => edge.node.title).slice(2)).toEqual(['Triển lãm cổ vật']);
    expect(sorted(data.programmes.edges.map((edge) => edge.node.title).slice(0, 2))).toEqual(sorted(['Lớp tin học cơ bản cho người cao tuổi', 'Tiếng Anh giao tiếp']));
    const museumKm = Math.round(haversineMetres(CENTRE, PLACES.museum)) / 1000;
    expect(data.programmes.edges.map((edge) => edge.distanceKm)).toEqual([0, 0, museumKm]);
    // Sessions at the same place tie on distance; the tie's order is stable but not by time.
    const sessions = data.sessions.edges.map((edge) => `${edge.node.programme.title} ${edge.distanceKm}`);
    expect(sorted(sessions.slice(0, 3))).toEqual(['Lớp tin học cơ bản cho người cao tuổi 0', 'Lớp tin học cơ bản cho người cao tuổi 0', 'Tiếng Anh giao tiếp 0']);
    expect(sessions.slice(3)).toEqual([`Triển lãm cổ vật ${museumKm}`]);
  });
});

describe('bad input', () => {
  const query = 'query($filter: InstitutionFilter, $orderBy: InstitutionOrder) { institutions(filter: $filter, orderBy: $orderBy) { edges { node { name } } } }';

  async function refusal(filter: Record<string, unknown>, orderBy: string | null = null) {
    const result = await api.gql(query, { filter, orderBy });
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    return { message: result.errors?.[0]?.message as string, details: JSON.stringify(result.errors?.[0]?.extensions ?? {}) };
  }

  it('refuses a filter on a unit that does not exist', async () => {
    const unknownUnit = gid('AdministrativeUnit', '00000000-0000-4000-8000-000000000000');
    expect((await refusal({ unitId: unknownUnit })).message).toBe('filter.unitId: no administrative unit has this id');
  });

  it('refuses a radius of 0 or over 100 km, saying the limit', async () => {
    expect((await refusal({ near: { ...CENTRE, radiusKm: 0 } })).message).toBe('The input is not valid: radiusKm must be more than 0');
    expect((await refusal({ near: { ...CENTRE, radiusKm: -5 } })).details).toContain('radiusKm must be more than 0');
    expect(await refusal({ near: { ...CENTRE, radiusKm: 101 } })).toMatchObject({
      message: 'The input is not valid: radiusKm must be at most 100',
      details: expect.stringContaining('radiusKm must be at most 100'),
    });
    // The limit itself is allowed.
    expect(ok(await api.gql(query, { filter: { near: { ...CENTRE, radiusKm: 100 } } }))).toBeDefined();
  });

  it('refuses a latitude or longitude off the globe', async () => {
    expect((await refusal({ near: { latitude: 91, longitude: 106.4, radiusKm: 5 } })).details).toMatch(/latitude must not be greater than 90/);
    expect((await refusal({ near: { latitude: 10.5, longitude: -181, radiusKm: 5 } })).details).toMatch(/longitude must not be less than -180/);
  });

  it('refuses a search over 200 characters, and accepts 200', async () => {
    expect((await refusal({ search: 'a'.repeat(201) })).details).toMatch(/search must be shorter than or equal to 200 characters/);
    expect(ok(await api.gql(query, { filter: { search: 'a'.repeat(200) } }))).toEqual({ institutions: { edges: [] } });
    const programmes = await api.gql('query($s: String) { programmes(filter: { search: $s }) { totalCount } }', { s: 'b'.repeat(201) });
    expect(programmes.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const sessions = await api.gql('query($s: String) { sessions(filter: { search: $s }) { totalCount } }', { s: 'c'.repeat(201) });
    expect(sessions.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses ordering by distance without a point, and by relevance without words', async () => {
    expect((await refusal({}, 'DISTANCE')).message).toBe('Ordering by DISTANCE needs filter.near');
    expect((await refusal({ search: 'thu vien' }, 'DISTANCE')).message).toBe('Ordering by DISTANCE needs filter.near');
    expect((await refusal({}, 'RELEVANCE')).message).toBe('Ordering by RELEVANCE needs filter.search');
    const programmes = await api.gql('{ programmes(orderBy: DISTANCE) { totalCount } }');
    expect(programmes.errors?.[0]).toMatchObject({ message: 'Ordering by DISTANCE needs filter.near', extensions: { code: 'BAD_USER_INPUT' } });
    const sessions = await api.gql('{ sessions(orderBy: DISTANCE) { totalCount } }');
    expect(sessions.errors?.[0]).toMatchObject({ message: 'Ordering by DISTANCE needs filter.near', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('refuses a variable that does not fit its type as BAD_USER_INPUT, not as an internal error', async () => {
    const result = await refusal({ kinds: ['NoSuchKind'] });
    expect(result.message).toMatch(/NoSuchKind/);
    const wrongType = await api.gql('query($first: Int) { institutions(first: $first) { totalCount } }', { first: 'ten' });
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrongType.errors?.[0]?.message).toMatch(/\$first/);
  });
});
