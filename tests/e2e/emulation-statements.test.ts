import type { EntityManager } from '@mikro-orm/postgresql';
import { NomineeKind } from '../../src/emulation/emulation.enums';
import { toGlobalId } from '../../src/graphql/global-id';
import { emulationWorld, type EmulationWorld } from '../helpers/emulation-fixtures';
import { startTestApi, type GraphQLResponse, type TestApi } from '../helpers/test-api';
import { insertCitizens, insertOrganisation } from '../helpers/titles-fixtures';

/*
 * The emulation lists read what their nodes point at through DataLoaders: a page of 50 costs the
 * same number of SQL statements as a page of 2 (GRAPHQL_QUERY_STATS is on outside production).
 * 50 submitted nominations of citizens by the commune's People's Committee, 50 contributions to the
 * commune and to the Study Promotion Association's fund, 50 initiatives of the committee and of an
 * enterprise. Each list is newest first and the owners and recipients alternate in that order, so the page of 2
 * already holds one of each kind: a page of 2 that happened to hold one kind would need fewer loaders.
 */

const PAGE = 50;
const YEAR = 2025;

let api: TestApi;
let em: EntityManager;
let world: EmulationWorld;

const statements = (response: GraphQLResponse) => {
  expect(response.errors).toBeUndefined();
  return response.extensions?.sqlStatements as number;
};

/** The statements of a query for a page of 2 and a page of 50, with the page of 50. */
async function pages(query: string, variables: Record<string, unknown>, token: string): Promise<{ small: number; large: number; response: GraphQLResponse }> {
  const small = statements(await api.gql(query, { ...variables, first: 2 }, { token }));
  const response = await api.gql(query, { ...variables, first: PAGE }, { token });
  return { small, large: statements(response), response };
}

beforeAll(async () => {
  api = await startTestApi();
  em = api.runtime.orm.em.fork();
  world = await emulationWorld(api);
  const citizens = await insertCitizens(em, world.hamlet, 1980, PAGE);
  const [round] = await em.execute<{ id: string }[]>(`select id from commendation_round where kind = 'INTERIM_REVIEW'`);
  const [form] = await em.execute<{ id: string }[]>(`select id from commendation_form where code = 'PROVINCE_CHAIRMAN_CERTIFICATE'`);
  for (const citizenId of citizens) {
    const ctx = { ...world.admin, em: world.admin.em.fork() };
    const nomination = await world.admin.services.emulation.nominations.create(ctx, {
      roundId: round?.id as string,
      formId: form?.id as string,
      proposerId: world.committeeId,
      nomineeKind: NomineeKind.CITIZEN,
      nomineeId: citizenId,
      achievements: 'Gương điển hình học tập suốt đời.',
      fileKeys: null,
    });
    await world.admin.services.emulation.nominations.submit(ctx, nomination.id);
  }
  const enterprise = await insertOrganisation(em, world.commune, 'ENTERPRISE', []);
  await em.execute(
    `insert into contribution (id, created_at, updated_at, contributor_kind, contributor_id, kind, value_vnd, contributed_on, recipient_kind, unit_id, fund_id, description, status)
     select gen_random_uuid(), now(), now(), 'CITIZEN', c, 'MONEY', 1000000, ?::date + n::int, case when n % 2 = 0 then 'UNIT' else 'FUND' end, ?, case when n % 2 = 0 then null else ?::uuid end, 'Ủng hộ quỹ khuyến học', 'VERIFIED'
       from unnest(?::uuid[]) with ordinality as t(c, n)`,
    [`${YEAR}-05-01`, world.commune.id, world.associationId, `{${citizens.join(',')}}`],
  );
  await em.execute(
    `insert into initiative (id, created_at, updated_at, title, summary, owner_body_id, owner_organisation_id, unit_id, period_from, period_to)
     select gen_random_uuid(), now(), now(), 'Sáng kiến ' || n, 'Tóm tắt', case when n % 2 = 0 then ?::uuid end, case when n % 2 = 1 then ?::uuid end, ?, ?::date, ?::date - n
       from generate_series(1, ?::int) n`,
    [world.committeeId, enterprise, world.commune.id, `${YEAR}-01-01`, `${YEAR}-12-31`, PAGE],
  );
}, 120_000);

afterAll(async () => {
  await api.close();
});

it('reads a page of 50 nominations, with proposer, form, round, unit, steps and their actors, in as many statements as a page of 2', async () => {
  const { small, large, response } = await pages(
    `query($first: Int!) { nominations(first: $first) { edges { node { nomineeName proposer { name } form { code } round { kind } nomineeUnit { name }
       steps { toStatus actor { id } } dossier { emulation { year } } } } } }`,
    {},
    world.tokens.education,
  );
  const nodes = response.data?.nominations.edges.map((edge: { node: unknown }) => edge.node);
  expect(nodes).toHaveLength(PAGE);
  for (const node of nodes) {
    expect(node).toMatchObject({ proposer: { name: 'Ủy ban nhân dân Xã Thử Nghiệm' }, form: { code: 'PROVINCE_CHAIRMAN_CERTIFICATE' }, round: { kind: 'INTERIM_REVIEW' }, nomineeUnit: { name: 'Ấp Một' }, dossier: { emulation: [] } });
    expect(node.steps.map((step: { toStatus: string }) => step.toStatus)).toEqual(['DRAFT', 'SUBMITTED']);
  }
  expect(large).toBe(small);
  expect(small).toBeLessThanOrEqual(12);
});

it('reads a page of 50 contributions with their contributors, recipients and units in as many statements as a page of 2', async () => {
  const { small, large, response } = await pages(
    `query($filter: ContributionFilter!, $first: Int!) { contributions(filter: $filter, first: $first) { edges { node { contributorName recipientName unit { name } kindLabel } } } }`,
    { filter: { unitId: toGlobalId('AdministrativeUnit', world.province.id) } },
    world.tokens.admin,
  );
  const nodes = response.data?.contributions.edges.map((edge: { node: { recipientName: string } }) => edge.node);
  expect(nodes).toHaveLength(PAGE);
  expect(new Set(nodes.map((node: { recipientName: string }) => node.recipientName))).toEqual(new Set(['Xã Thử Nghiệm', 'Hội Khuyến học tỉnh']));
  for (const node of nodes) expect(node).toMatchObject({ contributorName: expect.stringMatching(/^Công dân \d+$/), unit: { name: 'Xã Thử Nghiệm' } });
  expect(large).toBe(small);
});

it("reads a page of 50 initiatives with their owners' names in as many statements as a page of 2", async () => {
  const { small, large, response } = await pages(
    `query($unitId: ID!, $first: Int!) { initiatives(unitId: $unitId, first: $first) { edges { node { title ownerName ownerBody { name } } } } }`,
    { unitId: toGlobalId('AdministrativeUnit', world.province.id) },
    world.tokens.admin,
  );
  const nodes = response.data?.initiatives.edges.map((edge: { node: unknown }) => edge.node) as { ownerName: string; ownerBody: { name: string } | null }[];
  expect(nodes).toHaveLength(PAGE);
  expect(nodes.filter((node) => node.ownerBody).every((node) => node.ownerName === 'Ủy ban nhân dân Xã Thử Nghiệm')).toBe(true);
  expect(nodes.filter((node) => !node.ownerBody).every((node) => /^Cơ quan \d+$/.test(node.ownerName))).toBe(true);
  expect(large).toBe(small);
});
