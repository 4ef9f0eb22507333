import { Role } from '../../src/core/roles';
import { Topic } from '../../src/catalogue/catalogue.enums';
import type { Institution } from '../../src/catalogue/institutions/institution.entity';
import type { RequestContext } from '../../src/core/context';
import { fromGlobalId } from '../../src/graphql/global-id';
import { todayInVietnam } from '../../src/core/time';
import { createInstitution, createProgramme, daysFromNow, gid, scheduleSession, seedUnits, type UnitsFixture } from '../helpers/catalogue-fixtures';
import { createCitizen, moveSession, sessionNow } from '../helpers/learning-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let admin: RequestContext;
let units: UnitsFixture;
let institution: Institution;
let staffToken: string;
let assessorToken: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.adminContext();
  units = await seedUnits(admin);
  institution = await createInstitution(admin, units.longAn, 'Thư viện phường Long An');
  staffToken = (await api.account(Role.INSTITUTION_STAFF, { institutionId: institution.id })).token;
  assessorToken = (await api.account(Role.ASSESSOR, { unitId: units.longAn.id })).token;
});

afterAll(async () => {
  await api.close();
});

function arranger(): RequestContext {
  return { ...admin, em: admin.em.fork() };
}

function daysAgo(days: number): string {
  return todayInVietnam(new Date(Date.now() - days * 86_400_000));
}

const ENROLL = `mutation($input: EnrollInput!) { enroll(input: $input) { enrollment { id status } errors { code } } }`;
const CANCEL = `mutation($input: CancelEnrollmentInput!) { cancelEnrollment(input: $input) { enrollment { id status } errors { code } } }`;
const ROSTER = `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) {
  report { recorded alreadyRecorded markedAbsent unknownPeople rejected lines { line person outcome code log { id status statusReason source hours topics occurredOn institution { id } } } }
  errors { code } } }`;
const SUBMIT = `mutation($input: SubmitLearningLogInput!) { submitLearningLog(input: $input) { log { id status source hours occurredOn } errors { field code message } } }`;

function selfDeclared(overrides: Record<string, unknown> = {}) {
  return { activityTitle: 'Khóa học trực tuyến về an toàn thông tin', occurredOn: daysAgo(3), hours: 2, topics: ['DIGITAL_SKILLS'], result: 'COMPLETED', ...overrides };
}

describe('enrollment', () => {
  it('gives the last seat to exactly one of two concurrent requests and waitlists the other, then promotes it when a seat frees', async () => {
    const programme = await createProgramme(arranger(), institution, 'Lớp kỹ năng số');
    const session = await scheduleSession(arranger(), programme, daysFromNow(5));
    await api.runtime.orm.em.fork().execute('update programme_session set capacity = 1 where id = ?', [session.id]);
    const a = await createCitizen(api, units.longAn);
    const b = await createCitizen(api, units.longAn);
    const c = await createCitizen(api, units.longAn);
    const input = { input: { sessionId: gid('ProgrammeSession', session.id) } };
    const [ra, rb] = await Promise.all([api.gql(ENROLL, input, { token: a.token }), api.gql(ENROLL, input, { token: b.token })]);
    const statuses = [ra.data?.enroll.enrollment.status, rb.data?.enroll.enrollment.status].sort();
    expect(statuses).toEqual(['ENROLLED', 'WAITLISTED']);
    const third = await api.gql(ENROLL, input, { token: c.token });
    expect(third.data?.enroll.enrollment.status).toBe('WAITLISTED');
    // Enrolling again is idempotent.
    const again = await api.gql(ENROLL, input, { token: a.token });
    expect(again.data?.enroll.enrollment.id).toBe(ra.data?.enroll.enrollment.id);

    const [winner, winnerToken, waiting] = ra.data?.enroll.enrollment.status === 'ENROLLED' ? [ra, a.token, rb] : [rb, b.token, ra];
    const cancelled = await api.gql(CANCEL, { input: { enrollmentId: winner.data?.enroll.enrollment.id } }, { token: winnerToken });
    expect(cancelled.data?.cancelEnrollment).toEqual({ enrollment: { id: winner.data?.enroll.enrollment.id, status: 'CANCELLED' }, errors: [] });
    const rows = await api.runtime.orm.em.fork().execute<{ id: string; status: string }[]>('select id, status from enrollment where session_id = ? order by requested_at', [session.id]);
    const byId = Object.fromEntries(rows.map((row) => [row.id, row.status]));
    expect(byId[fromGlobalId(waiting.data?.enroll.enrollment.id).id]).toBe('ENROLLED');
    expect(byId[fromGlobalId(third.data?.enroll.enrollment.id).id]).toBe('WAITLISTED');
  });

  it('gives seats added by raising the capacity to the waitlist in order, and keeps seats given when it is lowered', async () => {
    const programme = await createProgramme(arranger(), institution, 'Lớp nấu ăn');
    const session = await scheduleSession(arranger(), programme, daysFromNow(6));
    await api.runtime.orm.em.fork().execute('update programme_session set capacity = 1 where id = ?', [session.id]);
    const input = { input: { sessionId: gid('ProgrammeSession', session.id) } };
    const people = [await createCitizen(api, units.longAn), await createCitizen(api, units.longAn), await createCitizen(api, units.longAn)];
    const ids: string[] = [];
    for (const person of people) ids.push((await api.gql(ENROLL, input, { token: person.token })).data?.enroll.enrollment.id);
    const UPDATE = `mutation($input: UpdateSessionInput!) { updateSession(input: $input) { session { capacity } errors { code } } }`;
    const statuses = async () => {
      const rows = await api.runtime.orm.em.fork().execute<{ id: string; status: string }[]>('select id, status from enrollment where session_id = ?', [session.id]);
      const byId = Object.fromEntries(rows.map((row) => [row.id, row.status]));
      return ids.map((id) => byId[fromGlobalId(id).id]);
    };
    expect(await statuses()).toEqual(['ENROLLED', 'WAITLISTED', 'WAITLISTED']);

    const raised = await api.gql(UPDATE, { input: { id: gid('ProgrammeSession', session.id), capacity: 2 } }, { token: staffToken });
    expect(raised.data?.updateSession).toEqual({ session: { capacity: 2 }, errors: [] });
    expect(await statuses()).toEqual(['ENROLLED', 'ENROLLED', 'WAITLISTED']);

    await api.gql(UPDATE, { input: { id: gid('ProgrammeSession', session.id), capacity: 1 } }, { token: staffToken });
    expect(await statuses()).toEqual(['ENROLLED', 'ENROLLED', 'WAITLISTED']);
  });

  it('refuses cancelled, started and unpublished sessions', async () => {
    const citizen = await createCitizen(api, units.longAn);
    const programme = await createProgramme(arranger(), institution, 'Lớp tiếng Anh');
    const cancelled = await scheduleSession(arranger(), programme, daysFromNow(3));
    await admin.services.sessions.cancel(arranger(), cancelled.id);
    const past = await scheduleSession(arranger(), programme, daysFromNow(3));
    await moveSession(api, past, new Date(Date.now() - 86_400_000));
    const draft = await scheduleSession(arranger(), await createProgramme(arranger(), institution, 'Bản nháp', { publish: false }), daysFromNow(3));
    const enroll = (id: string) => api.gql(ENROLL, { input: { sessionId: gid('ProgrammeSession', id) } }, { token: citizen.token });
    expect((await enroll(cancelled.id)).data?.enroll.errors).toEqual([{ code: 'SESSION_CANCELLED' }]);
    expect((await enroll(past.id)).data?.enroll.errors).toEqual([{ code: 'SESSION_STARTED' }]);
    expect((await enroll(draft.id)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await api.runtime.orm.em.fork().execute('select * from enrollment where citizen_id = ?', [citizen.citizen.id])).toEqual([]);
  });

  it('tells an account without a citizen profile to create one', async () => {
    const bare = await api.account(Role.CITIZEN);
    const programme = await createProgramme(arranger(), institution, 'Lớp pháp luật');
    const session = await scheduleSession(arranger(), programme, daysFromNow(3));
    const result = await api.gql(ENROLL, { input: { sessionId: gid('ProgrammeSession', session.id) } }, { token: bare.token });
    expect(result.data?.enroll.errors).toEqual([{ code: 'CITIZEN_PROFILE_REQUIRED' }]);
  });
});

describe('attendance', () => {
  it('makes one verified log per present mark, reports repeats and unknown people, and voids it when marked absent', async () => {
    const programme = await createProgramme(arranger(), institution, 'Kỹ năng số', { topics: [Topic.DIGITAL_SKILLS, Topic.LAW] });
    const session = await sessionNow(arranger(), api, programme, scheduleSession, 3);
    const a = await createCitizen(api, units.longAn);
    const sessionId = gid('ProgrammeSession', session.id);
    const first = await api.gql(ROSTER, { input: { sessionId, marks: [{ citizenId: gid('Citizen', a.citizen.id), present: true }, { citizenId: gid('Citizen', '00000000-0000-4000-8000-000000000001'), present: true }] } }, { token: staffToken });
    const report = first.data?.recordAttendance.report;
    expect(report).toMatchObject({ recorded: 1, unknownPeople: 1, rejected: 0 });
    expect(report.lines[0].log).toMatchObject({
      status: 'VERIFIED',
      source: 'ATTENDANCE',
      hours: 3,
      topics: ['DIGITAL_SKILLS', 'LAW'],
      // The log is of the day the session started, in Vietnam (the day before today for a test run just after midnight).
      occurredOn: todayInVietnam(session.startsAt),
      institution: { id: gid('Institution', institution.id) },
    });
    expect(report.lines[1]).toMatchObject({ outcome: 'UNKNOWN_PERSON', log: null });

    const repeat = await api.gql(ROSTER, { input: { sessionId, marks: [{ citizenId: gid('Citizen', a.citizen.id), present: true }] } }, { token: staffToken });
    expect(repeat.data?.recordAttendance.report.lines[0]).toMatchObject({ outcome: 'ALREADY_RECORDED', log: { id: report.lines[0].log.id } });

    const absent = await api.gql(ROSTER, { input: { sessionId, marks: [{ citizenId: gid('Citizen', a.citizen.id), present: false, reason: 'Ghi nhầm người' }] } }, { token: staffToken });
    expect(absent.data?.recordAttendance.report.lines[0]).toMatchObject({ outcome: 'MARKED_ABSENT', log: { id: report.lines[0].log.id, status: 'VOIDED', statusReason: 'Ghi nhầm người' } });
    const logs = await api.runtime.orm.em.fork().execute('select status from learning_log where citizen_id = ?', [a.citizen.id]);
    expect(logs).toEqual([{ status: 'VOIDED' }]);
  });

  it('shows an attendance log in myLearning under the title of its session’s programme, renamed when the programme is', async () => {
    const programme = await createProgramme(arranger(), institution, 'Sinh hoạt câu lạc bộ đọc sách');
    const session = await sessionNow(arranger(), api, programme, scheduleSession, 2);
    const a = await createCitizen(api, units.longAn);
    await api.gql(ROSTER, { input: { sessionId: gid('ProgrammeSession', session.id), marks: [{ citizenId: gid('Citizen', a.citizen.id), present: true }] } }, { token: staffToken });
    const MINE = `query($year: Int!) { myLearning(year: $year) { logs(first: 10) { edges { node { source activityTitle } } } } }`;
    const year = Number(todayInVietnam(session.startsAt).slice(0, 4));
    const mine = async () => (await api.gql(MINE, { year }, { token: a.token })).data?.myLearning.logs.edges;
    expect(await mine()).toEqual([{ node: { source: 'ATTENDANCE', activityTitle: 'Sinh hoạt câu lạc bộ đọc sách' } }]);

    await api.gql(`mutation($input: UpdateProgrammeInput!) { updateProgramme(input: $input) { errors { code } } }`, { input: { id: gid('Programme', programme.id), title: 'Câu lạc bộ đọc sách' } }, { token: staffToken });
    expect(await mine()).toEqual([{ node: { source: 'ATTENDANCE', activityTitle: 'Câu lạc bộ đọc sách' } }]);
  });

  it('rejects a roster line that contradicts an earlier line for the same person', async () => {
    const programme = await createProgramme(arranger(), institution, 'Câu lạc bộ đọc sách');
    const session = await sessionNow(arranger(), api, programme, scheduleSession, 2);
    const a = await createCitizen(api, units.longAn);
    const citizenId = gid('Citizen', a.citizen.id);
    const result = await api.gql(
      ROSTER,
      { input: { sessionId: gid('ProgrammeSession', session.id), marks: [{ citizenId, present: false }, { citizenId, present: true }] } },
      { token: staffToken },
    );
    const report = result.data?.recordAttendance.report;
    expect(report).toMatchObject({ recorded: 1, rejected: 1 });
    expect(report.lines[1]).toMatchObject({ line: 2, outcome: 'REJECTED', code: 'CONFLICTING_MARKS', log: null });
    expect(await api.runtime.orm.em.fork().execute('select status from attendance where citizen_id = ?', [a.citizen.id])).toEqual([{ status: 'ABSENT' }]);
    expect(await api.runtime.orm.em.fork().execute('select id from learning_log where citizen_id = ?', [a.citizen.id])).toEqual([]);
  });

  it('has a database index that refuses a second live attendance log for the same session', async () => {
    const programme = await createProgramme(arranger(), institution, 'Đọc sách');
    const session = await sessionNow(arranger(), api, programme, scheduleSession);
    const a = await createCitizen(api, units.longAn);
    await api.gql(ROSTER, { input: { sessionId: gid('ProgrammeSession', session.id), marks: [{ citizenId: gid('Citizen', a.citizen.id), present: true }] } }, { token: staffToken });
    await expect(
      api.runtime.orm.em.fork().execute(
        `insert into learning_log (id, created_at, updated_at, citizen_id, source, session_id, occurred_on, hours, topics, result, status)
         select gen_random_uuid(), now(), now(), citizen_id, source, session_id, occurred_on, hours, topics, result, status from learning_log where citizen_id = ?`,
        [a.citizen.id],
      ),
    ).rejects.toThrow(/learning_log_attendance_unique/);
  });

  it('imports a CSV of national ID and phone numbers, reporting each line', async () => {
    const programme = await createProgramme(arranger(), institution, 'Sức khỏe');
    const session = await sessionNow(arranger(), api, programme, scheduleSession);
    const byId = await createCitizen(api, units.longAn, { withAccount: false });
    const byPhone = await createCitizen(api, units.longAn, { withAccount: false, nationalId: null, phone: '0987000111' });
    const csv = ['person', byId.nationalId, '0987000111', '079190000999', 'not-a-number', byId.nationalId].join('\n');
    const result = await api.gql(
      `mutation($input: ImportAttendanceInput!) { importAttendance(input: $input) { report { recorded alreadyRecorded unknownPeople rejected lines { line outcome code } } errors { code } } }`,
      { input: { sessionId: gid('ProgrammeSession', session.id), csv } },
      { token: staffToken },
    );
    expect(result.data?.importAttendance.report).toEqual({
      recorded: 2,
      alreadyRecorded: 1,
      unknownPeople: 1,
      rejected: 1,
      lines: [
        { line: 2, outcome: 'RECORDED', code: null },
        { line: 3, outcome: 'RECORDED', code: null },
        { line: 4, outcome: 'UNKNOWN_PERSON', code: 'UNKNOWN_PERSON' },
        { line: 5, outcome: 'REJECTED', code: 'INVALID_PERSON' },
        { line: 6, outcome: 'ALREADY_RECORDED', code: null },
      ],
    });
    const rows = await api.runtime.orm.em.fork().execute('select citizen_id from learning_log where session_id = ? order by citizen_id', [session.id]);
    expect(rows.map((row) => row.citizen_id).sort()).toEqual([byId.citizen.id, byPhone.citizen.id].sort());
  });

  it('refuses attendance before a session starts', async () => {
    const programme = await createProgramme(arranger(), institution, 'Tương lai');
    const session = await scheduleSession(arranger(), programme, daysFromNow(3));
    const a = await createCitizen(api, units.longAn);
    const result = await api.gql(ROSTER, { input: { sessionId: gid('ProgrammeSession', session.id), marks: [{ citizenId: gid('Citizen', a.citizen.id), present: true }] } }, { token: staffToken });
    expect(result.data?.recordAttendance).toEqual({ report: null, errors: [{ code: 'SESSION_NOT_STARTED' }] });
  });

  it('lets a citizen check in with the current code of that session only, once', async () => {
    const programme = await createProgramme(arranger(), institution, 'Câu lạc bộ');
    const session = await sessionNow(arranger(), api, programme, scheduleSession);
    const other = await sessionNow(arranger(), api, programme, scheduleSession);
    const future = await scheduleSession(arranger(), programme, daysFromNow(3));
    const codeQuery = `query($id: ID!) { node(id: $id) { ... on ProgrammeSession { checkInCode { code qrContent validUntil } } } }`;
    const shown = await api.gql(codeQuery, { id: gid('ProgrammeSession', session.id) }, { token: staffToken });
    const code = shown.data?.node.checkInCode;
    expect(code.code).toMatch(/^[A-Z2-9]{8}$/);
    expect(code.qrContent).toBe(`hoctap-checkin:${gid('ProgrammeSession', session.id)}:${code.code}`);
    expect((await api.gql(codeQuery, { id: gid('ProgrammeSession', future.id) }, { token: staffToken })).data?.node.checkInCode).toBeNull();
    const citizen = await createCitizen(api, units.longAn);
    expect((await api.gql(codeQuery, { id: gid('ProgrammeSession', session.id) }, { token: citizen.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const CHECK_IN = `mutation($input: CheckInInput!) { checkIn(input: $input) { log { id status source } errors { code } } }`;
    const replay = await api.gql(CHECK_IN, { input: { sessionId: gid('ProgrammeSession', other.id), code: code.code } }, { token: citizen.token });
    expect(replay.data?.checkIn).toEqual({ log: null, errors: [{ code: 'INVALID_CHECK_IN_CODE' }] });
    const ok = await api.gql(CHECK_IN, { input: { sessionId: gid('ProgrammeSession', session.id), code: code.code.toLowerCase() } }, { token: citizen.token });
    expect(ok.data?.checkIn.log).toMatchObject({ status: 'VERIFIED', source: 'ATTENDANCE' });
    const twice = await api.gql(CHECK_IN, { input: { sessionId: gid('ProgrammeSession', session.id), code: code.code } }, { token: citizen.token });
    expect(twice.data?.checkIn.log.id).toBe(ok.data?.checkIn.log.id);
  });
});

describe('self-declared logs', () => {
  it('refuses hours out of range, future dates and more than 16 hours on a day, each with a code', async () => {
    const a = await createCitizen(api, units.longAn);
    const submit = (overrides: Record<string, unknown>) => api.gql(SUBMIT, { input: selfDeclared(overrides) }, { token: a.token });
    expect((await submit({ hours: 0 })).data?.submitLearningLog.errors[0]).toMatchObject({ code: 'INVALID_HOURS', field: ['input', 'hours'] });
    expect((await submit({ hours: 12.5 })).data?.submitLearningLog.errors[0].code).toBe('INVALID_HOURS');
    expect((await submit({ occurredOn: todayInVietnam(new Date(Date.now() + 2 * 86_400_000)) })).data?.submitLearningLog.errors[0].code).toBe('DATE_IN_FUTURE');
    const day = daysAgo(5);
    expect((await submit({ occurredOn: day, hours: 10 })).data?.submitLearningLog.errors).toEqual([]);
    expect((await submit({ occurredOn: day, hours: 6 })).data?.submitLearningLog.errors).toEqual([]);
    expect((await submit({ occurredOn: day, hours: 0.5 })).data?.submitLearningLog.errors[0].code).toBe('DAILY_HOURS_EXCEEDED');
    const rows = await api.runtime.orm.em.fork().execute('select hours::float8 as hours from learning_log where citizen_id = ? order by hours', [a.citizen.id]);
    expect(rows).toEqual([{ hours: 6 }, { hours: 10 }]);
  });

  it('returns the first log when a submission is retried with the same idempotency key', async () => {
    const a = await createCitizen(api, units.longAn);
    const input = selfDeclared({ idempotencyKey: 'phone-retry-1' });
    const [one, two] = await Promise.all([api.gql(SUBMIT, { input }, { token: a.token }), api.gql(SUBMIT, { input }, { token: a.token })]);
    const three = await api.gql(SUBMIT, { input }, { token: a.token });
    expect(one.data?.submitLearningLog.log.id).toBeDefined();
    expect(two.data?.submitLearningLog.log.id).toBe(one.data?.submitLearningLog.log.id);
    expect(three.data?.submitLearningLog.log.id).toBe(one.data?.submitLearningLog.log.id);
    expect(await api.runtime.orm.em.fork().count('LearningLog', { citizen: a.citizen.id })).toBe(1);
  });

  it('refuses a log in a year whose records are closed for the citizen’s area or above', async () => {
    const a = await createCitizen(api, units.tanAn);
    const lastYear = Number(todayInVietnam().slice(0, 4)) - 1;
    const adminToken = (await api.account(Role.PROVINCE_ADMIN)).token;
    const close = await api.gql(
      `mutation($input: CloseLearningYearInput!) { closeLearningYear(input: $input) { closure { year } errors { code } } }`,
      { input: { unitId: gid('AdministrativeUnit', units.province.id), year: lastYear } },
      { token: adminToken },
    );
    expect(close.data?.closeLearningYear).toEqual({ closure: { year: lastYear }, errors: [] });
    const refused = await api.gql(SUBMIT, { input: selfDeclared({ occurredOn: `${lastYear}-06-01` }) }, { token: a.token });
    expect(refused.data?.submitLearningLog.errors[0].code).toBe('YEAR_CLOSED');
    const thisYear = await api.gql(SUBMIT, { input: selfDeclared({ occurredOn: daysAgo(0) }) }, { token: a.token });
    expect(thisYear.data?.submitLearningLog.errors).toEqual([]);
  });

  it('accepts an evidence file only once it is uploaded under the citizen’s own prefix', async () => {
    const a = await createCitizen(api, units.longAn);
    const upload = await api.gql(`mutation($input: CreateEvidenceUploadInput!) { createEvidenceUpload(input: $input) { upload { key uploadUrl } errors { code } } }`, { input: { fileName: 'chứng chỉ.pdf' } }, { token: a.token });
    const { key, uploadUrl } = upload.data?.createEvidenceUpload.upload;
    expect(key.startsWith(`evidence/${a.citizen.id}/`)).toBe(true);
    const before = await api.gql(SUBMIT, { input: selfDeclared({ evidenceKey: key }) }, { token: a.token });
    expect(before.data?.submitLearningLog.errors[0].code).toBe('EVIDENCE_NOT_FOUND');
    expect((await fetch(uploadUrl, { method: 'PUT', body: 'pdf bytes' })).ok).toBe(true);
    const foreign = await api.gql(SUBMIT, { input: selfDeclared({ evidenceKey: 'evidence/someone-else/x.pdf' }) }, { token: a.token });
    expect(foreign.data?.submitLearningLog.errors[0].code).toBe('EVIDENCE_NOT_YOURS');
    const after = await api.gql(SUBMIT, { input: selfDeclared({ evidenceKey: key }) }, { token: a.token });
    expect(after.data?.submitLearningLog.log.status).toBe('PENDING');
    const url = await api.gql(`query($id: ID!) { node(id: $id) { ... on LearningLog { evidenceUrl } } }`, { id: after.data?.submitLearningLog.log.id }, { token: a.token });
    expect(await (await fetch(url.data?.node.evidenceUrl)).text()).toBe('pdf bytes');
  });

  it('is verified or rejected from the queues, voided by its owner while pending, and never edited', async () => {
    const a = await createCitizen(api, units.longAn);
    const logs: string[] = [];
    for (const hours of [1, 2, 3]) {
      const result = await api.gql(SUBMIT, { input: selfDeclared({ hours, institutionId: gid('Institution', institution.id) }) }, { token: a.token });
      logs.push(result.data?.submitLearningLog.log.id);
    }
    const queue = await api.gql(`{ learningVerificationQueue(first: 100) { totalCount edges { node { id citizenName } } } }`, {}, { token: assessorToken });
    const queued = queue.data?.learningVerificationQueue.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(queued.filter((id: string) => logs.includes(id))).toEqual(logs);
    const instQueue = await api.gql(`query($id: ID!) { institutionVerificationQueue(institutionId: $id) { edges { node { id } } } }`, { id: gid('Institution', institution.id) }, { token: staffToken });
    expect(instQueue.data?.institutionVerificationQueue.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(expect.arrayContaining(logs));

    const verify = await api.gql(`mutation($input: VerifyLearningLogsInput!) { verifyLearningLogs(input: $input) { results { id code log { status verifiedByAssessor } } errors { code } } }`, { input: { ids: [logs[0], gid('LearningLog', '00000000-0000-4000-8000-000000000002')] } }, { token: assessorToken });
    expect(verify.data?.verifyLearningLogs.results).toEqual([
      { id: logs[0], code: null, log: { status: 'VERIFIED', verifiedByAssessor: true } },
      { id: gid('LearningLog', '00000000-0000-4000-8000-000000000002'), code: 'NOT_FOUND', log: null },
    ]);
    const reject = await api.gql(`mutation($input: RejectLearningLogsInput!) { rejectLearningLogs(input: $input) { results { code log { status statusReason verifiedByAssessor } } } }`, { input: { ids: [logs[1], logs[0]], reason: 'Không có minh chứng' } }, { token: staffToken });
    expect(reject.data?.rejectLearningLogs.results).toEqual([
      { code: null, log: { status: 'REJECTED', statusReason: 'Không có minh chứng', verifiedByAssessor: false } },
      { code: 'NOT_PENDING', log: { status: 'VERIFIED', statusReason: null, verifiedByAssessor: true } },
    ]);

    const VOID = `mutation($input: VoidLearningLogInput!) { voidLearningLog(input: $input) { log { status statusReason } errors { code } } }`;
    expect((await api.gql(VOID, { input: { id: logs[0], reason: 'Nhầm' } }, { token: a.token })).data?.voidLearningLog.errors).toEqual([{ code: 'LOG_ALREADY_VERIFIED' }]);
    expect((await api.gql(VOID, { input: { id: logs[2], reason: 'Khai nhầm ngày' } }, { token: a.token })).data?.voidLearningLog).toEqual({ log: { status: 'VOIDED', statusReason: 'Khai nhầm ngày' }, errors: [] });
    expect((await api.gql(VOID, { input: { id: logs[0], reason: 'Sai số giờ' } }, { token: assessorToken })).data?.voidLearningLog.log.status).toBe('VOIDED');

    const em = api.runtime.orm.em.fork();
    await expect(em.execute('update learning_log set hours = 5 where id = ?', [fromGlobalId(logs[1] as string).id])).rejects.toThrow(/never edited/);
    await expect(em.execute('delete from learning_log where id = ?', [fromGlobalId(logs[1] as string).id])).rejects.toThrow(/never deleted/);
  });
});

describe('imports, totals, export and plan', () => {
  it('imports verified logs from an institution, idempotently, and sums them in myLearning and the export', async () => {
    const a = await createCitizen(api, units.longAn);
    const year = Number(todayInVietnam().slice(0, 4));
    const day = daysAgo(1);
    const csv = [
      'person,date,hours,topic,result,title,certificate_number',
      `${a.nationalId},${day},4,FOREIGN_LANGUAGE,COMPLETED,Tiếng Anh A2,CC-001`,
      `${a.nationalId},${day},13,LAW,PARTICIPATED,,`,
      `${a.nationalId},${day},1,ASTROLOGY,PARTICIPATED,,`,
      `079190000998,${day},1,LAW,PARTICIPATED,,`,
    ].join('\n');
    const IMPORT = `mutation($input: ImportLearningLogsInput!) { importLearningLogs(input: $input) { report { recorded alreadyRecorded unknownPeople rejected lines { outcome code } } errors { code } } }`;
    const input = { input: { institutionId: gid('Institution', institution.id), csv } };
    const first = await api.gql(IMPORT, input, { token: staffToken });
    expect(first.data?.importLearningLogs.report).toMatchObject({ recorded: 1, unknownPeople: 1, rejected: 2 });
    expect(first.data?.importLearningLogs.report.lines.map((l: { code: string | null }) => l.code)).toEqual([null, 'INVALID_HOURS', 'INVALID_TOPIC', 'UNKNOWN_PERSON']);
    const second = await api.gql(IMPORT, input, { token: staffToken });
    expect(second.data?.importLearningLogs.report).toMatchObject({ recorded: 0, alreadyRecorded: 1 });

    await api.gql(SUBMIT, { input: selfDeclared({ occurredOn: day, hours: 1.5, topics: ['LAW', 'HEALTH'] }) }, { token: a.token });
    const mine = await api.gql(
      `query($year: Int!) { myLearning(year: $year) { year verifiedHours pendingHours byTopic { topic topicLabel verifiedHours pendingHours } bySource { source sourceLabel verifiedHours pendingHours logs } byMonth { month verifiedHours } logs(first: 10) { totalCount edges { node { source status } } } } }`,
      { year },
      { token: a.token },
    );
    expect(mine.data?.myLearning).toMatchObject({ year, verifiedHours: 4, pendingHours: 1.5 });
    expect(mine.data?.myLearning.byTopic).toEqual([
      { topic: 'FOREIGN_LANGUAGE', topicLabel: 'Ngoại ngữ', verifiedHours: 4, pendingHours: 0 },
      { topic: 'HEALTH', topicLabel: 'Sức khỏe', verifiedHours: 0, pendingHours: 1.5 },
      { topic: 'LAW', topicLabel: 'Pháp luật', verifiedHours: 0, pendingHours: 1.5 },
    ]);
    expect(mine.data?.myLearning.bySource).toEqual([
      { source: 'IMPORT', sourceLabel: 'Nhập từ thiết chế', verifiedHours: 4, pendingHours: 0, logs: 1 },
      { source: 'SELF_DECLARED', sourceLabel: 'Tự khai', verifiedHours: 0, pendingHours: 1.5, logs: 1 },
    ]);
    expect(mine.data?.myLearning.byMonth).toEqual([{ month: Number(day.slice(5, 7)), verifiedHours: 4 }]);
    expect(mine.data?.myLearning.logs.totalCount).toBe(2);

    const exported = await api.gql(`{ exportMyLearning { json xapiStatements } }`, {}, { token: a.token });
    const statements = exported.data?.exportMyLearning.xapiStatements;
    expect(statements).toHaveLength(2);
    const completed = statements.find((s: { verb: { id: string } }) => s.verb.id === 'http://adlnet.gov/expapi/verbs/completed');
    expect(completed).toMatchObject({
      actor: { objectType: 'Agent', account: { name: a.citizen.id } },
      result: { completion: true, duration: 'PT4H' },
      object: { objectType: 'Activity' },
    });
    expect(completed.actor.mbox).toBeUndefined();
    expect(exported.data?.exportMyLearning.json.logs.map((l: { certificateNumber: string | null }) => l.certificateNumber)).toContain('CC-001');
  });

  it('computes plan progress from verified logs only, and refuses goals for a closed year', async () => {
    const a = await createCitizen(api, units.longAn);
    const year = Number(todayInVietnam().slice(0, 4));
    const GOAL = `mutation($input: CreateLearningGoalInput!) { createLearningGoal(input: $input) { goal { id topic targetHours } errors { code } } }`;
    const hoursGoal = await api.gql(GOAL, { input: { year, topic: 'DIGITAL_SKILLS', targetHours: 3 } }, { token: a.token });
    expect(hoursGoal.data?.createLearningGoal.errors).toEqual([]);
    const programme = await createProgramme(arranger(), institution, 'Lớp học kế hoạch');
    const programmeGoal = await api.gql(GOAL, { input: { year, programmeId: gid('Programme', programme.id) } }, { token: a.token });
    expect(programmeGoal.data?.createLearningGoal.errors).toEqual([]);
    expect((await api.gql(GOAL, { input: { year, topic: 'LAW' } }, { token: a.token })).data?.createLearningGoal.errors).toEqual([{ code: 'INVALID_TARGET_HOURS' }]);
    expect((await api.gql(GOAL, { input: { year: year - 1, topic: 'LAW', targetHours: 2 } }, { token: a.token })).data?.createLearningGoal.errors).toEqual([{ code: 'YEAR_CLOSED' }]);

    await api.gql(SUBMIT, { input: selfDeclared({ occurredOn: daysAgo(0), hours: 5 }) }, { token: a.token });
    const session = await sessionNow(arranger(), api, programme, scheduleSession, 1);
    await api.gql(ROSTER, { input: { sessionId: gid('ProgrammeSession', session.id), marks: [{ citizenId: gid('Citizen', a.citizen.id), present: true }] } }, { token: staffToken });
    const PLAN = `query($year: Int!) { myLearningPlan(year: $year) { year open goalsMet goals { progress met goal { topic programme { id } } } } }`;
    const plan = await api.gql(PLAN, { year }, { token: a.token });
    // The self-declared 5 hours are pending, so only the attended session's hour counts.
    expect(plan.data?.myLearningPlan).toEqual({
      year,
      open: true,
      goalsMet: 1,
      goals: [
        { progress: 1, met: false, goal: { topic: 'DIGITAL_SKILLS', programme: null } },
        { progress: 1, met: true, goal: { topic: null, programme: { id: gid('Programme', programme.id) } } },
      ],
    });
    const removed = await api.gql(`mutation($input: DeleteLearningGoalInput!) { deleteLearningGoal(input: $input) { deletedId errors { code } } }`, { input: { id: hoursGoal.data?.createLearningGoal.goal.id } }, { token: a.token });
    expect(removed.data?.deleteLearningGoal.errors).toEqual([]);
    expect((await api.gql(PLAN, { year }, { token: a.token })).data?.myLearningPlan.goals).toHaveLength(1);
  });
});
