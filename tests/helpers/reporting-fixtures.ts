import type { Body } from '../../src/bodies/body.entity';
import type { RequestContext } from '../../src/core/context';
import { Role } from '../../src/core/roles';
import { appointOfficer, createBody } from './bodies-fixtures';
import { seedUnits, type UnitsFixture } from './catalogue-fixtures';
import type { TestApi } from './test-api';

/** The province's People's Committee over two wards that report to it, an officer of each ward, the Department and a province admin. */
export interface ReportingCommunes {
  admin: RequestContext;
  units: UnitsFixture;
  adminToken: string;
  departmentToken: string;
  longAn: Body;
  tanAn: Body;
  longAnOfficer: { id: string; token: string };
  tanAnOfficer: { id: string; token: string };
}

export async function reportingCommunes(api: TestApi): Promise<ReportingCommunes> {
  const admin = await api.adminContext();
  const units = await seedUnits(admin);
  const adminToken = (await api.account(Role.PROVINCE_ADMIN)).token;
  const departmentToken = (await api.account(Role.EDUCATION_DEPARTMENT)).token;
  const province = await createBody(admin, units.province, 'Ủy ban nhân dân tỉnh Tây Ninh');
  const longAn = await createBody(admin, units.longAn, 'Ủy ban nhân dân Phường Long An', { superior: province });
  const tanAn = await createBody(admin, units.tanAn, 'Ủy ban nhân dân Phường Tân An', { superior: province });
  const longAnOfficer = await api.account(Role.CITIZEN);
  const tanAnOfficer = await api.account(Role.CITIZEN);
  await appointOfficer(admin, longAn, longAnOfficer.id);
  await appointOfficer(admin, tanAn, tanAnOfficer.id);
  return { admin, units, adminToken, departmentToken, longAn, tanAn, longAnOfficer, tanAnOfficer };
}

/** Opens the annual report period of `year` as the province admin; its id. */
export async function openAnnualPeriod(api: TestApi, adminToken: string, year: number): Promise<string> {
  const opened = await api.gql(
    'mutation($input: OpenReportPeriodInput!) { openReportPeriod(input: $input) { period { id } errors { code } } }',
    { input: { kind: 'ANNUAL', fromYear: year, toYear: year } },
    { token: adminToken },
  );
  expect(opened.data?.openReportPeriod.errors).toEqual([]);
  return opened.data?.openReportPeriod.period.id;
}
