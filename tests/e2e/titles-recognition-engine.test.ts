import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../src/core/roles';
import { toGlobalId } from '../../src/graphql/global-id';
import { todayInVietnam } from '../../src/core/time';
import { startWorkers, type WorkerHost } from '../../workers/host';
import { startTestApi, type TestApi } from '../helpers/test-api';
import { recalculateTitlesAndWait } from '../helpers/title-runs';
import { insertAttestation, insertCitizen, insertCommuneWithHamlet, type UnitRow } from '../helpers/titles-fixtures';

const CURRENT = Number(todayInVietnam().slice(0, 4));
const YEAR = CURRENT - 1;
const CODES = ['READING', 'LEARNING_PLAN', 'COMMUNITY_ACTIVITIES', 'ENCOURAGES_LEARNING', 'DIGITAL_SKILLS', 'FOREIGN_LANGUAGE', 'NUMERACY', 'CRITICAL_THINKING', 'RELATIONS', 'COOPERATION'];

let api: TestApi;
let workers: WorkerHost;
let em: EntityManager;
let commune: UnitRow;
let hamlet: UnitRow;
let admin: string;

beforeAll(async () => {
  api = await startTestApi();
  workers = await startWorkers(api.runtime);
  em = api.runtime.orm.em.fork();
  ({ commune, hamlet } = await insertCommuneWithHamlet(em));
  admin = (await api.account(Role.PROVINCE_ADMIN)).token;
});

afterAll(async () => {
  await workers.close();
  await api.close();
});

/** Recalculates the commune's titles for YEAR through the API and waits for the run to succeed. */
async function recalculate(): Promise<void> {
  expect((await recalculateTitlesAndWait(api, admin, commune.id, YEAR)).run).toEqual({ status: 'SUCCEEDED', error: null });
}

it('keeps the scores frozen in an award when a later recalculation changes the progress', async () => {
  const citizen = await insertCitizen(em, hamlet, 1985);
  for (const code of CODES) await insertAttestation(em, citizen, hamlet, YEAR, code, 10);
  await recalculate();
  const [before] = await em.execute<{ status: string; total: string }[]>('select status, total::text from title_progress where subject_id = ? and year = ?', [citizen, YEAR]);
  expect(before).toEqual({ status: 'MEETS_CRITERIA', total: '100.00' });

  const recognised = await api.gql(
    `mutation($input: RecognizeTitlesInput!) { recogniseTitles(input: $input) { results { award { id } errors { code } } errors { code } } }`,
    { input: { decision: { number: '7/QĐ-UBND', date: `${CURRENT}-01-01`, issuer: 'UBND xã', level: 'COMMUNE' }, subjectIds: [toGlobalId('Citizen', citizen)], year: YEAR, titleKind: 'LEARNING_CITIZEN' } },
    { token: admin },
  );
  const awardId = recognised.data?.recogniseTitles.results[0].award.id as string;
  expect(awardId).toBeDefined();

  // The assessor lowers an attested score: NUMERACY 2 is below the minimum of 5, so the subject no longer meets the criteria.
  await em.execute(`update title_attestation set score = 2 where subject_id = ? and indicator_code = 'NUMERACY' and year = ?`, [citizen, YEAR]);
  await recalculate();
  const [after] = await em.execute<{ status: string; total: string }[]>('select status, total::text from title_progress where subject_id = ? and year = ?', [citizen, YEAR]);
  expect(after).toEqual({ status: 'NOT_YET', total: '92.00' });

  const award = await api.gql(`query($id: ID!) { node(id: $id) { ... on TitleAward { total progressStatus status inForce indicators { code source score } } } }`, { id: awardId }, { token: admin });
  expect(award.data?.node).toEqual({
    total: 100,
    progressStatus: 'MEETS_CRITERIA',
    status: 'AWARDED',
    inForce: true,
    indicators: CODES.map((code) => ({ code, source: 'ATTESTED', score: 10 })),
  });
});
