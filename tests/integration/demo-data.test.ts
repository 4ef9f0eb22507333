import { toGlobalId } from '../../src/graphql/global-id';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/demo/demo-accounts';
import { loadDemoData } from '../../src/demo/demo-data';
import { startWorkers, type WorkerHost } from '../../workers/host';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let workers: WorkerHost;

beforeAll(async () => {
  api = await startTestApi({ MEDIA_RELAY_INTERVAL_MS: '100' });
  await loadDemoData(api.runtime);
  workers = await startWorkers(api.runtime);
}, 120_000);

afterAll(async () => {
  await workers.close();
  await api.close();
});

const thisYear = () => Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4));

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

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
    const year = thisYear();
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
    await loadDemoData(api.runtime);
    expect(await count()).toBe(before);
    const token = await signIn(DEMO_ACCOUNTS.assessor);
    const queue = await api.gql<{ learningVerificationQueue: { totalCount: number } }>('{ learningVerificationQueue { totalCount } }', {}, { token });
    expect(queue.data?.learningVerificationQueue.totalCount).toBe(2);
  });

  it('signs the department and commune officials in to the bodies they act for, with their roles', async () => {
    const education = await signIn(DEMO_ACCOUNTS.educationDepartment);
    const mine = await api.gql('{ me { roles { role } } myBodies { name shortName superior { name } } }', {}, { token: education });
    expect(mine.data?.me.roles.map((grant: { role: string }) => grant.role).sort()).toEqual(['CITIZEN', 'EDUCATION_DEPARTMENT']);
    expect(mine.data?.myBodies).toEqual([{ name: 'Sở Giáo dục và Đào tạo tỉnh Tây Ninh', shortName: 'SGDĐT', superior: { name: 'Ủy ban nhân dân tỉnh Tây Ninh' } }]);
    const commune = await api.gql('{ myBodies { name } }', {}, { token: await signIn(DEMO_ACCOUNTS.communeBenLuc) });
    expect(commune.data?.myBodies).toEqual([{ name: 'Ủy ban nhân dân Xã Bến Lức' }]);
  });

  it('shows the Department of Education the interim review in progress, and anyone the contributions and initiatives counted', async () => {
    const education = await signIn(DEMO_ACCOUNTS.educationDepartment);
    const round = await api.gql('{ nominations(first: 10) { edges { node { status nomineeName proposer { name } } } } }', {}, { token: education });
    expect(round.errors).toBeUndefined();
    expect(round.data?.nominations.edges.map((edge: { node: { status: string; nomineeName: string } }) => [edge.node.status, edge.node.nomineeName]).sort()).toEqual([
      ['CONSOLIDATED', 'Phường Khánh Hậu'],
      ['SUBMITTED', 'Nguyễn Thị Hoa'],
    ]);
    const [province] = await api.runtime.orm.em.fork().execute<{ id: string }[]>(`select id from administrative_unit where level = 'PROVINCE' and valid_to is null`);
    const unitId = toGlobalId('AdministrativeUnit', province?.id ?? '');
    const year = thisYear() - 1;
    const totals = await api.gql('query($filter: ContributionFilter!) { contributionTotals(filter: $filter) { count valueVnd hours } }', { filter: { unitId, year } });
    expect(totals.data?.contributionTotals).toEqual({ count: 2, valueVnd: 3_000_000, hours: 40 });
    const counts = await api.gql('query($unitId: ID!, $year: Int!) { initiativeCounts(unitId: $unitId, year: $year) { recorded recognised } }', { unitId, year });
    expect(counts.data?.initiativeCounts).toEqual({ recorded: 2, recognised: 1 });
  });

  it('publishes a learning resource of every kind once the workers have made its renditions', async () => {
    type Resources = { learningResources: { totalCount: number; edges: { node: { kind: string; status: string; pages: number | null; durationSeconds: number | null; mediaAsset: { status: string } | null } }[] } };
    const read = () => api.gql<Resources>('{ learningResources(first: 20) { totalCount edges { node { kind status pages durationSeconds mediaAsset { status } } } } }');
    const result = await eventually(read, (r) => r.data?.learningResources.totalCount === 6, 120_000);
    expect(result.errors).toBeUndefined();
    // Every step of every file done: when one is not, its state and error say why a resource is missing below.
    const steps = await api.runtime.orm.em.fork().execute<{ step: string }[]>(
      `select a.kind || ' ' || s.name || ' ' || s.status || ' after ' || s.attempts || coalesce(': ' || s.error, '') as step
         from media_step s join media_asset a on a.id = s.asset_id where s.status <> 'READY' order by 1`,
    );
    expect(steps.map((row) => row.step)).toEqual([]);
    const nodes = result.data?.learningResources.edges.map((edge) => edge.node) ?? [];
    expect(nodes.map((node) => node.kind).sort()).toEqual(['AUDIO', 'DOCUMENT', 'EBOOK', 'IMAGE', 'LINK', 'VIDEO']);
    expect(nodes.every((node) => node.status === 'PUBLISHED')).toBe(true);
    const byKind = new Map(nodes.map((node) => [node.kind, node]));
    expect(byKind.get('EBOOK')?.pages).toBe(6);
    expect(byKind.get('VIDEO')?.durationSeconds).toBeGreaterThan(5);
    expect(byKind.get('LINK')?.mediaAsset).toBeNull();
    expect(nodes.filter((node) => node.mediaAsset).every((node) => node.mediaAsset?.status === 'READY')).toBe(true);
  }, 130_000);

  it('finds the programmes of "Thư viện tỉnh Long An" by "thu vien", and no programme that only shares letters with it, typed right or with a typo', async () => {
    const titles = async (search: string, token?: string, statuses = ['PUBLISHED']): Promise<string[]> => {
      const result = await api.gql<{ programmes: { edges: { node: { title: string } }[] } }>(
        `query($filter: ProgrammeFilter) { programmes(first: 50, filter: $filter, orderBy: RELEVANCE) { edges { node { title } } } }`,
        { filter: { search, statuses } },
        { token },
      );
      expect(result.errors).toBeUndefined();
      return result.data!.programmes.edges.map((edge) => edge.node.title);
    };
    // Neither published title says "thư viện": the institution's name does; "English Speaking Club" and "Tin học văn phòng" share letters only.
    expect((await titles('thu vien')).sort()).toEqual(['Giờ đọc sách thiếu nhi', 'Kỹ năng số cho người cao tuổi']);
    expect((await titles('thu vien tinh long an')).sort()).toEqual(['Giờ đọc sách thiếu nhi', 'Kỹ năng số cho người cao tuổi']);
    // A typo finds the library's programmes, through the words of its name, and still nothing that merely shares letters.
    expect((await titles('thu vein')).sort()).toEqual(['Giờ đọc sách thiếu nhi', 'Kỹ năng số cho người cao tuổi']);
    // The library's staff see its draft too, found by its own title and by its institution's name alike.
    const staff = await signIn(DEMO_ACCOUNTS.staff);
    expect((await titles('thu vien', staff, ['PUBLISHED', 'DRAFT'])).sort()).toEqual(['Giờ đọc sách thiếu nhi', 'Khai thác thư viện số (bản nháp)', 'Kỹ năng số cho người cao tuổi']);
  });

  it('lets the ward recognise the demo citizen and her husband as Learning Citizens of the previous year without an override', async () => {
    const previous = thisYear() - 1;
    const em = api.runtime.orm.em.fork();
    const runs = await eventually(
      () => em.execute<{ year: number; status: string }[]>('select year, status from title_run order by year'),
      (rows) => rows.length === 2 && rows.every((row) => row.status === 'SUCCEEDED'),
    );
    expect(runs).toEqual([{ year: previous, status: 'SUCCEEDED' }, { year: previous + 1, status: 'SUCCEEDED' }]);
    const token = await signIn(DEMO_ACCOUNTS.admin);
    const ward = await api.gql<{ administrativeUnit: { id: string } }>('{ administrativeUnit(code: "27694") { id } }');
    const standing = await api.gql<{ titleStandings: { total: { evaluated: number; meeting: number } } }>(
      `query($unitId: ID!, $year: Int!) { titleStandings(unitId: $unitId, year: $year, kind: LEARNING_CITIZEN) { total { evaluated meeting } } }`,
      { unitId: ward.data?.administrativeUnit.id, year: previous },
      { token },
    );
    expect(standing.errors).toBeUndefined();
    // The ward's eight demo people were registered before that year; seven are 15 or older then, and two meet the criteria.
    expect(standing.data?.titleStandings.total).toEqual({ evaluated: 7, meeting: 2 });
    const citizens = await em.execute<{ id: string }[]>(`select id from citizen where full_name in ('Nguyễn Thị Hoa', 'Trần Văn Minh') order by full_name`);
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const recognised = await api.gql<{ recogniseTitles: { recognisedCount: number; results: { errors: unknown[] }[]; errors: unknown[] } }>(
      `mutation($input: RecognizeTitlesInput!) { recogniseTitles(input: $input) { recognisedCount results { errors { code message } } errors { code message } } }`,
      {
        input: {
          decision: { number: '12/QĐ-UBND', date: today, issuer: 'UBND phường Long An', level: 'COMMUNE' },
          subjectIds: citizens.map((row) => toGlobalId('Citizen', row.id)),
          year: previous,
          titleKind: 'LEARNING_CITIZEN',
        },
      },
      { token },
    );
    expect(recognised.errors).toBeUndefined();
    expect(recognised.data?.recogniseTitles).toMatchObject({ recognisedCount: 2, errors: [] });
  }, 120_000);
});
