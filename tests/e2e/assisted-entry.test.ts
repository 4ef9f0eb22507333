import { Account } from '../../src/auth/account.entity';
import { InstitutionKind } from '../../src/catalogue/catalogue.enums';
import type { Institution } from '../../src/catalogue/institutions/institution.entity';
import type { RequestContext } from '../../src/core/context';
import { Role } from '../../src/core/roles';
import { todayInVietnam } from '../../src/core/time';
import { fromGlobalId } from '../../src/graphql/global-id';
import { createInstitution, gid } from '../helpers/catalogue-fixtures';
import { createCitizen } from '../helpers/learning-fixtures';
import { seedPeopleUnits, type PeopleFixture } from '../helpers/people-fixtures';
import { startTestApi, type GraphQLResponse, type TestApi } from '../helpers/test-api';

/**
 * Assisted entry: an assessor of a citizen's area, or staff of the community learning centre of
 * it, acts for a citizen without an account or a phone. Long An has two assessors, a community
 * learning centre and a library; Tân An has one assessor, a library and a centre of its own.
 */
let api: TestApi;
let admin: RequestContext;
let units: PeopleFixture;
let library: Institution;
let tanAnLibrary: Institution;
const accounts = {} as Record<'assessor' | 'secondAssessor' | 'otherAssessor' | 'centreStaff' | 'libraryStaff' | 'otherCentreStaff' | 'tanAnLibraryStaff', { id: string; token: string }>;

const YEAR = Number(todayInVietnam().slice(0, 4));
const GOAL_FIELDS = 'id year topic targetHours enteredOnBehalf enteredByName';
const CREATE_GOAL = `mutation($input: CreateLearningGoalInput!) { createLearningGoal(input: $input) { goal { ${GOAL_FIELDS} } errors { field code } } }`;
const UPDATE_GOAL = `mutation($input: UpdateLearningGoalInput!) { updateLearningGoal(input: $input) { goal { ${GOAL_FIELDS} } errors { field code } } }`;
const PLAN = `query($id: ID!, $year: Int!) { learningPlan(citizenId: $id, year: $year) { year open goalsMet goals { goal { ${GOAL_FIELDS} } progress met } } }`;
const LOG_FIELDS = 'id status source activityTitle enteredOnBehalf enteredByName verifiedByEnterer verifiedByAssessor evidenceUrl';
const SUBMIT = `mutation($input: SubmitLearningLogInput!) { submitLearningLog(input: $input) { log { ${LOG_FIELDS} } errors { field code } } }`;
const UPLOAD = `mutation($input: CreateEvidenceUploadInput!) { createEvidenceUpload(input: $input) { upload { key uploadUrl } errors { code } } }`;
const VERIFY = `mutation($input: VerifyLearningLogsInput!) { verifyLearningLogs(input: $input) { results { code log { ${LOG_FIELDS} } } errors { code } } }`;
const PROGRESS = `query($id: ID!, $year: Int!) { titleProgress(subjectId: $id, year: $year) { titleKind total missing indicators { code score explanation } } }`;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.adminContext();
  units = await seedPeopleUnits(admin);
  const centre = await createInstitution(admin, units.longAn, 'Trung tâm học tập cộng đồng Phường Long An', { kind: InstitutionKind.COMMUNITY_LEARNING_CENTRE });
  const otherCentre = await createInstitution(admin, units.tanAn, 'Trung tâm học tập cộng đồng Phường Tân An', { kind: InstitutionKind.COMMUNITY_LEARNING_CENTRE });
  library = await createInstitution(admin, units.longAn, 'Thư viện phường Long An');
  tanAnLibrary = await createInstitution(admin, units.tanAn, 'Thư viện phường Tân An');
  accounts.assessor = await api.account(Role.ASSESSOR, { unitId: units.longAn.id });
  accounts.secondAssessor = await api.account(Role.ASSESSOR, { unitId: units.longAn.id });
  accounts.otherAssessor = await api.account(Role.ASSESSOR, { unitId: units.tanAn.id });
  accounts.centreStaff = await api.account(Role.INSTITUTION_STAFF, { institutionId: centre.id });
  accounts.libraryStaff = await api.account(Role.INSTITUTION_STAFF, { institutionId: library.id });
  accounts.otherCentreStaff = await api.account(Role.INSTITUTION_STAFF, { institutionId: otherCentre.id });
  accounts.tanAnLibraryStaff = await api.account(Role.INSTITUTION_STAFF, { institutionId: tanAnLibrary.id });
});

afterAll(async () => {
  await api.close();
});

async function nameOf(accountId: string): Promise<string> {
  return (await api.runtime.orm.em.fork().findOneOrFail(Account, { id: accountId })).displayName;
}

let day = 0;
/** A self-declared activity on a past day of this year (a new day each time, so no daily limit is reached). */
function activity(citizenId: string | null, overrides: Record<string, unknown> = {}) {
  day += 1;
  const occurredOn = todayInVietnam(new Date(Date.now() - (day % 20) * 86_400_000));
  return { ...(citizenId ? { citizenId } : {}), activityTitle: `Lớp tập huấn trồng lúa ${day}`, occurredOn: occurredOn.startsWith(String(YEAR)) ? occurredOn : `${YEAR}-01-01`, hours: 1, topics: ['AGRICULTURE'], result: 'COMPLETED', ...overrides };
}

/** A citizen living in Khu phố 1 of Long An, with no account: the one the pilots could not reach. */
async function citizenWithoutAccount(residence = units.longAnKp1) {
  const created = await createCitizen(api, residence, { withAccount: false });
  return { ...created, gid: gid('Citizen', created.citizen.id) };
}

function codeOf(result: GraphQLResponse): unknown {
  return result.errors?.[0]?.extensions?.code;
}

describe('assisted entry by an assessor of the commune', () => {
  it('creates and updates the plan, declares an activity with evidence, and reads the plan and the progress', async () => {
    const person = await citizenWithoutAccount();
    const token = accounts.assessor.token;
    const assessorName = await nameOf(accounts.assessor.id);

    const created = await api.gql(CREATE_GOAL, { input: { citizenId: person.gid, year: YEAR, topic: 'AGRICULTURE', targetHours: 10 } }, { token });
    expect(created.data?.createLearningGoal).toEqual({ goal: expect.objectContaining({ topic: 'AGRICULTURE', targetHours: 10, enteredOnBehalf: true, enteredByName: assessorName }), errors: [] });
    const updated = await api.gql(UPDATE_GOAL, { input: { id: created.data?.createLearningGoal.goal.id, topic: 'AGRICULTURE', targetHours: 2 } }, { token });
    expect(updated.data?.updateLearningGoal).toEqual({ goal: expect.objectContaining({ targetHours: 2, enteredOnBehalf: true }), errors: [] });

    const upload = await api.gql(UPLOAD, { input: { citizenId: person.gid, fileName: 'giay-chung-nhan.jpg' } }, { token });
    const { key, uploadUrl } = upload.data?.createEvidenceUpload.upload;
    expect(key.startsWith(`evidence/${person.citizen.id}/`)).toBe(true);
    expect((await fetch(uploadUrl, { method: 'PUT', body: 'jpeg bytes' })).ok).toBe(true);
    const submitted = await api.gql(SUBMIT, { input: activity(person.gid, { evidenceKey: key, hours: 3 }) }, { token });
    expect(submitted.data?.submitLearningLog).toEqual({
      log: expect.objectContaining({ status: 'PENDING', source: 'SELF_DECLARED', enteredOnBehalf: true, enteredByName: assessorName, verifiedByEnterer: false, evidenceUrl: expect.any(String) }),
      errors: [],
    });

    const pending = await api.gql(PLAN, { id: person.gid, year: YEAR }, { token });
    expect(pending.data?.learningPlan).toMatchObject({ year: YEAR, open: true, goalsMet: 0, goals: [{ goal: { targetHours: 2, enteredOnBehalf: true }, progress: 0, met: false }] });
    await api.gql(VERIFY, { input: { ids: [submitted.data?.submitLearningLog.log.id] } }, { token: accounts.secondAssessor.token });
    const met = await api.gql(PLAN, { id: person.gid, year: YEAR }, { token });
    expect(met.data?.learningPlan).toMatchObject({ goalsMet: 1, goals: [{ progress: 3, met: true }] });

    const progress = await api.gql(PROGRESS, { id: person.gid, year: YEAR }, { token });
    expect(progress.errors).toBeUndefined();
    expect(progress.data?.titleProgress.titleKind).toBe('LEARNING_CITIZEN');
    expect(progress.data?.titleProgress.missing.length).toBeGreaterThan(0);
    expect(progress.data?.titleProgress.indicators.find((i: { code: string }) => i.code === 'LEARNING_PLAN')).toMatchObject({ explanation: expect.any(String) });
  });

  it('counts a combined culture, sports and community learning centre of the commune as its community learning centre', async () => {
    const combined = await createInstitution(admin, units.longAn, 'Trung tâm Văn hóa – Thể thao và Học tập cộng đồng Phường Long An', { kind: InstitutionKind.CULTURE_SPORTS_LEARNING_CENTRE });
    const staff = await api.account(Role.INSTITUTION_STAFF, { institutionId: combined.id });
    const person = await citizenWithoutAccount();
    const created = await api.gql(CREATE_GOAL, { input: { citizenId: person.gid, year: YEAR, topic: 'HEALTH', targetHours: 4 } }, { token: staff.token });
    expect(created.data?.createLearningGoal).toEqual({ goal: expect.objectContaining({ enteredOnBehalf: true, enteredByName: await nameOf(staff.id) }), errors: [] });
  });

  it('lets staff of the community learning centre of the commune act too, but not staff of a library or of another commune’s centre', async () => {
    const person = await citizenWithoutAccount(units.longAnKp2);
    const centre = await api.gql(CREATE_GOAL, { input: { citizenId: person.gid, year: YEAR, topic: 'HEALTH', targetHours: 4 } }, { token: accounts.centreStaff.token });
    expect(centre.data?.createLearningGoal).toEqual({ goal: expect.objectContaining({ enteredOnBehalf: true, enteredByName: await nameOf(accounts.centreStaff.id) }), errors: [] });
    const declared = await api.gql(SUBMIT, { input: activity(person.gid) }, { token: accounts.centreStaff.token });
    expect(declared.data?.submitLearningLog.log).toMatchObject({ status: 'PENDING', enteredOnBehalf: true });
    const read = await api.gql(PROGRESS, { id: person.gid, year: YEAR }, { token: accounts.centreStaff.token });
    expect(read.data?.titleProgress).toMatchObject({ titleKind: 'LEARNING_CITIZEN' });
    expect((await api.gql(PLAN, { id: person.gid, year: YEAR }, { token: accounts.centreStaff.token })).data?.learningPlan.goals).toHaveLength(1);

    for (const outsider of [accounts.libraryStaff, accounts.otherCentreStaff]) {
      expect(codeOf(await api.gql(CREATE_GOAL, { input: { citizenId: person.gid, year: YEAR, topic: 'HEALTH', targetHours: 4 } }, { token: outsider.token }))).toBe('FORBIDDEN');
      expect(codeOf(await api.gql(SUBMIT, { input: activity(person.gid) }, { token: outsider.token }))).toBe('FORBIDDEN');
      expect(codeOf(await api.gql(PLAN, { id: person.gid, year: YEAR }, { token: outsider.token }))).toBe('FORBIDDEN');
      expect(codeOf(await api.gql(PROGRESS, { id: person.gid, year: YEAR }, { token: outsider.token }))).toBe('FORBIDDEN');
    }
  });
});

describe('who may not act for a citizen', () => {
  it('refuses an assessor of another commune every step (FORBIDDEN), and hides the goals of the citizen from them', async () => {
    const person = await citizenWithoutAccount();
    const token = accounts.otherAssessor.token;
    expect(codeOf(await api.gql(CREATE_GOAL, { input: { citizenId: person.gid, year: YEAR, topic: 'LAW', targetHours: 1 } }, { token }))).toBe('FORBIDDEN');
    expect(codeOf(await api.gql(UPLOAD, { input: { citizenId: person.gid, fileName: 'a.jpg' } }, { token }))).toBe('FORBIDDEN');
    expect(codeOf(await api.gql(SUBMIT, { input: activity(person.gid) }, { token }))).toBe('FORBIDDEN');
    expect(codeOf(await api.gql(PLAN, { id: person.gid, year: YEAR }, { token }))).toBe('FORBIDDEN');
    expect(codeOf(await api.gql(PROGRESS, { id: person.gid, year: YEAR }, { token }))).toBe('FORBIDDEN');

    const goal = await api.gql(CREATE_GOAL, { input: { citizenId: person.gid, year: YEAR, topic: 'LAW', targetHours: 1 } }, { token: accounts.assessor.token });
    // A goal is addressed by its id: one the caller may not act on is not found, as for a citizen.
    expect(codeOf(await api.gql(UPDATE_GOAL, { input: { id: goal.data?.createLearningGoal.goal.id, topic: 'LAW', targetHours: 5 } }, { token }))).toBe('NOT_FOUND');
  });

  it('refuses a citizen acting for another, and records nothing on behalf when a citizen names themself', async () => {
    const self = await createCitizen(api, units.longAnKp1);
    const other = await citizenWithoutAccount();
    const token = self.token;
    expect(codeOf(await api.gql(CREATE_GOAL, { input: { citizenId: other.gid, year: YEAR, topic: 'LAW', targetHours: 1 } }, { token }))).toBe('FORBIDDEN');
    expect(codeOf(await api.gql(SUBMIT, { input: activity(other.gid) }, { token }))).toBe('FORBIDDEN');
    expect(codeOf(await api.gql(UPLOAD, { input: { citizenId: other.gid, fileName: 'a.jpg' } }, { token }))).toBe('FORBIDDEN');
    expect(codeOf(await api.gql(PLAN, { id: other.gid, year: YEAR }, { token }))).toBe('FORBIDDEN');

    const own = await api.gql(CREATE_GOAL, { input: { citizenId: gid('Citizen', self.citizen.id), year: YEAR, topic: 'LAW', targetHours: 1 } }, { token });
    expect(own.data?.createLearningGoal.goal).toMatchObject({ enteredOnBehalf: false, enteredByName: null });
    const log = await api.gql(SUBMIT, { input: activity(null) }, { token });
    expect(log.data?.submitLearningLog.log).toMatchObject({ enteredOnBehalf: false, enteredByName: null });
  });
});

describe('verification of what an official entered', () => {
  it('leaves it to another assessor of the commune when there is one', async () => {
    const person = await citizenWithoutAccount();
    const log = (await api.gql(SUBMIT, { input: activity(person.gid) }, { token: accounts.assessor.token })).data?.submitLearningLog.log;
    const own = await api.gql(VERIFY, { input: { ids: [log.id] } }, { token: accounts.assessor.token });
    expect(own.data?.verifyLearningLogs.results).toEqual([{ code: 'ENTERED_BY_YOU', log: expect.objectContaining({ status: 'PENDING' }) }]);
    const other = await api.gql(VERIFY, { input: { ids: [log.id] } }, { token: accounts.secondAssessor.token });
    expect(other.data?.verifyLearningLogs.results).toEqual([{ code: null, log: expect.objectContaining({ status: 'VERIFIED', verifiedByAssessor: true, verifiedByEnterer: false }) }]);
  });

  it('leaves it to the institution it names when the assessor is the only one of the commune', async () => {
    const person = await citizenWithoutAccount(units.tanAnKp1);
    const input = activity(person.gid, { institutionId: gid('Institution', tanAnLibrary.id) });
    const log = (await api.gql(SUBMIT, { input }, { token: accounts.otherAssessor.token })).data?.submitLearningLog.log;
    const own = await api.gql(VERIFY, { input: { ids: [log.id] } }, { token: accounts.otherAssessor.token });
    expect(own.data?.verifyLearningLogs.results[0].code).toBe('ENTERED_BY_YOU');
    const institution = await api.gql(VERIFY, { input: { ids: [log.id] } }, { token: accounts.tanAnLibraryStaff.token });
    expect(institution.data?.verifyLearningLogs.results).toEqual([{ code: null, log: expect.objectContaining({ status: 'VERIFIED', verifiedByAssessor: false, verifiedByEnterer: false }) }]);
  });

  it('lets the only assessor of the commune verify what they entered when it names no institution, and records that they did', async () => {
    const person = await citizenWithoutAccount(units.tanAnKp1);
    const log = (await api.gql(SUBMIT, { input: activity(person.gid) }, { token: accounts.otherAssessor.token })).data?.submitLearningLog.log;
    const own = await api.gql(VERIFY, { input: { ids: [log.id] } }, { token: accounts.otherAssessor.token });
    expect(own.data?.verifyLearningLogs.results).toEqual([{ code: null, log: expect.objectContaining({ status: 'VERIFIED', verifiedByAssessor: true, verifiedByEnterer: true, enteredByName: await nameOf(accounts.otherAssessor.id) }) }]);
    // The fact stays with the log: nothing but the verification itself sets or clears it.
    await expect(api.runtime.orm.em.fork().execute('update learning_log set verified_by_enterer = false where id = ?', [fromGlobalId(log.id).id])).rejects.toThrow(/never edited/);
  });
});

describe('the citizen, after claiming the profile', () => {
  it('sees which goals and logs an official entered for them, and by whom', async () => {
    const person = await citizenWithoutAccount();
    const assessorName = await nameOf(accounts.assessor.id);
    const centreName = await nameOf(accounts.centreStaff.id);
    const byAssessor = (await api.gql(CREATE_GOAL, { input: { citizenId: person.gid, year: YEAR, topic: 'AGRICULTURE', targetHours: 6 } }, { token: accounts.assessor.token })).data?.createLearningGoal.goal;
    await api.gql(CREATE_GOAL, { input: { citizenId: person.gid, year: YEAR, topic: 'HEALTH', targetHours: 2 } }, { token: accounts.centreStaff.token });
    const log = (await api.gql(SUBMIT, { input: activity(person.gid, { activityTitle: 'Tập huấn phòng bệnh cho lúa' }) }, { token: accounts.assessor.token })).data?.submitLearningLog.log;

    const issued = await api.gql('mutation($input: IssueCitizenClaimCodeInput!) { issueCitizenClaimCode(input: $input) { claimCode errors { code } } }', { input: { citizenId: person.gid } }, { token: accounts.assessor.token });
    const claimant = await api.account(Role.CITIZEN);
    const claimed = await api.gql('mutation($input: ClaimCitizenProfileInput!) { claimCitizenProfile(input: $input) { citizen { id } errors { code } } }', {
      input: { nationalId: person.nationalId, claimCode: issued.data?.issueCitizenClaimCode.claimCode },
    }, { token: claimant.token });
    expect(claimed.data?.claimCitizenProfile).toEqual({ citizen: { id: person.gid }, errors: [] });

    const plan = await api.gql(`query($year: Int!) { myLearningPlan(year: $year) { goals { goal { ${GOAL_FIELDS} } } } }`, { year: YEAR }, { token: claimant.token });
    expect(plan.data?.myLearningPlan.goals.map((g: { goal: unknown }) => g.goal)).toEqual([
      expect.objectContaining({ topic: 'AGRICULTURE', enteredOnBehalf: true, enteredByName: assessorName }),
      expect.objectContaining({ topic: 'HEALTH', enteredOnBehalf: true, enteredByName: centreName }),
    ]);
    const learning = await api.gql(`query($year: Int!) { myLearning(year: $year) { logs { edges { node { ${LOG_FIELDS} } } } } }`, { year: YEAR }, { token: claimant.token });
    expect(learning.data?.myLearning.logs.edges).toEqual([{ node: expect.objectContaining({ id: log.id, activityTitle: 'Tập huấn phòng bệnh cho lúa', enteredOnBehalf: true, enteredByName: assessorName }) }]);

    // Officials read the same on the citizen's record; a goal the citizen then changes is theirs.
    const official = await api.gql(`query($id: ID!) { node(id: $id) { ... on Citizen { learningLogs { edges { node { enteredOnBehalf enteredByName } } } } } }`, { id: person.gid }, { token: accounts.secondAssessor.token });
    expect(official.data?.node.learningLogs.edges).toEqual([{ node: { enteredOnBehalf: true, enteredByName: assessorName } }]);
    const changed = await api.gql(UPDATE_GOAL, { input: { id: byAssessor.id, topic: 'AGRICULTURE', targetHours: 8 } }, { token: claimant.token });
    expect(changed.data?.updateLearningGoal.goal).toMatchObject({ targetHours: 8, enteredOnBehalf: false, enteredByName: null });
  });
});
