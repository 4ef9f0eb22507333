import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Role } from '../core/roles';
import {
  Audience,
  InstitutionKind,
  ProgrammeFormat,
  ProgrammeKind,
  RecurrenceFrequency,
  Topic,
} from '../catalogue/catalogue.enums';
import { Institution } from '../catalogue/institutions/institution.entity';
import { PROJECT_ROOT } from '../core/paths';
import type { Runtime } from '../app/runtime';
import { systemContext } from '../app/system-context';
import { todayInVietnam, VIETNAM_OFFSET_MS } from '../core/time';
import { loadBodiesDemo } from './bodies-demo';
import { loadEmulationDemo } from './emulation-demo';
import { loadPeopleDemo } from './people-demo';
import { loadLearningDemo } from './learning-demo';
import { loadReportsDemo } from './reports-demo';
import { loadResourcesDemo } from './resources-demo';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';

export const REFERENCE_DATA_DIR = path.join(PROJECT_ROOT, 'src', 'catalogue', 'reference-data');
export const UNIT_FILES = ['long-an-units-2024.csv', 'tay-ninh-units-2025.csv'];

interface DemoInstitution {
  key: string;
  unitCode: string;
  name: string;
  kind: InstitutionKind;
  address: string;
  latitude: number;
  longitude: number;
  openingHours: string;
  description: string;
}

// Places are real units of Long An (now Tây Ninh); the institutions' details are illustrative.
const INSTITUTIONS: DemoInstitution[] = [
  { key: 'library', unitCode: '27694', name: 'Thư viện tỉnh Long An', kind: InstitutionKind.LIBRARY, address: 'Phường Long An, Tây Ninh', latitude: 10.5363, longitude: 106.4109, openingHours: 'Thứ 2 – Thứ 7: 7:30–11:00, 13:30–17:00', description: 'Phòng đọc, phòng thiếu nhi, góc kỹ năng số và sách nói cho người khiếm thị.' },
  { key: 'museum', unitCode: '27694', name: 'Bảo tàng tỉnh Long An', kind: InstitutionKind.MUSEUM, address: 'Quốc lộ 1, Phường Long An, Tây Ninh', latitude: 10.5402, longitude: 106.406, openingHours: 'Thứ 3 – Chủ nhật: 7:30–16:30', description: 'Hiện vật văn hóa Óc Eo, lịch sử kháng chiến và nghề truyền thống vùng Đồng Tháp Mười.' },
  { key: 'culture', unitCode: '27712', name: 'Trung tâm Văn hóa tỉnh', kind: InstitutionKind.CULTURAL_CENTRE, address: 'Phường Tân An, Tây Ninh', latitude: 10.528, longitude: 106.423, openingHours: 'Hằng ngày: 7:00–21:00', description: 'Hội trường, câu lạc bộ văn nghệ, lớp năng khiếu.' },
  { key: 'clc-khanh-hau', unitCode: '27715', name: 'Trung tâm học tập cộng đồng Phường Khánh Hậu', kind: InstitutionKind.COMMUNITY_LEARNING_CENTRE, address: 'Phường Khánh Hậu, Tây Ninh', latitude: 10.505, longitude: 106.392, openingHours: 'Thứ 2 – Thứ 6: 7:30–17:00; tối thứ 4: 18:30–20:30', description: 'Lớp chuyên đề pháp luật, nông nghiệp, sức khỏe cho người dân trong phường.' },
  { key: 'clc-ben-luc', unitCode: '27991', name: 'Trung tâm học tập cộng đồng Xã Bến Lức', kind: InstitutionKind.COMMUNITY_LEARNING_CENTRE, address: 'Xã Bến Lức, Tây Ninh', latitude: 10.639, longitude: 106.49, openingHours: 'Thứ 2 – Thứ 7: 7:30–17:00', description: 'Lớp tiếng Anh, tin học và nghề ngắn hạn cho thanh niên và người lao động.' },
  { key: 'gdtx', unitCode: '27787', name: 'Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên Kiến Tường', kind: InstitutionKind.CONTINUING_EDUCATION_CENTRE, address: 'Phường Kiến Tường, Tây Ninh', latitude: 10.776, longitude: 105.933, openingHours: 'Thứ 2 – Thứ 6: 7:00–17:00', description: 'Bổ túc văn hóa, tin học văn phòng, nghề ngắn hạn.' },
  { key: 'club', unitCode: '27694', name: 'Câu lạc bộ Tiếng Anh thanh niên Tân An', kind: InstitutionKind.CLUB, address: 'Nhà Văn hóa Thanh niên, Phường Long An', latitude: 10.5371, longitude: 106.4145, openingHours: 'Tối thứ 3 và thứ 5: 19:00–21:00', description: 'Sinh hoạt nói tiếng Anh miễn phí cho học sinh, sinh viên và người đi làm.' },
  { key: 'vhtt-tan-hung', unitCode: '27721', name: 'Trung tâm Văn hóa – Thể thao và Học tập cộng đồng Xã Tân Hưng', kind: InstitutionKind.CULTURE_SPORTS_LEARNING_CENTRE, address: 'Xã Tân Hưng, Tây Ninh', latitude: 10.84, longitude: 105.66, openingHours: 'Thứ 2 – Chủ nhật: 7:00–20:00', description: 'Văn hóa, thể thao và lớp học cộng đồng cho các ấp vùng biên giới.' },
];

interface DemoProgramme {
  institution: string;
  title: string;
  kind: ProgrammeKind;
  topics: Topic[];
  audiences: Audience[];
  format: ProgrammeFormat;
  publish: boolean;
  /** Days from the next Monday, local start hour, length in hours, weekly/monthly repeats until N weeks later. */
  firstDay: number;
  hour: number;
  hours: number;
  capacity: number | null;
  repeat: { frequency: RecurrenceFrequency; weeks: number } | null;
  description: string;
}

const PROGRAMMES: DemoProgramme[] = [
  { institution: 'library', title: 'Kỹ năng số cho người cao tuổi', kind: ProgrammeKind.COURSE, topics: [Topic.DIGITAL_SKILLS], audiences: [Audience.OLDER_PEOPLE], format: ProgrammeFormat.IN_PERSON, publish: true, firstDay: 0, hour: 8, hours: 2, capacity: 25, repeat: { frequency: RecurrenceFrequency.WEEKLY, weeks: 8 }, description: 'Dùng điện thoại thông minh, Zalo, dịch vụ công trực tuyến và nhận biết lừa đảo qua mạng.' },
  { institution: 'library', title: 'Giờ đọc sách thiếu nhi', kind: ProgrammeKind.READING_SESSION, topics: [Topic.CULTURE_HISTORY, Topic.LIFE_SKILLS], audiences: [Audience.CHILDREN, Audience.FAMILIES], format: ProgrammeFormat.IN_PERSON, publish: true, firstDay: 5, hour: 9, hours: 1.5, capacity: 40, repeat: { frequency: RecurrenceFrequency.WEEKLY, weeks: 12 }, description: 'Đọc truyện, kể chuyện và vẽ tranh theo sách mỗi sáng thứ Bảy.' },
  { institution: 'library', title: 'Khai thác thư viện số (bản nháp)', kind: ProgrammeKind.WORKSHOP, topics: [Topic.DIGITAL_SKILLS], audiences: [Audience.YOUTH], format: ProgrammeFormat.HYBRID, publish: false, firstDay: 9, hour: 14, hours: 2, capacity: 30, repeat: null, description: 'Tìm sách điện tử, tài liệu số và học liệu mở.' },
  { institution: 'museum', title: 'Long An – Đất và người', kind: ProgrammeKind.EXHIBITION, topics: [Topic.CULTURE_HISTORY], audiences: [Audience.EVERYONE], format: ProgrammeFormat.IN_PERSON, publish: true, firstDay: 1, hour: 8, hours: 8, capacity: null, repeat: { frequency: RecurrenceFrequency.MONTHLY, weeks: 12 }, description: 'Trưng bày chuyên đề về văn hóa Óc Eo và lịch sử vùng đất Long An.' },
  { institution: 'clc-khanh-hau', title: 'Phổ biến Luật Đất đai 2024', kind: ProgrammeKind.TALK, topics: [Topic.LAW, Topic.POLITICS_CIVICS], audiences: [Audience.ADULTS], format: ProgrammeFormat.IN_PERSON, publish: true, firstDay: 2, hour: 19, hours: 2, capacity: 80, repeat: { frequency: RecurrenceFrequency.MONTHLY, weeks: 16 }, description: 'Những điểm mới của Luật Đất đai 2024 mà người dân cần biết.' },
  { institution: 'clc-khanh-hau', title: 'Kỹ thuật trồng thanh long theo VietGAP', kind: ProgrammeKind.WORKSHOP, topics: [Topic.AGRICULTURE, Topic.VOCATIONAL], audiences: [Audience.FARMERS], format: ProgrammeFormat.IN_PERSON, publish: true, firstDay: 3, hour: 7, hours: 3, capacity: 35, repeat: { frequency: RecurrenceFrequency.WEEKLY, weeks: 4 }, description: 'Chăm sóc, phòng bệnh và ghi chép nhật ký sản xuất theo VietGAP.' },
  { institution: 'clc-ben-luc', title: 'Tiếng Anh giao tiếp cơ bản', kind: ProgrammeKind.COURSE, topics: [Topic.FOREIGN_LANGUAGE], audiences: [Audience.YOUTH, Audience.WORKERS], format: ProgrammeFormat.IN_PERSON, publish: true, firstDay: 1, hour: 18, hours: 1.5, capacity: 30, repeat: { frequency: RecurrenceFrequency.WEEKLY, weeks: 10 }, description: 'Giao tiếp hằng ngày và trong công việc tại khu công nghiệp.' },
  { institution: 'culture', title: 'Chăm sóc sức khỏe gia đình', kind: ProgrammeKind.TALK, topics: [Topic.HEALTH], audiences: [Audience.FAMILIES, Audience.OLDER_PEOPLE], format: ProgrammeFormat.HYBRID, publish: true, firstDay: 4, hour: 15, hours: 2, capacity: 120, repeat: { frequency: RecurrenceFrequency.MONTHLY, weeks: 12 }, description: 'Dinh dưỡng, phòng bệnh không lây nhiễm và sơ cứu tại nhà.' },
  { institution: 'gdtx', title: 'Tin học văn phòng', kind: ProgrammeKind.COURSE, topics: [Topic.DIGITAL_SKILLS, Topic.VOCATIONAL], audiences: [Audience.ADULTS, Audience.WORKERS], format: ProgrammeFormat.IN_PERSON, publish: true, firstDay: 0, hour: 18, hours: 2, capacity: 25, repeat: { frequency: RecurrenceFrequency.WEEKLY, weeks: 10 }, description: 'Soạn thảo văn bản, bảng tính và thư điện tử.' },
  { institution: 'club', title: 'English Speaking Club', kind: ProgrammeKind.CLUB_MEETING, topics: [Topic.FOREIGN_LANGUAGE], audiences: [Audience.YOUTH], format: ProgrammeFormat.IN_PERSON, publish: true, firstDay: 1, hour: 19, hours: 2, capacity: 50, repeat: { frequency: RecurrenceFrequency.WEEKLY, weeks: 8 }, description: 'Chủ đề mới mỗi tuần, có tình nguyện viên bản ngữ.' },
  { institution: 'vhtt-tan-hung', title: 'Phòng chống đuối nước cho trẻ em', kind: ProgrammeKind.WORKSHOP, topics: [Topic.LIFE_SKILLS, Topic.HEALTH], audiences: [Audience.CHILDREN, Audience.FAMILIES], format: ProgrammeFormat.IN_PERSON, publish: true, firstDay: 6, hour: 8, hours: 3, capacity: 60, repeat: { frequency: RecurrenceFrequency.WEEKLY, weeks: 6 }, description: 'Kỹ năng an toàn sông nước và bơi cơ bản.' },
];

const HAMLETS = [
  { commune: '27694', code: 'KP1', name: 'Khu phố 1' },
  { commune: '27694', code: 'KP2', name: 'Khu phố 2' },
  { commune: '27694', code: 'KP3', name: 'Khu phố 3' },
  { commune: '27991', code: 'A1', name: 'Ấp 1' },
  { commune: '27991', code: 'A2', name: 'Ấp 2' },
];

/** Midnight (Vietnam) of the next Monday, as an instant. */
function nextMonday(now: Date): Date {
  const local = new Date(`${todayInVietnam(now)}T00:00:00Z`);
  const daysAhead = (8 - local.getUTCDay()) % 7 || 7;
  return new Date(local.getTime() + daysAhead * 86_400_000 - VIETNAM_OFFSET_MS);
}

/**
 * Loads the real administrative units and, on an empty catalogue, demo institutions, programmes,
 * accounts, people, learning resources of every kind and two years of learning records.
 */
export async function loadDemoData({ orm, services, storage, log }: Pick<Runtime, 'orm' | 'services' | 'storage' | 'log'>): Promise<void> {
  const em = orm.em;
  for (const file of UNIT_FILES) {
    const report = await services.unitImport.importCsv(em.fork(), await readFile(path.join(REFERENCE_DATA_DIR, file), 'utf8'));
    log.info({ file, created: report.created, updated: report.updated, rejected: report.rejected.length }, 'imported administrative units');
  }
  if ((await em.fork().count(Institution, {})) > 0) return;

  await em.fork().transactional(async (tx) => {
    const admin = await services.auth.createProvinceAdmin(tx, { login: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD, displayName: 'Quản trị tỉnh (demo)' });
    const ctx = systemContext(tx, services, log, await services.auth.loadActor(tx, admin.id));
    const unit = async (code: string) => {
      const found = await services.units.findByCode(ctx, code, null);
      if (!found) throw new Error(`demo data needs unit ${code}`);
      return found;
    };
    for (const hamlet of HAMLETS) {
      await services.units.createHamlet(ctx, { communeId: (await unit(hamlet.commune)).id, code: hamlet.code, name: hamlet.name });
    }
    const institutions = new Map<string, Institution>();
    for (const { key, unitCode, ...fields } of INSTITUTIONS) {
      institutions.set(key, await services.institutions.create(ctx, (await unit(unitCode)).id, fields));
    }
    const monday = nextMonday(new Date());
    for (const demo of PROGRAMMES) {
      const institution = institutions.get(demo.institution) as Institution;
      const programme = await services.programmes.create(ctx, institution.id, demo);
      const startsAt = new Date(monday.getTime() + demo.firstDay * 86_400_000 + demo.hour * 3_600_000);
      const endsAt = new Date(startsAt.getTime() + demo.hours * 3_600_000);
      const until = demo.repeat ? todayInVietnam(new Date(startsAt.getTime() + demo.repeat.weeks * 7 * 86_400_000)) : null;
      await services.sessions.schedule(ctx, programme.id, {
        startsAt,
        endsAt,
        creditedHours: Math.min(demo.hours, 8),
        capacity: demo.capacity,
        place: demo.format === ProgrammeFormat.ONLINE ? null : 'Hội trường',
        recurrence: demo.repeat && until ? { frequency: demo.repeat.frequency, interval: 1, until } : null,
      });
      if (demo.publish) await services.programmes.publish(ctx, programme.id);
    }
    const assessor = await services.auth.createAccount(tx, { email: DEMO_ACCOUNTS.assessor, phone: null }, DEMO_PASSWORD, 'Cán bộ Phường Long An (demo)', Role.CITIZEN);
    await services.auth.grantRole(ctx, { accountId: assessor.id, role: Role.ASSESSOR, institutionId: null, unitId: (await unit('27694')).id });
    const staff = await services.auth.createAccount(tx, { email: DEMO_ACCOUNTS.staff, phone: null }, DEMO_PASSWORD, 'Cán bộ Thư viện tỉnh (demo)', Role.CITIZEN);
    await services.auth.grantRole(ctx, { accountId: staff.id, role: Role.INSTITUTION_STAFF, institutionId: (institutions.get('library') as Institution).id, unitId: null });
    const citizen = await services.auth.createAccount(tx, { email: null, phone: DEMO_ACCOUNTS.citizen }, DEMO_PASSWORD, 'Nguyễn Thị Hoa (demo)', Role.CITIZEN);
    const citizens = await loadPeopleDemo(ctx, citizen.id);
    const bodies = await loadBodiesDemo(ctx, unit, assessor.id);
    await loadEmulationDemo(ctx, { citizens, bodies, institutions, unit });
    await loadReportsDemo(ctx, bodies);
    log.info({ institutions: INSTITUTIONS.length, programmes: PROGRAMMES.length }, 'loaded demo catalogue and accounts');
  });
  await loadResourcesDemo(em, services, storage, log);
  await loadLearningDemo(em, services, log);
}
