import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/demo/demo-accounts';
import { loadDemoData } from '../../src/demo/demo-data';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
  await loadDemoData(api.runtime.orm.em, api.runtime.services, api.runtime.log);
});

afterAll(async () => {
  await api.close();
});

async function signIn(login: string): Promise<string> {
  const result = await api.gql<{ signIn: { accessToken: string } }>(
    `mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }`,
    { input: { login, password: DEMO_PASSWORD } },
  );
  return result.data?.signIn.accessToken as string;
}

describe('demo data of npm start', () => {
  it('gives the demo citizen a profile, a household and a year of learning in several states', async () => {
    const token = await signIn(DEMO_ACCOUNTS.citizen);
    const year = Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4));
    const result = await api.gql<{
      myCitizenProfile: { fullName: string; nationalId: string; household: { members: { role: string }[] } };
      myLearning: { logs: { edges: { node: { status: string } }[] } };
      myLearningPlan: { goals: unknown[] };
    }>(
      `query($year: Int!, $previous: Int!) {
        myCitizenProfile { fullName nationalId household { members { role } } }
        myLearning(year: $year) { logs(first: 100) { edges { node { status } } } }
        previous: myLearning(year: $previous) { logs(first: 100) { edges { node { status } } } }
        myLearningPlan(year: $year) { goals { goal { id } } }
      }`,
      { year, previous: year - 1 },
      { token },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.myCitizenProfile).toMatchObject({ fullName: 'Nguyễn Thị Hoa', nationalId: '080185001234' });
    expect(result.data?.myCitizenProfile.household.members).toHaveLength(4);
    const data = result.data as unknown as Record<'myLearning' | 'previous', { logs: { edges: { node: { status: string } }[] } }>;
    const statuses = new Set([...data.myLearning.logs.edges, ...data.previous.logs.edges].map((edge) => edge.node.status));
    expect([...statuses].sort()).toEqual(['PENDING', 'REJECTED', 'VERIFIED', 'VOIDED']);
    expect(result.data?.myLearningPlan.goals).toHaveLength(3);
  });

  it('shows the assessor the pending logs of their ward, and changes nothing when loaded again', async () => {
    const count = async () => (await api.runtime.orm.em.fork().execute<{ n: string }[]>('select count(*)::text as n from learning_log'))[0].n;
    const before = await count();
    await loadDemoData(api.runtime.orm.em, api.runtime.services, api.runtime.log);
    expect(await count()).toBe(before);
    const token = await signIn(DEMO_ACCOUNTS.assessor);
    const queue = await api.gql<{ learningVerificationQueue: { totalCount: number } }>('{ learningVerificationQueue { totalCount } }', {}, { token });
    expect(queue.data?.learningVerificationQueue.totalCount).toBe(2);
  });
});
