import { createHash } from 'node:crypto';
import type { Body } from '../../src/bodies/body.entity';
import { BodyKind } from '../../src/bodies/body.enums';
import type { RequestContext } from '../../src/core/context';
import { Role } from '../../src/core/roles';
import { canonicalJson } from '../../src/reports/snapshots/checksum';
import { appointOfficer, createBody } from '../helpers/bodies-fixtures';
import { gid, seedUnits, type UnitsFixture } from '../helpers/catalogue-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let admin: RequestContext;
let units: UnitsFixture;
let adminToken: string;
let departmentToken: string;
let longAnToken: string;
let tanAnToken: string;
let education: Body;
let longAn: Body;
let tanAn: Body;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.adminContext();
  units = await seedUnits(admin);
  adminToken = (await api.account(Role.PROVINCE_ADMIN)).token;
  departmentToken = (await api.account(Role.EDUCATION_DEPARTMENT)).token;
  const province = await createBody(admin, units.province, 'Ủy ban nhân dân tỉnh Tây Ninh');
  education = await createBody(admin, units.province, 'Sở Giáo dục và Đào tạo tỉnh Tây Ninh', { kind: BodyKind.DEPARTMENT, shortName: 'SGDĐT', superior: province });
  longAn = await createBody(admin, units.longAn, 'Ủy ban nhân dân Phường Long An', { superior: province });
  tanAn = await createBody(admin, units.tanAn, 'Ủy ban nhân dân Phường Tân An', { superior: province });
  const [district] = await admin.em.execute<{ id: string }[]>(`select id from administrative_unit where code = '794'`);
  await admin.services.bodies.create(admin, { name: 'Ủy ban nhân dân Thành phố Tân An', shortName: 'UBND', kind: BodyKind.PEOPLES_COMMITTEE, unitId: district?.id ?? '', superiorId: null });
  const longAnOfficer = await api.account(Role.CITIZEN);
  const tanAnOfficer = await api.account(Role.CITIZEN);
  await appointOfficer(admin, longAn, longAnOfficer.id);
  await appointOfficer(admin, tanAn, tanAnOfficer.id);
  longAnToken = longAnOfficer.token;
  tanAnToken = tanAnOfficer.token;
});

afterAll(async () => {
  await api.close();
});

const PERIOD = 'id kind kindLabel fromYear toYear cutOffDate dueDate status reportingBodies { name }';
const REPORT = 'id version status statusLabel late returnReason achievements proposals snapshot { checksum } body { name }';
const OPEN = `mutation($input: OpenReportPeriodInput!) { openReportPeriod(input: $input) { period { ${PERIOD} } errors { field code } } }`;
const PREPARE = `mutation($input: PrepareReportInput!) { prepareReport(input: $input) { report { ${REPORT} } errors { field code } } }`;
const UPDATE = `mutation($input: UpdateReportDraftInput!) { updateReportDraft(input: $input) { report { ${REPORT} } errors { field code } } }`;
const SUBMIT = `mutation($input: ReportInput!) { submitReport(input: $input) { report { ${REPORT} } errors { field code } } }`;
const ACCEPT = `mutation($input: ReportInput!) { acceptReport(input: $input) { report { ${REPORT} } errors { field code } } }`;
const RETURN = `mutation($input: ReturnReportInput!) { returnReport(input: $input) { report { ${REPORT} } errors { field code } } }`;
const NODE = `query($id: ID!) { node(id: $id) { ... on Report { id status } } }`;

async function openAnnual(year: number): Promise<string> {
  const opened = await api.gql(OPEN, { input: { kind: 'ANNUAL', fromYear: year, toYear: year } }, { token: adminToken });
  expect(opened.data?.openReportPeriod.errors).toEqual([]);
  return opened.data?.openReportPeriod.period.id;
}

async function prepared(periodId: string, body: Body, token: string): Promise<string> {
  const result = await api.gql(PREPARE, { input: { periodId, bodyId: gid('Body', body.id) } }, { token });
  expect(result.data?.prepareReport.errors).toEqual([]);
  return result.data?.prepareReport.report.id;
}

describe('report periods', () => {
  it('opens an annual period due on 10 December with the bodies valid then, the next one in one mutation, and lets the admin adjust who reports', async () => {
    const opened = await api.gql(OPEN, { input: { kind: 'ANNUAL', fromYear: 2024, toYear: 2024 } }, { token: adminToken });
    expect(opened.data?.openReportPeriod.period).toMatchObject({ kind: 'ANNUAL', kindLabel: 'Báo cáo năm', dueDate: '2024-12-10', cutOffDate: '2024-12-10', status: 'OPEN' });
    expect(opened.data?.openReportPeriod.period.reportingBodies.map((body: { name: string }) => body.name)).toEqual(['Ủy ban nhân dân Thành phố Tân An']);

    const next = await api.gql(`mutation { openNextAnnualReportPeriod { period { ${PERIOD} } errors { code } } }`, {}, { token: adminToken });
    expect(next.data?.openNextAnnualReportPeriod.period).toMatchObject({ fromYear: 2025, toYear: 2025, dueDate: '2025-12-10' });
    expect(next.data?.openNextAnnualReportPeriod.period.reportingBodies.map((body: { name: string }) => body.name)).toEqual([
      'Sở Giáo dục và Đào tạo tỉnh Tây Ninh',
      'Ủy ban nhân dân Phường Long An',
      'Ủy ban nhân dân Phường Tân An',
    ]);
    const again = await api.gql(OPEN, { input: { kind: 'ANNUAL', fromYear: 2025, toYear: 2025 } }, { token: adminToken });
    expect(again.data?.openReportPeriod.errors).toEqual([{ field: ['input', 'fromYear'], code: 'PERIOD_EXISTS' }]);
    const review = await api.gql(OPEN, { input: { kind: 'INTERIM_REVIEW', fromYear: 2023, toYear: 2025 } }, { token: adminToken });
    expect(review.data?.openReportPeriod.errors).toEqual([{ field: ['input', 'dueDate'], code: 'INVALID_PERIOD' }]);
    const refused = await api.gql(`mutation { openNextAnnualReportPeriod { errors { code } } }`, {}, { token: departmentToken });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const adjusted = await api.gql(
      `mutation($input: AdjustReportingBodiesInput!) { adjustReportingBodies(input: $input) { period { reportingBodies { name } } errors { code } } }`,
      { input: { periodId: next.data?.openNextAnnualReportPeriod.period.id, removeBodyIds: [gid('Body', education.id)] } },
      { token: adminToken },
    );
    expect(adjusted.data?.adjustReportingBodies.period.reportingBodies).toHaveLength(2);
  });

  it('closes a period for the province administrator only, after which no body prepares a report in it; closing again changes nothing', async () => {
    const periodId = await openAnnual(2022);
    const CLOSE = `mutation($input: ReportPeriodInput!) { closeReportPeriod(input: $input) { period { id status } errors { field code } } }`;
    const refused = await api.gql(CLOSE, { input: { periodId } }, { token: departmentToken });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(`query($id: ID!) { node(id: $id) { ... on ReportPeriod { status } } }`, { id: periodId }, { token: adminToken })).data?.node.status).toBe('OPEN');
    for (let time = 0; time < 2; time += 1) {
      const closed = await api.gql(CLOSE, { input: { periodId } }, { token: adminToken });
      expect(closed.data?.closeReportPeriod).toEqual({ period: { id: periodId, status: 'CLOSED' }, errors: [] });
    }
    const late = await api.gql(PREPARE, { input: { periodId, bodyId: gid('Body', tanAn.id) } }, { token: tanAnToken });
    expect(late.data?.prepareReport).toEqual({ report: null, errors: [{ field: ['input', 'periodId'], code: 'PERIOD_CLOSED' }] });
  });
});

describe('the workflow of a report', () => {
  let periodId: string;
  beforeAll(async () => {
    periodId = await openAnnual(2026);
  });

  it("lets only the body's officers prepare its draft, and nobody else read it", async () => {
    const reportId = await prepared(periodId, longAn, longAnToken);
    expect(await prepared(periodId, longAn, longAnToken)).toBe(reportId);

    const other = await api.gql(PREPARE, { input: { periodId, bodyId: gid('Body', longAn.id) } }, { token: tanAnToken });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(NODE, { id: reportId }, { token: tanAnToken })).data?.node).toBeNull();
    expect((await api.gql(NODE, { id: reportId }, { token: departmentToken })).data?.node).toBeNull();
    const versions = await api.gql(`query($p: ID!, $b: ID!) { reportVersions(periodId: $p, bodyId: $b) { id } }`, { p: periodId, b: gid('Body', longAn.id) }, { token: tanAnToken });
    expect(versions.data?.reportVersions).toEqual([]);
    const written = await api.gql(UPDATE, { input: { reportId, achievements: 'Tổ chức 24 buổi sinh hoạt tại Trung tâm học tập cộng đồng.' } }, { token: tanAnToken });
    expect(written.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const accepted = await api.gql(ACCEPT, { input: { reportId } }, { token: departmentToken });
    expect(accepted.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('freezes a submitted report, lets only the Department return or accept it, and corrects it in a new version', async () => {
    const reportId = await prepared(periodId, longAn, longAnToken);
    const written = await api.gql(UPDATE, { input: { reportId, achievements: 'Tổ chức 24 buổi sinh hoạt.', proposals: 'Đề nghị bổ sung kinh phí.' } }, { token: longAnToken });
    expect(written.data?.updateReportDraft.report).toMatchObject({ status: 'DRAFT', achievements: 'Tổ chức 24 buổi sinh hoạt.', snapshot: null });

    const submitted = await api.gql(SUBMIT, { input: { reportId } }, { token: longAnToken });
    expect(submitted.data?.submitReport.report).toMatchObject({ version: 1, status: 'SUBMITTED', statusLabel: 'Đã gửi', late: false });
    const checksum = submitted.data?.submitReport.report.snapshot.checksum;
    expect(checksum).toMatch(/^[0-9a-f]{64}$/);
    expect((await api.gql(NODE, { id: reportId }, { token: departmentToken })).data?.node).toEqual({ id: reportId, status: 'SUBMITTED' });

    const changed = await api.gql(UPDATE, { input: { reportId, achievements: 'Sửa lại' } }, { token: longAnToken });
    expect(changed.data?.updateReportDraft.errors).toEqual([{ field: ['input', 'reportId'], code: 'REPORT_NOT_DRAFT' }]);
    const underReview = await api.gql(PREPARE, { input: { periodId, bodyId: gid('Body', longAn.id) } }, { token: longAnToken });
    expect(underReview.data?.prepareReport.errors).toEqual([{ field: ['input', 'bodyId'], code: 'REPORT_UNDER_REVIEW' }]);
    expect((await api.gql(ACCEPT, { input: { reportId } }, { token: longAnToken })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const returned = await api.gql(RETURN, { input: { reportId, reason: 'Thiếu phần khó khăn, vướng mắc.' } }, { token: departmentToken });
    expect(returned.data?.returnReport.report).toMatchObject({ status: 'RETURNED', returnReason: 'Thiếu phần khó khăn, vướng mắc.', snapshot: { checksum } });
    const twice = await api.gql(ACCEPT, { input: { reportId } }, { token: departmentToken });
    expect(twice.data?.acceptReport.errors).toEqual([{ field: ['input', 'reportId'], code: 'REPORT_NOT_SUBMITTED' }]);

    const correctionId = await prepared(periodId, longAn, longAnToken);
    expect(correctionId).not.toBe(reportId);
    const correction = await api.gql(UPDATE, { input: { reportId: correctionId, difficulties: 'Thiếu cán bộ chuyên trách.' } }, { token: longAnToken });
    expect(correction.data?.updateReportDraft.report).toMatchObject({ version: 2, status: 'DRAFT', achievements: 'Tổ chức 24 buổi sinh hoạt.', proposals: 'Đề nghị bổ sung kinh phí.' });
    await api.gql(SUBMIT, { input: { reportId: correctionId } }, { token: longAnToken });
    const accepted = await api.gql(ACCEPT, { input: { reportId: correctionId } }, { token: departmentToken });
    expect(accepted.data?.acceptReport.report).toMatchObject({ version: 2, status: 'ACCEPTED', statusLabel: 'Đã tiếp nhận' });

    const versions = await api.gql(`query($p: ID!, $b: ID!) { reportVersions(periodId: $p, bodyId: $b) { version status achievements } }`, { p: periodId, b: gid('Body', longAn.id) }, { token: departmentToken });
    expect(versions.data?.reportVersions).toEqual([
      { version: 2, status: 'ACCEPTED', achievements: 'Tổ chức 24 buổi sinh hoạt.' },
      { version: 1, status: 'RETURNED', achievements: 'Tổ chức 24 buổi sinh hoạt.' },
    ]);
  });

  it('keeps the checksum of the canonical JSON of the snapshot, and recomputing on the same data gives the same figures', async () => {
    const [row] = await api.runtime.orm.em.fork().execute<{ id: string; checksum: string; figures: unknown; basis: unknown }[]>(
      `select r.id, s.checksum, s.figures, s.basis from report r join report_snapshot s on s.id = r.snapshot_id where r.body_id = ? and r.version = 2`,
      [longAn.id],
    );
    expect(row?.checksum).toBe(createHash('sha256').update(canonicalJson({ basis: row?.basis, figures: row?.figures })).digest('hex'));
    const check = await api.gql(`query($id: ID!) { verifyReportSnapshot(reportId: $id) { checksum recomputedChecksum matches } }`, { id: gid('Report', row?.id ?? '') }, { token: departmentToken });
    expect(check.data?.verifyReportSnapshot).toEqual({ checksum: row?.checksum, recomputedChecksum: row?.checksum, matches: true });
  });

  it('shows the Department the board with missing bodies, records reminders, and consolidates the accepted reports', async () => {
    const boardQuery = `query($p: ID!) { submissionBoard(periodId: $p) { reportedCount missingCount lateCount lines { body { name } drafting missing late remindedAt report { version status } } } }`;
    expect((await api.gql(boardQuery, { p: periodId }, { token: longAnToken })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await prepared(periodId, tanAn, tanAnToken);
    const board = await api.gql(boardQuery, { p: periodId }, { token: departmentToken });
    expect(board.data?.submissionBoard).toMatchObject({ reportedCount: 1, missingCount: 2, lateCount: 0 });
    expect(board.data?.submissionBoard.lines).toEqual([
      { body: { name: 'Sở Giáo dục và Đào tạo tỉnh Tây Ninh' }, drafting: false, missing: true, late: false, remindedAt: null, report: null },
      { body: { name: 'Ủy ban nhân dân Phường Long An' }, drafting: false, missing: false, late: false, remindedAt: null, report: { version: 2, status: 'ACCEPTED' } },
      { body: { name: 'Ủy ban nhân dân Phường Tân An' }, drafting: true, missing: true, late: false, remindedAt: null, report: null },
    ]);

    const reminded = await api.gql(`mutation($input: ReportPeriodInput!) { sendReportReminders(input: $input) { remindedBodies { name } errors { code } } }`, { input: { periodId } }, { token: departmentToken });
    expect(reminded.data?.sendReportReminders.remindedBodies).toEqual([{ name: 'Sở Giáo dục và Đào tạo tỉnh Tây Ninh' }, { name: 'Ủy ban nhân dân Phường Tân An' }]);
    const after = await api.gql(boardQuery, { p: periodId }, { token: departmentToken });
    expect(after.data?.submissionBoard.lines.map((line: { remindedAt: string | null }) => line.remindedAt !== null)).toEqual([true, false, true]);

    const consolidated = await api.gql(
      `mutation($input: ReportPeriodInput!) { consolidateReports(input: $input) { consolidatedReport { version reports { version body { name } } missingBodies { name } snapshot { checksum } figures { code value } } errors { code } } }`,
      { input: { periodId } },
      { token: departmentToken },
    );
    const report = consolidated.data?.consolidateReports.consolidatedReport;
    expect(report).toMatchObject({ version: 1, reports: [{ version: 2, body: { name: 'Ủy ban nhân dân Phường Long An' } }] });
    expect(report.missingBodies).toEqual([{ name: 'Sở Giáo dục và Đào tạo tỉnh Tây Ninh' }, { name: 'Ủy ban nhân dân Phường Tân An' }]);
    expect(report.figures.map((figure: { code: string }) => figure.code)).toContain('PARTICIPANTS_15_PLUS');
    const refused = await api.gql(`mutation($input: ReportPeriodInput!) { consolidateReports(input: $input) { errors { code } } }`, { input: { periodId } }, { token: longAnToken });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('marks a report submitted after the due date late', async () => {
    const opened = await api.gql(OPEN, { input: { kind: 'INTERIM_REVIEW', fromYear: 2023, toYear: 2025, dueDate: '2025-12-15', cutOffDate: '2025-11-30' } }, { token: adminToken });
    const reviewId = opened.data?.openReportPeriod.period.id;
    expect(opened.data?.openReportPeriod.period).toMatchObject({ kind: 'INTERIM_REVIEW', kindLabel: 'Sơ kết', dueDate: '2025-12-15' });
    const reportId = await prepared(reviewId, tanAn, tanAnToken);
    const submitted = await api.gql(SUBMIT, { input: { reportId } }, { token: tanAnToken });
    expect(submitted.data?.submitReport.report).toMatchObject({ status: 'SUBMITTED', late: true });
    const board = await api.gql(`query($p: ID!) { submissionBoard(periodId: $p) { lateCount } }`, { p: reviewId }, { token: departmentToken });
    expect(board.data?.submissionBoard.lateCount).toBe(1);
  });
});
