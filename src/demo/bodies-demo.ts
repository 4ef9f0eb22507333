import type { Body } from '../bodies/body.entity';
import { BodyKind } from '../bodies/body.enums';
import type { AdministrativeUnit } from '../catalogue/units/unit.entity';
import type { RequestContext } from '../core/context';
import { Role } from '../core/roles';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';

interface DemoBody {
  key: string;
  name: string;
  shortName: string;
  kind: BodyKind;
  unitCode: string;
  superior: string | null;
}

const PROVINCE = '80';

// The bodies of Tây Ninh (Long An's province since 1 July 2025) that report to the Department of
// Education by 10 December and propose commendations; the communes are those of the demo.
const BODIES: DemoBody[] = [
  { key: 'province', name: 'Ủy ban nhân dân tỉnh Tây Ninh', shortName: 'UBND', kind: BodyKind.PEOPLES_COMMITTEE, unitCode: PROVINCE, superior: null },
  { key: 'education', name: 'Sở Giáo dục và Đào tạo tỉnh Tây Ninh', shortName: 'SGDĐT', kind: BodyKind.DEPARTMENT, unitCode: PROVINCE, superior: 'province' },
  { key: 'homeAffairs', name: 'Sở Nội vụ tỉnh Tây Ninh', shortName: 'SNV', kind: BodyKind.DEPARTMENT, unitCode: PROVINCE, superior: 'province' },
  { key: 'culture', name: 'Sở Văn hóa, Thể thao và Du lịch tỉnh Tây Ninh', shortName: 'SVHTTDL', kind: BodyKind.DEPARTMENT, unitCode: PROVINCE, superior: 'province' },
  { key: 'front', name: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Tây Ninh', shortName: 'MTTQ', kind: BodyKind.FATHERLAND_FRONT, unitCode: PROVINCE, superior: null },
  { key: 'studyPromotion', name: 'Hội Khuyến học tỉnh Tây Ninh', shortName: 'HKH', kind: BodyKind.ASSOCIATION, unitCode: PROVINCE, superior: null },
  { key: 'longAn', name: 'Ủy ban nhân dân Phường Long An', shortName: 'UBND', kind: BodyKind.PEOPLES_COMMITTEE, unitCode: '27694', superior: 'province' },
  { key: 'khanhHau', name: 'Ủy ban nhân dân Phường Khánh Hậu', shortName: 'UBND', kind: BodyKind.PEOPLES_COMMITTEE, unitCode: '27715', superior: 'province' },
  { key: 'benLuc', name: 'Ủy ban nhân dân Xã Bến Lức', shortName: 'UBND', kind: BodyKind.PEOPLES_COMMITTEE, unitCode: '27991', superior: 'province' },
];

/**
 * The bodies, the two departments' officials (with their province-wide roles) and an officer for
 * each commune's People's Committee; the demo assessor of Phường Long An acts for its committee.
 * Runs inside the demo transaction, acting as the province admin.
 */
export async function loadBodiesDemo(ctx: RequestContext, unit: (code: string) => Promise<AdministrativeUnit>, assessorAccountId: string): Promise<Map<string, Body>> {
  const { auth, bodies: service } = ctx.services;
  const bodies = new Map<string, Body>();
  for (const demo of BODIES) {
    const superior = demo.superior ? bodies.get(demo.superior) : null;
    bodies.set(demo.key, await service.create(ctx, { name: demo.name, shortName: demo.shortName, kind: demo.kind, unitId: (await unit(demo.unitCode)).id, superiorId: superior?.id ?? null }));
  }
  const officer = async (login: string, displayName: string, bodyKey: string, role: Role | null) => {
    const account = await auth.createAccount(ctx.em, { email: login, phone: null }, DEMO_PASSWORD, displayName, Role.CITIZEN);
    if (role) await auth.grantRole(ctx, { accountId: account.id, role, institutionId: null, unitId: null });
    await service.appointOfficer(ctx, (bodies.get(bodyKey) as Body).id, account.id);
  };
  await officer(DEMO_ACCOUNTS.educationDepartment, 'Chuyên viên Sở Giáo dục và Đào tạo (demo)', 'education', Role.EDUCATION_DEPARTMENT);
  await officer(DEMO_ACCOUNTS.homeAffairsDepartment, 'Chuyên viên Ban Thi đua - Khen thưởng, Sở Nội vụ (demo)', 'homeAffairs', Role.HOME_AFFAIRS_DEPARTMENT);
  await officer(DEMO_ACCOUNTS.communeKhanhHau, 'Cán bộ UBND Phường Khánh Hậu (demo)', 'khanhHau', null);
  await officer(DEMO_ACCOUNTS.communeBenLuc, 'Cán bộ UBND Xã Bến Lức (demo)', 'benLuc', null);
  await service.appointOfficer(ctx, (bodies.get('longAn') as Body).id, assessorAccountId);
  return bodies;
}
