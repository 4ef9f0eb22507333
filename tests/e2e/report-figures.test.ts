import type { Body } from '../../src/bodies/body.entity';
import type { RequestContext } from '../../src/core/context';
import { Role } from '../../src/core/roles';
import { appointOfficer, createBody } from '../helpers/bodies-fixtures';
import { gid, seedUnits, type UnitsFixture } from '../helpers/catalogue-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';
import { insertCitizen, insertInstitution, insertLog, insertProgramme, insertProgress, insertSession, insertUnit, vn2024Id, type UnitRow } from '../helpers/titles-fixtures';

/**
 * A small scenario in Phường Long An, computed by hand:
 * - hamlet A (disadvantaged): c1 (woman, born 1990) completed digital skills at the ward library
 *   on 1 March 2026 (3 h, a verified attendance); c2 (man, born 2000) took part in a foreign
 *   language course on 1 May 2026 (2 h) and has a pending log (not counted);
 * - hamlet B: c3 (woman, born 1950) learnt in 2025 only (1 h on 1 June 2025); c4 (born 2015,
 *   under 15 in 2026) logged 1 h of OTHER in 2026 (counted in hours, not among residents 15+);
 * - Phường Tân An: c5 learnt in 2026 (outside the scope).
 * Titles 2026 (year not closed at the cut-off, so holders are those meeting the criteria): c1
 * meets the criteria, c2 and c3 not yet.
 */
let api: TestApi;
let admin: RequestContext;
let units: UnitsFixture;
let adminToken: string;
let officerToken: string;
let ward: Body;

const FIGURES = 'figures { code value unit target2025 target2030 definition labelVi breakdown { dimension category value } trend { fromYear toYear value } }';

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.adminContext();
  units = await seedUnits(admin);
  adminToken = (await api.account(Role.PROVINCE_ADMIN)).token;
  ward = await createBody(admin, units.longAn, 'Ủy ban nhân dân Phường Long An');
  const officer = await api.account(Role.CITIZEN);
  await appointOfficer(admin, ward, officer.id);
  officerToken = officer.token;

  const em = api.runtime.orm.em.fork();
  const wardRow: UnitRow = { id: units.longAn.id, path: units.longAn.path };
  const hamletA = await insertUnit(em, 'HAMLET', wardRow, { disadvantaged: true });
  const hamletB = await insertUnit(em, 'HAMLET', wardRow);
  const c1 = await insertCitizen(em, hamletA, 1990);
  const c2 = await insertCitizen(em, hamletA, 2000);
  const c3 = await insertCitizen(em, hamletB, 1950);
  const c4 = await insertCitizen(em, hamletB, 2015);
  const c5 = await insertCitizen(em, { id: units.tanAn.id, path: units.tanAn.path }, 1980);
  await em.execute(`update citizen set gender = 'MALE', occupational_group = 'WORKER' where id = ?`, [c2]);
  const library = await insertInstitution(em, wardRow, 'LIBRARY');
  const programme = await insertProgramme(em, library);
  const session = await insertSession(em, programme, library, '2026-03-01');
  await insertLog(em, c1, { day: '2026-03-01', hours: 3, source: 'ATTENDANCE', topics: ['DIGITAL_SKILLS'], result: 'COMPLETED', sessionId: session, institutionId: library });
  await insertLog(em, c2, { day: '2026-05-01', hours: 2, topics: ['FOREIGN_LANGUAGE'] });
  await insertLog(em, c2, { day: '2026-05-02', hours: 4, topics: ['LAW'], status: 'PENDING' });
  await insertLog(em, c3, { day: '2025-06-01', hours: 1, topics: ['HEALTH'] });
  await insertLog(em, c4, { day: '2026-02-01', hours: 1, topics: ['OTHER'] });
  await insertLog(em, c5, { day: '2026-02-01', hours: 5, topics: ['OTHER'] });
  const rulesetId = await vn2024Id(em);
  await insertProgress(em, { id: c1 }, hamletA, 2026, { rulesetId, status: 'MEETS_CRITERIA', total: 85 });
  await insertProgress(em, { id: c2 }, hamletA, 2026, { rulesetId, status: 'NOT_YET', total: 40 });
  await insertProgress(em, { id: c3 }, hamletB, 2026, { rulesetId, status: 'NOT_YET', total: 20 });
});

afterAll(async () => {
  await api.close();
});

interface FigureView {
  code: string;
  value: number;
  target2025: number | null;
  target2030: number | null;
  breakdown: { dimension: string; category: string; value: number }[];
  trend: { fromYear: number; toYear: number; value: number }[];
}

async function openAnnual(year: number): Promise<string> {
  const opened = await api.gql(`mutation($input: OpenReportPeriodInput!) { openReportPeriod(input: $input) { period { id } errors { code } } }`, { input: { kind: 'ANNUAL', fromYear: year, toYear: year } }, { token: adminToken });
  return opened.data?.openReportPeriod.period.id;
}

async function draftFigures(periodId: string): Promise<{ id: string; figures: FigureView[]; basis: Record<string, unknown> }> {
  const prepared = await api.gql(
    `mutation($input: PrepareReportInput!) { prepareReport(input: $input) { report { id ${FIGURES} basis { cutOffDate fromDate toDate titleYear rulesets { code version } notDisaggregated } } errors { code } } }`,
    { input: { periodId, bodyId: gid('Body', ward.id) } },
    { token: officerToken },
  );
  expect(prepared.errors).toBeUndefined();
  return prepared.data?.prepareReport.report;
}

function figure(figures: FigureView[], code: string): FigureView {
  const found = figures.find((item) => item.code === code);
  if (!found) throw new Error(`no figure ${code}`);
  return found;
}

function categories(item: FigureView, dimension: string): Record<string, number> {
  return Object.fromEntries(item.breakdown.filter((row) => row.dimension === dimension).map((row) => [row.category, row.value]));
}

describe('report figures', () => {
  it('counts the 2025 report by hand and marks it late', async () => {
    const periodId = await openAnnual(2025);
    const report = await draftFigures(periodId);
    expect(figure(report.figures, 'RESIDENTS_15_PLUS').value).toBe(3);
    expect(figure(report.figures, 'PARTICIPANTS_15_PLUS').value).toBe(1);
    expect(figure(report.figures, 'LEARNING_HOURS').value).toBe(1);
    const submitted = await api.gql(`mutation($input: ReportInput!) { submitReport(input: $input) { report { status late } errors { code } } }`, { input: { reportId: report.id } }, { token: officerToken });
    expect(submitted.data?.submitReport.report).toEqual({ status: 'SUBMITTED', late: true });
  });

  it('computes participation, hours, institutions, titles against targets, breakdowns and the trend of 2026', async () => {
    const periodId = await openAnnual(2026);
    const { figures, basis } = await draftFigures(periodId);

    const residents = figure(figures, 'RESIDENTS_15_PLUS');
    expect(residents.value).toBe(3);
    expect(categories(residents, 'GENDER')).toEqual({ FEMALE: 2, MALE: 1 });
    expect(categories(residents, 'AGE_BAND')).toEqual({ '25-39': 2, '60+': 1 });

    const participants = figure(figures, 'PARTICIPANTS_15_PLUS');
    expect(participants.value).toBe(2);
    expect(categories(participants, 'GENDER')).toEqual({ FEMALE: 1, MALE: 1 });
    expect(categories(participants, 'DISADVANTAGED_AREA')).toEqual({ true: 2, false: 0 });
    expect(categories(participants, 'OCCUPATIONAL_GROUP')).toEqual({ UNKNOWN: 1, WORKER: 1 });
    expect(participants.trend).toEqual([{ fromYear: 2025, toYear: 2025, value: 1 }]);
    expect(figure(figures, 'PARTICIPATION_SHARE').value).toBe(66.67);
    expect(figure(figures, 'DIGITAL_SKILLS_COMPLETIONS').value).toBe(1);
    expect(figure(figures, 'FOREIGN_LANGUAGE_COMPLETIONS').value).toBe(0);

    const hours = figure(figures, 'LEARNING_HOURS');
    expect(hours.value).toBe(6);
    expect(categories(hours, 'TOPIC')).toEqual({ DIGITAL_SKILLS: 3, FOREIGN_LANGUAGE: 2, OTHER: 1 });
    expect(hours.trend).toEqual([{ fromYear: 2025, toYear: 2025, value: 1 }]);

    expect(figure(figures, 'SESSIONS_HELD')).toMatchObject({ value: 1, breakdown: [{ dimension: 'INSTITUTION_KIND', category: 'LIBRARY', value: 1 }] });
    expect(figure(figures, 'ATTENDANCES').value).toBe(1);
    expect(figure(figures, 'PROGRAMMES_ACTIVE').value).toBe(1);

    expect(figure(figures, 'TITLE_LEARNING_CITIZEN_EVALUATED').value).toBe(3);
    const holders = figure(figures, 'TITLE_LEARNING_CITIZEN_HOLDERS');
    expect(holders.value).toBe(1);
    expect(categories(holders, 'GENDER')).toEqual({ FEMALE: 1, MALE: 0 });
    expect(figure(figures, 'TITLE_LEARNING_CITIZEN_SHARE')).toMatchObject({ value: 33.33, target2025: 40, target2030: 60 });
    expect(figure(figures, 'TITLE_LEARNING_FAMILY_SHARE')).toMatchObject({ value: 0, target2025: 70, target2030: 80 });

    expect(basis).toMatchObject({ cutOffDate: '2026-12-10', fromDate: '2026-01-01', toDate: '2026-12-10', titleYear: 2026, rulesets: [{ code: 'VN-2024', version: 1 }] });
    expect(basis.notDisaggregated).toEqual(expect.arrayContaining([expect.stringContaining('ethnic group')]));
  });

  it('recomputes a snapshot to the same checksum on the same data, and to another once the data changes', async () => {
    const [period] = await api.runtime.orm.em.fork().execute<{ id: string }[]>(`select id from report_period where to_year = 2026`);
    const report = await draftFigures(gid('ReportPeriod', period?.id ?? ''));
    await api.gql(`mutation($input: ReportInput!) { submitReport(input: $input) { errors { code } } }`, { input: { reportId: report.id } }, { token: officerToken });
    const department = (await api.account(Role.EDUCATION_DEPARTMENT)).token;
    const verify = `query($id: ID!) { verifyReportSnapshot(reportId: $id) { checksum recomputedChecksum matches } }`;
    expect((await api.gql(verify, { id: report.id }, { token: department })).data?.verifyReportSnapshot.matches).toBe(true);

    const em = api.runtime.orm.em.fork();
    const [citizen] = await em.execute<{ id: string }[]>(`select c.id from citizen c join administrative_unit u on u.id = c.residence_id where u.path like ? and c.birth_year = 1950`, [`${units.longAn.path}%`]);
    await insertLog(em, citizen?.id ?? '', { day: '2026-07-01', hours: 2, topics: ['HEALTH'] });
    const changed = (await api.gql(verify, { id: report.id }, { token: department })).data?.verifyReportSnapshot;
    expect(changed.matches).toBe(false);
    const frozen = await api.gql(`query($id: ID!) { node(id: $id) { ... on Report { status ${FIGURES} } } }`, { id: report.id }, { token: officerToken });
    expect(figure(frozen.data?.node.figures, 'PARTICIPANTS_15_PLUS').value).toBe(2);
  });
});
