import { randomUUID } from 'node:crypto';
import { Role } from '../../src/core/roles';
import type { AdministrativeUnit } from '../../src/catalogue/units/unit.entity';
import type { RequestContext } from '../../src/core/context';
import { createInstitution, daysFromNow, gid, seedUnits, type UnitsFixture } from '../helpers/catalogue-fixtures';
import { startTestApi, type GraphQLResponse, type TestApi } from '../helpers/test-api';

let api: TestApi;
let admin: RequestContext;
let units: UnitsFixture;
/** Old Phường 1 of Tân An: valid until 30 June 2025, replaced by Phường Long An (same code 27694). */
let oldWard: AdministrativeUnit;
let adminToken: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.adminContext();
  units = await seedUnits(admin);
  oldWard = (await admin.services.units.findByCode(admin, '27694', '2025-01-01')) as AdministrativeUnit;
  expect(oldWard).toMatchObject({ name: 'Phường 1', validTo: '2025-06-30' });
  adminToken = (await api.account(Role.PROVINCE_ADMIN)).token;
});

afterAll(async () => {
  await api.close();
});

interface UserErrorShape {
  field: string[] | null;
  code: string;
  message: string;
}

function ok<T>(result: GraphQLResponse<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

const INSTITUTION_FIELDS = 'id name kind description address latitude longitude openingHours phone email website accessibility status unit { id name }';

async function mutate<T = any>(mutation: string, payloadField: string, input: Record<string, unknown>, token: string): Promise<T & { errors: UserErrorShape[] }> {
  const data = ok(await api.gql<Record<string, T & { errors: UserErrorShape[] }>>(mutation, { input }, { token }));
  return data[payloadField] as T & { errors: UserErrorShape[] };
}

const CREATE_INSTITUTION = `mutation($input: CreateInstitutionInput!) { createInstitution(input: $input) { institution { ${INSTITUTION_FIELDS} } errors { field code message } } }`;
const UPDATE_INSTITUTION = `mutation($input: UpdateInstitutionInput!) { updateInstitution(input: $input) { institution { ${INSTITUTION_FIELDS} } errors { field code message } } }`;
const CREATE_PROGRAMME = `mutation($input: CreateProgrammeInput!) { createProgramme(input: $input) { programme { id title status publishedAt } errors { field code message } } }`;
const SCHEDULE = `mutation($input: ScheduleSessionsInput!) { scheduleSessions(input: $input) { sessions { id startsAt endsAt place capacity creditedHours status } errors { field code message } } }`;

async function institution(id: string): Promise<Record<string, any>> {
  return ok(await api.gql<{ node: Record<string, any> }>(`query($id: ID!) { node(id: $id) { ... on Institution { ${INSTITUTION_FIELDS} } } }`, { id })).node;
}

async function institutionCount(): Promise<number> {
  return ok(await api.gql<{ institutions: { totalCount: number } }>('{ institutions(filter: { statuses: [ACTIVE, TEMPORARILY_CLOSED, CLOSED] }) { totalCount } }')).institutions.totalCount;
}

/** Every session of a programme, past and cancelled ones too, soonest first, as its staff sees them. */
async function sessionsOf(programmeId: string, token: string): Promise<{ totalCount: number; sessions: { startsAt: string; endsAt: string; status: string }[] }> {
  const data = ok(
    await api.gql<{ node: { sessions: { totalCount: number; edges: { node: { startsAt: string; endsAt: string; status: string } }[] } } }>(
      'query($id: ID!) { node(id: $id) { ... on Programme { sessions(includePast: true, includeCancelled: true, first: 100) { totalCount edges { node { startsAt endsAt status } } } } } }',
      { id: programmeId },
      { token },
    ),
  );
  return { totalCount: data.node.sessions.totalCount, sessions: data.node.sessions.edges.map((edge) => edge.node) };
}

/** A new institution of Phường Long An with a staff account, and a published programme of it. */
async function staffedInstitution(name: string) {
  const created = await createInstitution({ ...admin, em: admin.em.fork() }, units.longAn, name);
  const staff = await api.account(Role.INSTITUTION_STAFF, { institutionId: created.id });
  const programme = await mutate<{ programme: { id: string } }>(
    CREATE_PROGRAMME,
    'createProgramme',
    { institutionId: gid('Institution', created.id), title: `Tin học cho người cao tuổi (${name})`, kind: 'COURSE', topics: ['DIGITAL_SKILLS'], format: 'IN_PERSON' },
    staff.token,
  );
  await mutate('mutation($input: PublishProgrammeInput!) { publishProgramme(input: $input) { errors { code } } }', 'publishProgramme', { id: programme.programme.id }, staff.token);
  return { id: gid('Institution', created.id), token: staff.token, programmeId: programme.programme.id };
}

describe('institutions', () => {
  it('creates an institution with all its fields', async () => {
    const before = await institutionCount();
    const payload = await mutate<{ institution: Record<string, any> }>(
      CREATE_INSTITUTION,
      'createInstitution',
      {
        unitId: gid('AdministrativeUnit', units.longAn.id),
        name: '  Thư viện phường Long An  ',
        kind: 'LIBRARY',
        description: 'Phòng đọc thiếu nhi và phòng máy tính',
        address: '2 Hùng Vương, Phường Long An',
        latitude: 10.5363,
        longitude: 106.4109,
        openingHours: 'Thứ 2 – Thứ 6: 7:30–17:00',
        phone: '0272 3826 123',
        email: 'thuvien@longan.gov.vn',
        website: 'https://thuvien.longan.gov.vn',
        accessibility: ['STEP_FREE_ACCESS', 'LARGE_PRINT', 'STEP_FREE_ACCESS'],
      },
      adminToken,
    );
    expect(payload.errors).toEqual([]);
    expect(payload.institution).toEqual({
      id: expect.any(String),
      name: 'Thư viện phường Long An',
      kind: 'LIBRARY',
      description: 'Phòng đọc thiếu nhi và phòng máy tính',
      address: '2 Hùng Vương, Phường Long An',
      latitude: 10.5363,
      longitude: 106.4109,
      openingHours: 'Thứ 2 – Thứ 6: 7:30–17:00',
      phone: '0272 3826 123',
      email: 'thuvien@longan.gov.vn',
      website: 'https://thuvien.longan.gov.vn',
      accessibility: ['STEP_FREE_ACCESS', 'LARGE_PRINT'],
      status: 'ACTIVE',
      unit: { id: gid('AdministrativeUnit', units.longAn.id), name: 'Phường Long An' },
    });
    expect(await institution(payload.institution.id)).toEqual(payload.institution);
    expect(await institutionCount()).toBe(before + 1);
  });

  it('changes only the fields given, and clears an optional field given as null', async () => {
    const { id, token } = await staffedInstitution('Bảo tàng tỉnh');
    const original = await institution(id);
    await mutate(UPDATE_INSTITUTION, 'updateInstitution', { id, address: '1 Quốc lộ 1A', phone: '0272 111 222' }, token);

    const partial = await mutate<{ institution: Record<string, any> }>(UPDATE_INSTITUTION, 'updateInstitution', { id, description: 'Hiện vật văn hóa Óc Eo' }, token);
    expect(partial.errors).toEqual([]);
    const expected = { ...original, address: '1 Quốc lộ 1A', phone: '0272 111 222', description: 'Hiện vật văn hóa Óc Eo' };
    expect(partial.institution).toEqual(expected);
    expect(await institution(id)).toEqual(expected);

    const cleared = await mutate<{ institution: Record<string, any> }>(UPDATE_INSTITUTION, 'updateInstitution', { id, phone: null }, token);
    expect(cleared.errors).toEqual([]);
    expect(await institution(id)).toEqual({ ...expected, phone: null });

    // Both coordinates null: the location is removed.
    const unlocated = await mutate<{ institution: Record<string, any> }>(UPDATE_INSTITUTION, 'updateInstitution', { id, latitude: null, longitude: null }, token);
    expect(unlocated.errors).toEqual([]);
    expect(await institution(id)).toEqual({ ...expected, phone: null, latitude: null, longitude: null });
  });

  it('refuses a latitude without a longitude with INCOMPLETE_LOCATION, writing nothing', async () => {
    const before = await institutionCount();
    const created = await mutate<{ institution: unknown }>(
      CREATE_INSTITUTION,
      'createInstitution',
      { unitId: gid('AdministrativeUnit', units.longAn.id), name: 'Nhà văn hóa khu phố 3', kind: 'CULTURAL_CENTRE', latitude: 10.54 },
      adminToken,
    );
    expect(created).toEqual({ institution: null, errors: [{ field: ['input', 'longitude'], code: 'INCOMPLETE_LOCATION', message: 'Hãy nhập cả vĩ độ và kinh độ, hoặc bỏ trống cả hai.' }] });
    expect(await institutionCount()).toBe(before);

    const { id, token } = await staffedInstitution('Nhà văn hóa khu phố 4');
    await mutate(UPDATE_INSTITUTION, 'updateInstitution', { id, latitude: null, longitude: null }, token);
    const unlocated = await institution(id);
    // A new name and half a location: the name is not saved either.
    const updated = await mutate<{ institution: unknown }>(UPDATE_INSTITUTION, 'updateInstitution', { id, name: 'Tên mới', latitude: 10.6 }, token);
    expect(updated).toEqual({ institution: null, errors: [expect.objectContaining({ field: ['input', 'longitude'], code: 'INCOMPLETE_LOCATION' })] });
    const onlyLongitude = await mutate<{ institution: unknown }>(UPDATE_INSTITUTION, 'updateInstitution', { id, longitude: 106.4 }, token);
    expect(onlyLongitude.errors).toEqual([expect.objectContaining({ field: ['input', 'latitude'], code: 'INCOMPLETE_LOCATION' })]);
    expect(await institution(id)).toEqual(unlocated);

    // Taking away one coordinate of a located institution is refused as well.
    const located = await staffedInstitution('Nhà văn hóa khu phố 5');
    const half = await mutate<{ institution: unknown }>(UPDATE_INSTITUTION, 'updateInstitution', { id: located.id, latitude: null }, located.token);
    expect(half.errors).toEqual([expect.objectContaining({ code: 'INCOMPLETE_LOCATION' })]);
    expect(await institution(located.id)).toMatchObject({ latitude: 10.5363, longitude: 106.4109 });
  });

  it('refuses a unit that no longer exists, naming it, and creates nothing', async () => {
    const before = await institutionCount();
    const created = await mutate<{ institution: unknown }>(
      CREATE_INSTITUTION,
      'createInstitution',
      { unitId: gid('AdministrativeUnit', oldWard.id), name: 'Thư viện Phường 1', kind: 'LIBRARY' },
      adminToken,
    );
    expect(created).toEqual({ institution: null, errors: [{ field: ['input', 'unitId'], code: 'UNIT_NO_LONGER_EXISTS', message: 'Phường 1 không còn tồn tại; hãy chọn đơn vị kế thừa.' }] });
    expect(await institutionCount()).toBe(before);

    const { id } = await staffedInstitution('Thư viện sẽ chuyển');
    const moved = await mutate<{ institution: unknown }>(UPDATE_INSTITUTION, 'updateInstitution', { id, unitId: gid('AdministrativeUnit', oldWard.id) }, adminToken);
    expect(moved.errors).toEqual([expect.objectContaining({ field: ['input', 'unitId'], code: 'UNIT_NO_LONGER_EXISTS' })]);
    expect((await institution(id)).unit).toEqual({ id: gid('AdministrativeUnit', units.longAn.id), name: 'Phường Long An' });
  });

  it('refuses an unknown unit id and an id of another type, creating nothing', async () => {
    const before = await institutionCount();
    const unknown = await api.gql(CREATE_INSTITUTION, { input: { unitId: gid('AdministrativeUnit', randomUUID()), name: 'Thư viện ma', kind: 'LIBRARY' } }, { token: adminToken });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.createInstitution).toEqual({
      institution: null,
      errors: [{ field: ['input', 'unitId'], code: 'UNKNOWN_UNIT', message: 'Không có đơn vị hành chính nào có mã này.' }],
    });
    const wrongType = await api.gql(CREATE_INSTITUTION, { input: { unitId: gid('Institution', units.longAn.id), name: 'Thư viện ma', kind: 'LIBRARY' } }, { token: adminToken });
    expect(wrongType.errors?.[0]).toMatchObject({ message: expect.stringMatching(/is the id of an Institution, an AdministrativeUnit is expected/), extensions: { code: 'BAD_USER_INPUT' } });
    const garbage = await api.gql(CREATE_INSTITUTION, { input: { unitId: 'not-an-id', name: 'Thư viện ma', kind: 'LIBRARY' } }, { token: adminToken });
    expect(garbage.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await institutionCount()).toBe(before);
  });

  it('refuses a name over 300 characters or blank, creating and changing nothing', async () => {
    const before = await institutionCount();
    const input = { unitId: gid('AdministrativeUnit', units.longAn.id), name: 'T'.repeat(301), kind: 'LIBRARY' };
    const long = await api.gql(CREATE_INSTITUTION, { input }, { token: adminToken });
    expect(long.errors?.[0]).toMatchObject({ message: 'The input is not valid: name must be shorter than or equal to 300 characters', extensions: { code: 'BAD_USER_INPUT' } });
    expect(JSON.stringify(long.errors?.[0]?.extensions?.validationErrors)).toContain('name must be shorter than or equal to 300 characters');
    const blank = await mutate<{ institution: unknown }>(CREATE_INSTITUTION, 'createInstitution', { ...input, name: '   ' }, adminToken);
    expect(blank).toEqual({ institution: null, errors: [{ field: ['input', 'name'], code: 'REQUIRED', message: 'Trường này không được để trống.' }] });
    expect(await institutionCount()).toBe(before);
    // 300 is allowed.
    expect((await mutate(CREATE_INSTITUTION, 'createInstitution', { ...input, name: 'T'.repeat(300) }, adminToken)).errors).toEqual([]);

    const { id, token } = await staffedInstitution('Câu lạc bộ thơ');
    const rename = await api.gql(UPDATE_INSTITUTION, { input: { id, name: 'C'.repeat(301) } }, { token });
    expect(rename.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await institution(id)).name).toBe('Câu lạc bộ thơ');
  });
});

describe('programmes', () => {
  it('creates a draft that only its institution sees, then publishes it for everyone', async () => {
    const { id, token } = await staffedInstitution('Trung tâm học tập cộng đồng');
    const created = await mutate<{ programme: { id: string; title: string; status: string; publishedAt: string | null } }>(
      CREATE_PROGRAMME,
      'createProgramme',
      { institutionId: id, title: 'Kỹ năng số cho nông dân', kind: 'WORKSHOP', topics: ['DIGITAL_SKILLS', 'AGRICULTURE'], format: 'HYBRID', feeVnd: 0 },
      token,
    );
    expect(created).toEqual({ programme: { id: expect.any(String), title: 'Kỹ năng số cho nông dân', status: 'DRAFT', publishedAt: null }, errors: [] });
    const visible = async (viewer?: string) =>
      ok(await api.gql<{ node: { title: string } | null }>('query($id: ID!) { node(id: $id) { ... on Programme { title } } }', { id: created.programme.id }, { token: viewer })).node;
    expect(await visible()).toBeNull();
    expect(await visible(token)).toEqual({ title: 'Kỹ năng số cho nông dân' });

    const published = await mutate<{ programme: { status: string; publishedAt: string } }>(
      'mutation($input: PublishProgrammeInput!) { publishProgramme(input: $input) { programme { status publishedAt } errors { field code message } } }',
      'publishProgramme',
      { id: created.programme.id },
      token,
    );
    expect(published.errors).toEqual([]);
    expect(published.programme.status).toBe('PUBLISHED');
    expect(Math.abs(Date.parse(published.programme.publishedAt) - Date.now())).toBeLessThan(60_000);
    expect(await visible()).toEqual({ title: 'Kỹ năng số cho nông dân' });
  });

  it('refuses a title over 300 characters, creating nothing', async () => {
    const { id, token } = await staffedInstitution('Thư viện xã');
    const count = async () =>
      ok(await api.gql<{ programmes: { totalCount: number } }>('query($f: ProgrammeFilter) { programmes(filter: $f) { totalCount } }', { f: { institutionId: id, statuses: ['DRAFT', 'PUBLISHED'] } }, { token })).programmes.totalCount;
    const before = await count();
    const result = await api.gql(CREATE_PROGRAMME, { input: { institutionId: id, title: 'x'.repeat(301), kind: 'COURSE', topics: ['LAW'], format: 'ONLINE' } }, { token });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(result.errors?.[0]?.extensions?.validationErrors)).toContain('title must be shorter than or equal to 300 characters');
    expect(await count()).toBe(before);
  });

  it('cancels a programme with its reason, and with it the sessions that have not started', async () => {
    const { token, programmeId } = await staffedInstitution('Nhà thiếu nhi');
    const schedule = (startsAt: Date) =>
      mutate(SCHEDULE, 'scheduleSessions', { programmeId, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString(), creditedHours: 2 }, token);
    await schedule(daysFromNow(-3));
    await schedule(daysFromNow(2));
    await schedule(daysFromNow(9));

    const cancelled = await mutate<{ programme: { status: string; cancelledAt: string; cancellationReason: string } }>(
      'mutation($input: CancelProgrammeInput!) { cancelProgramme(input: $input) { programme { status cancelledAt cancellationReason } errors { field code message } } }',
      'cancelProgramme',
      { id: programmeId, reason: '  Giáo viên chuyển công tác  ' },
      token,
    );
    expect(cancelled.errors).toEqual([]);
    expect(cancelled.programme).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Giáo viên chuyển công tác' });
    expect(Math.abs(Date.parse(cancelled.programme.cancelledAt) - Date.now())).toBeLessThan(60_000);
    const { sessions } = await sessionsOf(programmeId, token);
    expect(sessions.map((session) => [session.startsAt, session.status])).toEqual([
      [daysFromNow(-3).toISOString(), 'SCHEDULED'],
      [daysFromNow(2).toISOString(), 'CANCELLED'],
      [daysFromNow(9).toISOString(), 'CANCELLED'],
    ]);
    // The public list of sessions no longer offers them.
    const open = ok(await api.gql<{ sessions: { totalCount: number } }>('query($f: SessionFilter) { sessions(filter: $f) { totalCount } }', { f: { programmeId } }));
    expect(open.sessions.totalCount).toBe(0);

    // No new sessions for a cancelled programme.
    const late = await schedule(daysFromNow(20));
    expect(late).toEqual({ sessions: null, errors: [expect.objectContaining({ field: ['input', 'programmeId'], code: 'PROGRAMME_CANCELLED' })] });
    expect((await sessionsOf(programmeId, token)).totalCount).toBe(3);
  });
});

describe('scheduling sessions', () => {
  it('schedules one session with its place, capacity and credited hours', async () => {
    const { token, programmeId } = await staffedInstitution('Thư viện ấp Bình Hòa');
    const payload = await mutate<{ sessions: Record<string, unknown>[] }>(
      SCHEDULE,
      'scheduleSessions',
      { programmeId, startsAt: '2030-03-04T12:00:00.000Z', endsAt: '2030-03-04T14:30:00.000Z', place: ' Phòng đọc tầng 2 ', capacity: 25, creditedHours: 2.5 },
      token,
    );
    expect(payload).toEqual({
      sessions: [
        {
          id: expect.any(String),
          startsAt: '2030-03-04T12:00:00.000Z',
          endsAt: '2030-03-04T14:30:00.000Z',
          place: 'Phòng đọc tầng 2',
          capacity: 25,
          creditedHours: 2.5,
          status: 'SCHEDULED',
        },
      ],
      errors: [],
    });
    expect(await sessionsOf(programmeId, token)).toEqual({
      totalCount: 1,
      sessions: [{ startsAt: '2030-03-04T12:00:00.000Z', endsAt: '2030-03-04T14:30:00.000Z', status: 'SCHEDULED' }],
    });
  });

  it('schedules a weekly series up to and including its last day, at 19:00 in Vietnam each time', async () => {
    const { token, programmeId } = await staffedInstitution('Câu lạc bộ tiếng Anh');
    const payload = await mutate<{ sessions: { startsAt: string; endsAt: string; capacity: number | null }[] }>(
      SCHEDULE,
      'scheduleSessions',
      // Monday 4 March 2030, 19:00–21:00 in Vietnam, every week until Monday 1 April.
      { programmeId, startsAt: '2030-03-04T12:00:00.000Z', endsAt: '2030-03-04T14:00:00.000Z', creditedHours: 2, capacity: 30, recurrence: { frequency: 'WEEKLY', until: '2030-04-01' } },
      token,
    );
    expect(payload.errors).toEqual([]);
    const expected = ['2030-03-04', '2030-03-11', '2030-03-18', '2030-03-25', '2030-04-01'].map((day) => ({
      startsAt: `${day}T12:00:00.000Z`,
      endsAt: `${day}T14:00:00.000Z`,
      capacity: 30,
    }));
    expect(payload.sessions.map(({ startsAt, endsAt, capacity }) => ({ startsAt, endsAt, capacity }))).toEqual(expected);
    expect(await sessionsOf(programmeId, token)).toEqual({ totalCount: 5, sessions: expected.map(({ startsAt, endsAt }) => ({ startsAt, endsAt, status: 'SCHEDULED' })) });

    const fortnightly = await mutate<{ sessions: { startsAt: string }[] }>(
      SCHEDULE,
      'scheduleSessions',
      { programmeId, startsAt: '2030-05-06T01:00:00.000Z', endsAt: '2030-05-06T03:00:00.000Z', creditedHours: 2, recurrence: { frequency: 'WEEKLY', interval: 2, until: '2030-06-02' } },
      token,
    );
    expect(fortnightly.sessions.map((session) => session.startsAt)).toEqual(['2030-05-06T01:00:00.000Z', '2030-05-20T01:00:00.000Z']);
  });

  describe('refuses bad sessions with a UserError, scheduling nothing', () => {
    let staff: { token: string; programmeId: string };
    const valid = { startsAt: '2030-09-02T01:00:00.000Z', endsAt: '2030-09-02T03:00:00.000Z', creditedHours: 2 };

    beforeAll(async () => {
      staff = await staffedInstitution('Trung tâm văn hóa thể thao');
      expect((await mutate(SCHEDULE, 'scheduleSessions', { programmeId: staff.programmeId, ...valid }, staff.token)).errors).toEqual([]);
    });

    const cases: [string, Record<string, unknown>, string[], string][] = [
      ['an end before the start', { endsAt: '2030-09-02T00:00:00.000Z' }, ['input', 'endsAt'], 'ENDS_BEFORE_START'],
      ['an end equal to the start', { endsAt: valid.startsAt }, ['input', 'endsAt'], 'ENDS_BEFORE_START'],
      ['a session over 24 hours', { endsAt: '2030-09-03T01:00:01.000Z' }, ['input', 'endsAt'], 'SESSION_TOO_LONG'],
      ['a capacity of -1', { capacity: -1 }, ['input', 'capacity'], 'INVALID_CAPACITY'],
      ['13 credited hours', { creditedHours: 13 }, ['input', 'creditedHours'], 'INVALID_CREDITED_HOURS'],
      ['negative credited hours', { creditedHours: -0.5 }, ['input', 'creditedHours'], 'INVALID_CREDITED_HOURS'],
      ['a series over 200 sessions', { recurrence: { frequency: 'WEEKLY', until: '2034-12-31' } }, ['input', 'recurrence', 'until'], 'TOO_MANY_SESSIONS'],
      ['a series with a bad end among good ones', { endsAt: '2030-09-01T00:00:00.000Z', recurrence: { frequency: 'MONTHLY', until: '2030-12-31' } }, ['input', 'endsAt'], 'ENDS_BEFORE_START'],
    ];

    for (const [what, change, field, code] of cases) {
      it(`refuses ${what} with ${code}`, async () => {
        const payload = await mutate(SCHEDULE, 'scheduleSessions', { programmeId: staff.programmeId, ...valid, ...change }, staff.token);
        expect(payload).toEqual({ sessions: null, errors: [{ field, code, message: expect.any(String) }] });
        expect(payload.errors[0]?.message.length).toBeGreaterThan(10);
        expect((await sessionsOf(staff.programmeId, staff.token)).totalCount).toBe(1);
      });
    }

    it('allows exactly 200 sessions in a series and 12 credited hours', async () => {
      const { token, programmeId } = await staffedInstitution('Câu lạc bộ dưỡng sinh');
      // Monday 2 September 2030 plus 199 weeks is Monday 26 June 2034: the 200th session.
      const payload = await mutate<{ sessions: { startsAt: string }[] }>(
        SCHEDULE,
        'scheduleSessions',
        { programmeId, ...valid, creditedHours: 12, recurrence: { frequency: 'WEEKLY', until: '2034-07-02' } },
        token,
      );
      expect(payload.errors).toEqual([]);
      expect(payload.sessions).toHaveLength(200);
      expect(payload.sessions[199]?.startsAt).toBe('2034-06-26T01:00:00.000Z');
      expect((await sessionsOf(programmeId, token)).totalCount).toBe(200);
    });
  });
});

describe('importing administrative units through the API', () => {
  const IMPORT = `mutation($input: ImportAdministrativeUnitsInput!) {
    importAdministrativeUnits(input: $input) { report { created updated unchanged successorsLinked rejected { line code reasonCode reason } } errors { field code message } }
  }`;

  it('reports created, unchanged and refused rows, applying the valid ones', async () => {
    const csv = [
      'code,name,level,parent_code,valid_from,valid_to,successor_code',
      '27712,Phường Tân An,COMMUNE,80,2025-07-01,,',
      '27715,Phường Khánh Hậu,COMMUNE,80,2025-07-01,,',
      '27999,Xã Mồ Côi,COMMUNE,12345,2025-07-01,,',
    ].join('\n');
    const result = await api.gql(IMPORT, { input: { csv } }, { token: adminToken, headers: { 'accept-language': 'en' } });
    expect(result.data?.importAdministrativeUnits).toEqual({
      report: {
        created: 1,
        updated: 0,
        unchanged: 1,
        successorsLinked: 0,
        rejected: [{ line: 4, code: '27999', reasonCode: 'PARENT_NOT_FOUND', reason: 'no unit with code 12345 above Commune, ward or town exists in the same period' }],
      },
      errors: [],
    });
    const found = await api.gql('{ administrativeUnit(code: "27715") { name } orphan: administrativeUnit(code: "27999") { name } }');
    expect(found.data).toEqual({ administrativeUnit: { name: 'Phường Khánh Hậu' }, orphan: null });
  });

  it('refuses text that is not CSV with a UserError and imports nothing', async () => {
    const csv = 'code,name,level,parent_code,valid_from,valid_to,successor_code\n"27718,Xã Dở Dang,COMMUNE,80,2025-07-01,,';
    const result = await api.gql(IMPORT, { input: { csv } }, { token: adminToken });
    expect(result.data?.importAdministrativeUnits).toEqual({
      report: null,
      errors: [{ field: ['input', 'csv'], code: 'INVALID_CSV', message: 'Tệp không phải là CSV đọc được.' }],
    });
    expect((await api.gql('{ administrativeUnit(code: "27718") { name } }')).data).toEqual({ administrativeUnit: null });
  });
});
