import { Role } from '../../src/core/roles';
import type { RequestContext } from '../../src/core/context';
import type { Institution } from '../../src/catalogue/institutions/institution.entity';
import { createInstitution, createProgramme, daysFromNow, gid, scheduleSession, seedUnits, type UnitsFixture } from '../helpers/catalogue-fixtures';
import { createCitizen } from '../helpers/learning-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let admin: RequestContext;
let units: UnitsFixture;
let institution: Institution;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.adminContext();
  units = await seedUnits(admin);
  institution = await createInstitution(admin, units.longAn, 'Trung tâm học tập cộng đồng Long An');
});

afterAll(async () => {
  await api.close();
});

const arranger = (): RequestContext => ({ ...admin, em: admin.em.fork() });
const ENROLL = `mutation($input: EnrollInput!) { enroll(input: $input) { enrollment { id status } errors { code } } }`;
const SEATS = `query($id: ID!) { node(id: $id) { ... on ProgrammeSession { capacity enrolledCount seatsLeft isFull waitlistLength myEnrollment { id status } } } }`;

async function sessionWithCapacity(title: string, capacity: number | null): Promise<string> {
  const session = await scheduleSession(arranger(), await createProgramme(arranger(), institution, title), daysFromNow(4));
  await api.runtime.orm.em.fork().execute('update programme_session set capacity = ? where id = ?', [capacity, session.id]);
  return gid('ProgrammeSession', session.id);
}

describe('seats of a session, for anyone, and the viewer’s own registration', () => {
  it('counts seats left and the waitlist as people enroll, without naming anyone', async () => {
    const session = await sessionWithCapacity('Lớp sơ cứu', 2);
    expect((await api.gql(SEATS, { id: session })).data?.node).toEqual({ capacity: 2, enrolledCount: 0, seatsLeft: 2, isFull: false, waitlistLength: 0, myEnrollment: null });
    const people = [await createCitizen(api, units.longAn), await createCitizen(api, units.longAn), await createCitizen(api, units.longAn)];
    const enrollments = [];
    for (const person of people) enrollments.push((await api.gql(ENROLL, { input: { sessionId: session } }, { token: person.token })).data?.enroll.enrollment);
    expect(enrollments.map((e) => e.status)).toEqual(['ENROLLED', 'ENROLLED', 'WAITLISTED']);

    const anonymous = await api.gql(SEATS, { id: session });
    expect(anonymous.data?.node).toEqual({ capacity: 2, enrolledCount: 2, seatsLeft: 0, isFull: true, waitlistLength: 1, myEnrollment: null });
    const waiting = await api.gql(SEATS, { id: session }, { token: people[2]?.token });
    expect(waiting.data?.node.myEnrollment).toEqual(enrollments[2]);
    const stranger = await createCitizen(api, units.longAn);
    expect((await api.gql(SEATS, { id: session }, { token: stranger.token })).data?.node.myEnrollment).toBeNull();
    // Who enrolled stays for staff.
    const names = await api.gql(`query($id: ID!) { node(id: $id) { ... on ProgrammeSession { enrollments { totalCount } } } }`, { id: session }, { token: stranger.token });
    expect(names.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('has no seats left to count and is never full without a capacity', async () => {
    const session = await sessionWithCapacity('Nói chuyện chuyên đề', null);
    const person = await createCitizen(api, units.longAn);
    await api.gql(ENROLL, { input: { sessionId: session } }, { token: person.token });
    const staff = await api.account(Role.INSTITUTION_STAFF, { institutionId: institution.id });
    const seen = await api.gql(SEATS, { id: session }, { token: staff.token });
    expect(seen.data?.node).toEqual({ capacity: null, enrolledCount: 1, seatsLeft: null, isFull: false, waitlistLength: 0, myEnrollment: null });
  });

  it('reads the counts of a page of sessions in one statement whatever its size', async () => {
    const programme = await createProgramme(arranger(), institution, 'Lớp tiếng Anh');
    for (const day of [5, 6, 7, 8, 9, 10]) await scheduleSession(arranger(), programme, daysFromNow(day));
    const statements = async (first: number) => {
      const result = await api.gql(`query($id: ID!, $first: Int!) { node(id: $id) { ... on Programme { sessions(first: $first) { edges { node { seatsLeft isFull waitlistLength enrolledCount } } } } } }`, { id: gid('Programme', programme.id), first });
      expect(result.errors).toBeUndefined();
      return result.extensions?.sqlStatements as number;
    };
    expect(await statements(6)).toBe(await statements(2));
  });
});
