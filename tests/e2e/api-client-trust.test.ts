import { randomUUID } from 'node:crypto';
import { Role } from '../../src/core/roles';
import { LearningLog } from '../../src/learning/logs/learning-log.entity';
import { PLATFORM_IRI } from '../../src/learning/records/xapi';
import { createInstitution, gid, seedUnits, type UnitsFixture } from '../helpers/catalogue-fixtures';
import { createCitizen } from '../helpers/learning-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let adminToken: string;
let units: UnitsFixture;

const COMPLETED = 'http://adlnet.gov/expapi/verbs/completed';
const COURSE = 'http://adlnet.gov/expapi/activities/course';
const DAY = 86_400_000;
const EN = { 'accept-language': 'en' };

const CREATE = `mutation($input: CreateApiClientInput!) {
  createApiClient(input: $input) { key apiClient { id statementTrust statementTrustLabel } errors { field code message } }
}`;

const SET_TRUST = `mutation($input: SetApiClientStatementTrustInput!) {
  setApiClientStatementTrust(input: $input) { apiClient { id statementTrust statementTrustLabel } errors { field code message } }
}`;

beforeAll(async () => {
  api = await startTestApi();
  adminToken = (await api.account(Role.PROVINCE_ADMIN)).token;
  units = await seedUnits(await api.adminContext());
});

afterAll(async () => {
  await api.close();
});

async function createClient(input: Record<string, unknown> = {}): Promise<{ key: string; apiClient: { id: string; statementTrust: string; statementTrustLabel: string } }> {
  const created = await api.gql(CREATE, { input: { name: 'Bình dân học vụ số', contactEmail: 'lms@example.vn', ...input } }, { token: adminToken, headers: EN });
  expect(created.data?.createApiClient.errors).toEqual([]);
  return created.data?.createApiClient;
}

function setTrust(apiClientId: string, statementTrust: string, token: string = adminToken) {
  return api.gql(SET_TRUST, { input: { apiClientId, statementTrust } }, { token, headers: EN });
}

/** A statement that the province's mapping turns into learning: a completed course, yesterday. */
async function postCompletedCourse(key: string, citizenId: string): Promise<string> {
  const id = randomUUID();
  const response = await fetch(`${api.url}/xapi/statements`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${key.slice(0, 10)}:${key}`).toString('base64')}`, 'content-type': 'application/json', 'x-experience-api-version': '2.0.0' },
    body: JSON.stringify({
      id,
      actor: { objectType: 'Agent', account: { homePage: PLATFORM_IRI, name: citizenId } },
      verb: { id: COMPLETED },
      object: { id: `https://mooc.example.vn/courses/${randomUUID()}`, definition: { name: { vi: 'An toàn số' }, type: COURSE } },
      result: { completion: true, duration: 'PT3H' },
      timestamp: new Date(Date.now() - DAY).toISOString(),
    }),
  });
  expect(response.status).toBe(200);
  return id;
}

const logStatusesOf = async (citizenId: string) =>
  (await api.runtime.orm.em.fork().find(LearningLog, { citizen: citizenId }, { orderBy: { createdAt: 'asc' } })).map((log) => [log.source, log.status]);

describe('statement trust of API clients', () => {
  it('is untrusted at creation unless the admin says otherwise, with its label', async () => {
    expect((await createClient()).apiClient).toMatchObject({ statementTrust: 'UNTRUSTED', statementTrustLabel: 'Untrusted' });
    expect((await createClient({ statementTrust: 'PENDING' })).apiClient).toMatchObject({ statementTrust: 'PENDING', statementTrustLabel: 'Pending verification' });
    const listed = await api.gql('{ apiClients { edges { node { statementTrust statementTrustLabel } } } }', {}, { token: adminToken });
    expect(listed.data?.apiClients.edges[0].node).toEqual({ statementTrust: 'PENDING', statementTrustLabel: 'Chờ xác nhận' });
  });

  it('set to VERIFIED by a province admin, makes the very next statement of the client a VERIFIED log', async () => {
    const { key, apiClient } = await createClient();
    const { citizen } = await createCitizen(api, units.tanAn);

    // The key's identity is cached by this first statement, as untrusted.
    await postCompletedCourse(key, citizen.id);
    expect(await logStatusesOf(citizen.id)).toEqual([]);

    const set = await setTrust(apiClient.id, 'VERIFIED');
    expect(set.data?.setApiClientStatementTrust).toEqual({ apiClient: { id: apiClient.id, statementTrust: 'VERIFIED', statementTrustLabel: 'Verified' }, errors: [] });

    await postCompletedCourse(key, citizen.id);
    expect(await logStatusesOf(citizen.id)).toEqual([['IMPORT', 'VERIFIED']]);

    // Lowered again, the next statement is stored without a log.
    expect((await setTrust(apiClient.id, 'UNTRUSTED')).data?.setApiClientStatementTrust.errors).toEqual([]);
    await postCompletedCourse(key, citizen.id);
    expect(await logStatusesOf(citizen.id)).toEqual([['IMPORT', 'VERIFIED']]);
  });

  it('is refused to staff, assessors and citizens with FORBIDDEN, and to a caller not signed in', async () => {
    const { apiClient } = await createClient();
    const library = await createInstitution(await api.adminContext(), units.tanAn, 'Thư viện tỉnh');
    const staff = await api.account(Role.INSTITUTION_STAFF, { institutionId: library.id });
    const assessor = await api.account(Role.ASSESSOR, { unitId: units.province.id });
    const { token: citizenToken } = await createCitizen(api, units.tanAn);
    for (const token of [staff.token, assessor.token, citizenToken as string]) {
      const refused = await setTrust(apiClient.id, 'VERIFIED', token);
      expect(refused.data).toBeNull();
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await api.gql(SET_TRUST, { input: { apiClientId: apiClient.id, statementTrust: 'VERIFIED' } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const after = await api.gql('query($id: ID!) { node(id: $id) { ... on ApiClient { statementTrust } } }', { id: apiClient.id }, { token: adminToken });
    expect(after.data?.node).toEqual({ statementTrust: 'UNTRUSTED' });
  });

  it('answers a UserError for an unknown client and for a revoked one', async () => {
    const unknown = await setTrust(gid('ApiClient', randomUUID()), 'VERIFIED');
    expect(unknown.data?.setApiClientStatementTrust).toEqual({
      apiClient: null,
      errors: [{ field: ['input', 'apiClientId'], code: 'API_CLIENT_NOT_FOUND', message: 'No API client has this id.' }],
    });

    const { apiClient } = await createClient();
    expect((await api.gql('mutation($id: ID!) { revokeApiClient(input: { id: $id }) { errors { code } } }', { id: apiClient.id }, { token: adminToken })).data?.revokeApiClient.errors).toEqual([]);
    const revoked = await setTrust(apiClient.id, 'VERIFIED');
    expect(revoked.data?.setApiClientStatementTrust).toEqual({
      apiClient: null,
      errors: [{ field: ['input', 'apiClientId'], code: 'API_CLIENT_REVOKED', message: 'The API client was revoked: it receives no webhooks and its trust no longer changes.' }],
    });
  });
});
