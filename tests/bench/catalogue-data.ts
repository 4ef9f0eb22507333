import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { AccessibilityFeature, InstitutionKind, InstitutionStatus, ProgrammeFormat, ProgrammeKind, Topic } from '../../src/catalogue/catalogue.enums';

/**
 * Synthetic catalogue for the benchmark: institutions on random points of the province's bounding
 * box, a few published programmes each, and sessions mostly in the coming 90 days. Rows are made
 * here with a seeded generator (the same data every run, apart from ids and "now") and inserted
 * set-based: one `insert … select from unnest($1::uuid[], $2::text[], …)` per chunk of rows.
 */

export interface CatalogueDataOptions {
  institutions: number;
  programmesPerInstitution: { min: number; max: number };
  sessions: number;
  /** Share of sessions that started before `now` (the others start within `upcomingDays`). */
  pastShare: number;
  upcomingDays: number;
  pastDays: number;
  box: { minLat: number; maxLat: number; minLng: number; maxLng: number };
  seed: number;
  now: Date;
}

export interface CatalogueDataReport {
  communes: number;
  institutions: number;
  programmes: number;
  sessions: number;
  upcomingSessions: number;
  timings: { step: string; ms: number }[];
}

export const DEFAULT_DATA_OPTIONS: Omit<CatalogueDataOptions, 'now'> = {
  institutions: 5_000,
  programmesPerInstitution: { min: 2, max: 6 },
  sessions: 100_000,
  pastShare: 0.15,
  upcomingDays: 90,
  pastDays: 60,
  box: { minLat: 10.4, maxLat: 11.8, minLng: 105.5, maxLng: 106.8 },
  seed: 20_251_128,
};

const CHUNK = 20_000;
const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** mulberry32: small, fast, good enough to spread synthetic rows. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return (choices[choices.length - 1] as readonly [T, number])[0];
  }
}

const KINDS: readonly (readonly [InstitutionKind, number])[] = [
  [InstitutionKind.COMMUNITY_LEARNING_CENTRE, 28],
  [InstitutionKind.SCHOOL, 20],
  [InstitutionKind.CULTURE_SPORTS_LEARNING_CENTRE, 14],
  [InstitutionKind.LIBRARY, 12],
  [InstitutionKind.CLUB, 10],
  [InstitutionKind.CULTURAL_CENTRE, 7],
  [InstitutionKind.CONTINUING_EDUCATION_CENTRE, 4],
  [InstitutionKind.MUSEUM, 1],
  [InstitutionKind.OTHER, 4],
];

const KIND_PREFIXES: Record<InstitutionKind, readonly string[]> = {
  [InstitutionKind.LIBRARY]: ['Thư viện', 'Thư viện cộng đồng', 'Tủ sách cộng đồng', 'Phòng đọc sách'],
  [InstitutionKind.MUSEUM]: ['Bảo tàng', 'Nhà trưng bày', 'Khu di tích lịch sử'],
  [InstitutionKind.CULTURAL_CENTRE]: ['Nhà văn hóa', 'Trung tâm Văn hóa', 'Nhà văn hóa thiếu nhi'],
  [InstitutionKind.CULTURE_SPORTS_LEARNING_CENTRE]: ['Trung tâm Văn hóa – Thể thao và Học tập cộng đồng'],
  [InstitutionKind.COMMUNITY_LEARNING_CENTRE]: ['Trung tâm học tập cộng đồng', 'Điểm học tập cộng đồng'],
  [InstitutionKind.CONTINUING_EDUCATION_CENTRE]: ['Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên', 'Trung tâm Giáo dục thường xuyên'],
  [InstitutionKind.SCHOOL]: ['Trường Mầm non', 'Trường Tiểu học', 'Trường THCS', 'Trường THPT'],
  [InstitutionKind.CLUB]: [
    'Câu lạc bộ Tiếng Anh',
    'Câu lạc bộ Người cao tuổi',
    'Câu lạc bộ Đọc sách',
    'Câu lạc bộ Tin học',
    'Câu lạc bộ Nông dân sản xuất giỏi',
    'Câu lạc bộ Đờn ca tài tử',
  ],
  [InstitutionKind.OTHER]: ['Điểm sinh hoạt cộng đồng', 'Nhà thiếu nhi', 'Hợp tác xã'],
};

const KIND_DESCRIPTIONS: Record<InstitutionKind, string> = {
  [InstitutionKind.LIBRARY]: 'Phòng đọc, góc thiếu nhi, mượn sách về nhà và hướng dẫn tra cứu tài liệu điện tử.',
  [InstitutionKind.MUSEUM]: 'Hiện vật văn hóa Óc Eo, lịch sử kháng chiến và nghề truyền thống vùng Đồng Tháp Mười.',
  [InstitutionKind.CULTURAL_CENTRE]: 'Hội trường, câu lạc bộ văn nghệ, lớp năng khiếu cho thiếu nhi.',
  [InstitutionKind.CULTURE_SPORTS_LEARNING_CENTRE]: 'Văn hóa, thể thao và lớp học cộng đồng cho người dân trong xã.',
  [InstitutionKind.COMMUNITY_LEARNING_CENTRE]: 'Lớp chuyên đề pháp luật, nông nghiệp, sức khỏe và kỹ năng số cho người dân.',
  [InstitutionKind.CONTINUING_EDUCATION_CENTRE]: 'Bổ túc văn hóa, tin học văn phòng, ngoại ngữ và nghề ngắn hạn.',
  [InstitutionKind.SCHOOL]: 'Mở cửa thư viện và phòng máy cho người dân vào buổi tối và cuối tuần.',
  [InstitutionKind.CLUB]: 'Sinh hoạt định kỳ, miễn phí, mọi người đều có thể tham gia.',
  [InstitutionKind.OTHER]: 'Điểm sinh hoạt, học tập chung của khu dân cư.',
};

const PEOPLE = [
  'Nguyễn Trãi',
  'Lê Lợi',
  'Trần Hưng Đạo',
  'Võ Văn Tần',
  'Nguyễn Thông',
  'Huỳnh Văn Nhứt',
  'Nguyễn Đình Chiểu',
  'Lý Tự Trọng',
  'Nguyễn Thị Minh Khai',
  'Châu Văn Liêm',
  'Trương Định',
  'Hoàng Hoa Thám',
] as const;

const HAMLETS = [
  'Bình Hòa',
  'Bình Thủy',
  'Tân Long',
  'Long Thạnh',
  'Phước Lợi',
  'Mỹ Yên',
  'An Nhựt Tân',
  'Hưng Điền',
  'Thạnh Phú',
  'Rạch Kiến',
  'Cầu Tre',
  'Gò Đen',
  'Đức Lập',
  'Hòa Khánh',
  'Trà Cú',
  'Long Định',
  'Vĩnh Công',
  'Nhựt Ninh',
  'Tầm Vu',
  'Bình Lãng',
] as const;

const STREETS = [
  'Hùng Vương',
  'Nguyễn Huệ',
  'Trương Định',
  'Quốc lộ 1',
  'Quốc lộ 62',
  'Quốc lộ 50',
  'Tỉnh lộ 827',
  'Châu Văn Giác',
  'Nguyễn Đình Chiểu',
  'Cách Mạng Tháng Tám',
  'Huỳnh Văn Tạo',
  'Lê Văn Tường',
  'Võ Công Tồn',
] as const;

const OPENING_HOURS = [
  'Thứ 2 – Thứ 6: 7:30–11:00, 13:30–17:00',
  'Thứ 2 – Thứ 7: 7:00–17:00',
  'Hằng ngày: 7:00–21:00',
  'Tối thứ 3 và thứ 5: 19:00–21:00',
  'Thứ 3 – Chủ nhật: 7:30–16:30',
] as const;

const TITLES: Record<Topic, readonly string[]> = {
  [Topic.DIGITAL_SKILLS]: ['Lớp kỹ năng số cơ bản', 'Sử dụng điện thoại thông minh an toàn', 'Dịch vụ công trực tuyến cho người dân', 'Tin học văn phòng'],
  [Topic.FOREIGN_LANGUAGE]: ['Tiếng Anh giao tiếp', 'Tiếng Khmer cơ bản', 'Tiếng Anh cho thiếu nhi'],
  [Topic.LAW]: ['Tìm hiểu Luật Đất đai', 'Phổ biến pháp luật về an toàn giao thông', 'Pháp luật về hôn nhân và gia đình'],
  [Topic.LIFE_SKILLS]: ['Kỹ năng phòng chống đuối nước', 'Kỹ năng sơ cấp cứu', 'Quản lý tài chính gia đình'],
  [Topic.VOCATIONAL]: ['Nghề may công nghiệp', 'Sửa chữa xe máy', 'Nấu ăn và làm bánh'],
  [Topic.HEALTH]: ['Chăm sóc sức khỏe người cao tuổi', 'Dinh dưỡng cho trẻ em', 'Phòng chống sốt xuất huyết'],
  [Topic.CULTURE_HISTORY]: ['Lịch sử Đồng Tháp Mười', 'Văn hóa Óc Eo', 'Đờn ca tài tử Nam Bộ'],
  [Topic.AGRICULTURE]: ['Kỹ thuật trồng thanh long', 'Canh tác lúa giảm phát thải', 'Nuôi tôm nước lợ', 'Trồng rau an toàn VietGAP'],
  [Topic.POLITICS_CIVICS]: ['Học tập và làm theo tư tưởng, đạo đức Hồ Chí Minh', 'Quyền và nghĩa vụ công dân'],
  [Topic.OTHER]: ['Sinh hoạt chuyên đề', 'Ngày hội đọc sách'],
};

const PROGRAMME_KINDS: readonly (readonly [ProgrammeKind, number])[] = [
  [ProgrammeKind.COURSE, 35],
  [ProgrammeKind.TALK, 20],
  [ProgrammeKind.WORKSHOP, 15],
  [ProgrammeKind.READING_SESSION, 10],
  [ProgrammeKind.CLUB_MEETING, 10],
  [ProgrammeKind.EXHIBITION, 4],
  [ProgrammeKind.ONLINE_COURSE, 6],
];

const PLACES = ['Hội trường', 'Phòng đọc tầng 2', 'Phòng máy tính', 'Sân văn hóa', 'Phòng học số 1', 'Phòng học số 2', 'Nhà văn hóa ấp', 'Thư viện'] as const;

const TOPICS = Object.values(Topic);
const FEATURES = Object.values(AccessibilityFeature);

/** A PostgreSQL array literal, passed as one text element and cast back to text[] in SQL. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** Columns of one insert, each an array bound as one parameter. */
type Columns = Record<string, unknown[]>;

async function insertChunks(client: Client, table: string, columns: { name: string; type: string; expr?: string }[], rows: Columns, count: number): Promise<void> {
  const names = columns.map((column) => `"${column.name}"`).join(', ');
  const unnest = columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ');
  const aliases = columns.map((_column, index) => `c${index}`);
  const selects = columns.map((column, index) => (column.expr ?? '$').replace('$', aliases[index] as string)).join(', ');
  const sql = `insert into ${table} (created_at, updated_at, ${names})
    select now(), now(), ${selects} from unnest(${unnest}) as t(${aliases.join(', ')})`;
  for (let start = 0; start < count; start += CHUNK) {
    const params = columns.map((column) => (rows[column.name] as unknown[]).slice(start, start + CHUNK));
    await client.query(sql, params);
  }
}

async function timed<T>(timings: { step: string; ms: number }[], step: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  timings.push({ step, ms: performance.now() - started });
  return result;
}

/** A time of day in Vietnam between 7:00 and 19:30 on the day `dayOffset` days from `now`. */
function sessionStart(random: Random, now: Date, dayOffset: number): Date {
  const vietnamDay = Math.floor((now.getTime() + VIETNAM_OFFSET_MS) / DAY_MS) + dayOffset;
  const halfHour = random.int(14, 39);
  return new Date(vietnamDay * DAY_MS - VIETNAM_OFFSET_MS + halfHour * 1_800_000);
}

/** Loads institutions, programmes and sessions over the current communes already imported. */
export async function loadCatalogueData(client: Client, options: CatalogueDataOptions): Promise<CatalogueDataReport> {
  const random = new Random(options.seed);
  const timings: { step: string; ms: number }[] = [];
  const { rows: communes } = await client.query<{ id: string; name: string }>(
    `select id, name from administrative_unit where level = 'COMMUNE' and valid_to is null order by code`,
  );
  if (!communes.length) throw new Error('no current communes: import the units first');

  // Institutions.
  const institutionIds: string[] = [];
  const inst: Columns = { id: [], name: [], kind: [], description: [], address: [], unit_id: [], latitude: [], longitude: [], opening_hours: [], phone: [], accessibility: [], status: [] };
  for (let n = 0; n < options.institutions; n += 1) {
    const id = randomUUID();
    const commune = random.pick(communes);
    const kind = random.weighted(KINDS);
    const prefix = random.pick(KIND_PREFIXES[kind]);
    const hamlet = random.pick(HAMLETS);
    const place =
      kind === InstitutionKind.SCHOOL
        ? random.pick(PEOPLE)
        : kind === InstitutionKind.CLUB || random.chance(0.5)
          ? `ấp ${hamlet}${random.chance(0.3) ? ` ${random.int(1, 4)}` : ''}, ${commune.name}`
          : commune.name;
    institutionIds.push(id);
    inst.id.push(id);
    inst.name.push(`${prefix} ${place}`);
    inst.kind.push(kind);
    inst.description.push(random.chance(0.8) ? KIND_DESCRIPTIONS[kind] : null);
    inst.address.push(`${random.int(1, 450)} ${random.pick(STREETS)}, ấp ${hamlet}, ${commune.name}, Tây Ninh`);
    inst.unit_id.push(commune.id);
    inst.latitude.push(Number(random.between(options.box.minLat, options.box.maxLat).toFixed(6)));
    inst.longitude.push(Number(random.between(options.box.minLng, options.box.maxLng).toFixed(6)));
    inst.opening_hours.push(random.pick(OPENING_HOURS));
    inst.phone.push(`0272 ${String(random.int(3_000_000, 3_999_999))}`);
    inst.accessibility.push(arrayLiteral(FEATURES.filter(() => random.chance(0.2))));
    inst.status.push(random.weighted([[InstitutionStatus.ACTIVE, 95], [InstitutionStatus.TEMPORARILY_CLOSED, 3], [InstitutionStatus.CLOSED, 2]] as const));
  }
  await timed(timings, `insert ${options.institutions} institutions`, () =>
    insertChunks(
      client,
      'institution',
      [
        { name: 'id', type: 'uuid' },
        { name: 'name', type: 'text' },
        { name: 'kind', type: 'text' },
        { name: 'description', type: 'text' },
        { name: 'address', type: 'text' },
        { name: 'unit_id', type: 'uuid' },
        { name: 'latitude', type: 'float8' },
        { name: 'longitude', type: 'float8' },
        { name: 'opening_hours', type: 'text' },
        { name: 'phone', type: 'text' },
        { name: 'accessibility', type: 'text', expr: '$::text[]' },
        { name: 'status', type: 'text' },
      ],
      inst,
      options.institutions,
    ),
  );

  // Programmes: all published.
  const programmes: { id: string; institutionId: string }[] = [];
  const prog: Columns = { id: [], institution_id: [], title: [], description: [], kind: [], topics: [], audiences: [], format: [], fee_vnd: [], status: [], published_at: [] };
  for (const institutionId of institutionIds) {
    const count = random.int(options.programmesPerInstitution.min, options.programmesPerInstitution.max);
    for (let n = 0; n < count; n += 1) {
      const id = randomUUID();
      const topic = random.pick(TOPICS);
      const topics = random.chance(0.3) ? [...new Set([topic, random.pick(TOPICS)])] : [topic];
      const kind = random.weighted(PROGRAMME_KINDS);
      programmes.push({ id, institutionId });
      prog.id.push(id);
      prog.institution_id.push(institutionId);
      prog.title.push(`${random.pick(TITLES[topic])}${random.chance(0.4) ? ` – khóa ${random.int(1, 12)}` : ''}`);
      prog.description.push(random.chance(0.7) ? 'Miễn phí cho người dân; đăng ký tại bộ phận một cửa hoặc qua điện thoại.' : null);
      prog.kind.push(kind);
      prog.topics.push(arrayLiteral(topics));
      prog.audiences.push(arrayLiteral(random.chance(0.5) ? [] : ['ADULTS']));
      prog.format.push(kind === ProgrammeKind.ONLINE_COURSE ? ProgrammeFormat.ONLINE : random.chance(0.1) ? ProgrammeFormat.HYBRID : ProgrammeFormat.IN_PERSON);
      prog.fee_vnd.push(random.chance(0.85) ? 0 : random.int(1, 20) * 50_000);
      prog.status.push('PUBLISHED');
      prog.published_at.push(new Date(options.now.getTime() - random.int(1, 365) * DAY_MS).toISOString());
    }
  }
  await timed(timings, `insert ${programmes.length} programmes`, () =>
    insertChunks(
      client,
      'programme',
      [
        { name: 'id', type: 'uuid' },
        { name: 'institution_id', type: 'uuid' },
        { name: 'title', type: 'text' },
        { name: 'description', type: 'text' },
        { name: 'kind', type: 'text' },
        { name: 'topics', type: 'text', expr: '$::text[]' },
        { name: 'audiences', type: 'text', expr: '$::text[]' },
        { name: 'format', type: 'text' },
        { name: 'fee_vnd', type: 'int4' },
        { name: 'status', type: 'text' },
        { name: 'published_at', type: 'timestamptz' },
      ],
      prog,
      programmes.length,
    ),
  );

  // Sessions: mostly in the coming days, some past, a few cancelled.
  let upcoming = 0;
  const sess: Columns = { id: [], programme_id: [], institution_id: [], starts_at: [], ends_at: [], place: [], capacity: [], credited_hours: [], status: [] };
  for (let n = 0; n < options.sessions; n += 1) {
    const programme = random.pick(programmes);
    const past = random.chance(options.pastShare);
    const startsAt = sessionStart(random, options.now, past ? -random.int(1, options.pastDays) : random.int(1, options.upcomingDays));
    if (!past) upcoming += 1;
    const halfHours = random.int(2, 6);
    sess.id.push(randomUUID());
    sess.programme_id.push(programme.id);
    sess.institution_id.push(programme.institutionId);
    sess.starts_at.push(startsAt.toISOString());
    sess.ends_at.push(new Date(startsAt.getTime() + halfHours * 1_800_000).toISOString());
    sess.place.push(random.chance(0.85) ? random.pick(PLACES) : null);
    sess.capacity.push(random.chance(0.3) ? null : random.int(2, 20) * 10);
    sess.credited_hours.push(halfHours / 2);
    sess.status.push(random.chance(0.03) ? 'CANCELLED' : 'SCHEDULED');
  }
  await timed(timings, `insert ${options.sessions} sessions`, () =>
    insertChunks(
      client,
      'programme_session',
      [
        { name: 'id', type: 'uuid' },
        { name: 'programme_id', type: 'uuid' },
        { name: 'institution_id', type: 'uuid' },
        { name: 'starts_at', type: 'timestamptz' },
        { name: 'ends_at', type: 'timestamptz' },
        { name: 'place', type: 'text' },
        { name: 'capacity', type: 'int4' },
        { name: 'credited_hours', type: 'numeric' },
        { name: 'status', type: 'text' },
      ],
      sess,
      options.sessions,
    ),
  );

  await timed(timings, 'analyze', () => client.query('analyze administrative_unit, institution, programme, programme_session'));
  return { communes: communes.length, institutions: options.institutions, programmes: programmes.length, sessions: options.sessions, upcomingSessions: upcoming, timings };
}
