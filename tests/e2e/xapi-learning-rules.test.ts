import { randomUUID } from 'node:crypto';
import { StatementTrust } from '../../src/auth/api-client.enums';
import { AdministrativeUnit } from '../../src/catalogue/units/unit.entity';
import { LearningYearClosure } from '../../src/learning/year-closure/learning-year-closure.entity';
import { LearningLog } from '../../src/learning/logs/learning-log.entity';
import { PLATFORM_IRI } from '../../src/learning/records/xapi';
import { todayInVietnam } from '../../src/core/time';
import { seedUnits, type UnitsFixture } from '../helpers/catalogue-fixtures';
import { createCitizen } from '../helpers/learning-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let key: string;
let units: UnitsFixture;

const COMPLETED = 'http://adlnet.gov/expapi/verbs/completed';
const COURSE = 'http://adlnet.gov/expapi/activities/course';
const EARNED = 'http://id.tincanapi.com/verb/earned';
const CERTIFICATE = 'http://id.tincanapi.com/activitytype/certificate';
const DAY = 86_400_000;

async function post(body: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(`${api.url}/xapi/statements`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${key.slice(0, 10)}:${key}`).toString('base64')}`, 'content-type': 'application/json', 'x-experience-api-version': '2.0.0' },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

function completedCourse(citizenId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', account: { homePage: PLATFORM_IRI, name: citizenId } },
    verb: { id: COMPLETED },
    object: { id: `https://mooc.example.vn/courses/${randomUUID()}`, definition: { name: { vi: 'An toàn số' }, type: COURSE } },
    result: { completion: true, duration: 'PT3H' },
    timestamp: new Date(Date.now() - DAY).toISOString(),
    ...overrides,
  };
}

async function learningOf(id: string): Promise<{ learning: string; learning_reason: string | null; learning_log_id: string | null } | undefined> {
  const rows = await api.runtime.orm.em.fork().execute<{ learning: string; learning_reason: string | null; learning_log_id: string | null }[]>(
    'select learning, learning_reason, learning_log_id from xapi_statement where id = ?',
    [id],
  );
  return rows[0];
}

const logsOf = (citizenId: string) => api.runtime.orm.em.fork().find(LearningLog, { citizen: citizenId }, { orderBy: { createdAt: 'asc' } });

beforeAll(async () => {
  api = await startTestApi();
  const ctx = await api.adminContext();
  key = (await api.runtime.services.apiClients.create(ctx, { name: 'Bình dân học vụ số', contactEmail: 'lms@example.vn', rateLimitPerMinute: 0, statementTrust: StatementTrust.VERIFIED })).key;
  units = await seedUnits(await api.adminContext());
});

afterAll(async () => {
  await api.close();
});

describe('statements follow the rules of every new learning log', () => {
  it('stores a statement over the maximum hours without a log, with the reason, instead of clamping its hours', async () => {
    const { citizen } = await createCitizen(api, units.tanAn);
    const sent = completedCourse(citizen.id, { result: { completion: true, duration: 'PT13H' } });
    expect((await post(sent)).status).toBe(200);
    expect(await learningOf(sent.id as string)).toEqual({ learning: 'REFUSED', learning_reason: expect.stringMatching(/^INVALID_HOURS: /), learning_log_id: null });
    expect(await logsOf(citizen.id)).toEqual([]);
  });

  it('refuses a log in a closed learning year, as a form or a CSV line would be', async () => {
    const { citizen } = await createCitizen(api, units.longAn);
    const lastYear = Number(todayInVietnam().slice(0, 4)) - 1;
    const em = api.runtime.orm.em.fork();
    em.create(LearningYearClosure, { unit: em.getReference(AdministrativeUnit, units.longAn.id), year: lastYear, closedAt: new Date() });
    await em.flush();
    const sent = completedCourse(citizen.id, { timestamp: `${lastYear}-06-15T08:00:00Z` });
    expect((await post(sent)).status).toBe(200);
    expect(await learningOf(sent.id as string)).toMatchObject({ learning: 'REFUSED', learning_reason: expect.stringMatching(/^YEAR_CLOSED: /) });
    expect(await logsOf(citizen.id)).toEqual([]);
  });
});

describe('exportMyLearning reads the mapping backwards', () => {
  it('exports with the verb and activity type of the exported mapping row, and a statement sent back finds its log', async () => {
    const { citizen, token } = await createCitizen(api, units.tanAn);
    const submitted = await api.gql(
      `mutation($input: SubmitLearningLogInput!) { submitLearningLog(input: $input) { errors { code } } }`,
      { input: { activityTitle: 'Chứng chỉ tin học', occurredOn: todayInVietnam(new Date(Date.now() - 2 * DAY)), hours: 2, topics: ['DIGITAL_SKILLS'], result: 'COMPLETED' } },
      { token },
    );
    expect(submitted.data?.submitLearningLog.errors).toEqual([]);
    const [{ id: logId }] = (await logsOf(citizen.id)) as [LearningLog];
    const exportOf = async () => (await api.gql(`{ exportMyLearning { xapiStatements } }`, {}, { token })).data?.exportMyLearning.xapiStatements as Record<string, any>[];

    const [before] = await exportOf();
    expect(before).toMatchObject({ verb: { id: COMPLETED }, object: { definition: { type: COURSE } } });

    // The province exports completed learning as an earned certificate from now on.
    const em = api.runtime.orm.em.fork();
    await em.execute(`update xapi_learning_mapping set exported = false where result = 'COMPLETED'`);
    await em.execute(`update xapi_learning_mapping set exported = true where verb_id = ? and activity_type = ?`, [EARNED, CERTIFICATE]);
    const exported = await exportOf();
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({ id: logId, verb: { id: EARNED }, object: { definition: { type: CERTIFICATE } } });

    // Sent back to the LRS, the statement is mapped (the same row) and finds the log it came from.
    const { stored: _stored, ...statement } = exported[0] as Record<string, unknown>;
    expect((await post(statement)).status).toBe(200);
    expect(await learningOf(logId)).toEqual({ learning: 'LOGGED', learning_reason: null, learning_log_id: logId });
    expect((await logsOf(citizen.id)).map((log) => log.id)).toEqual([logId]);
  });
});
