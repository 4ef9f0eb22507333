import type { Body } from '../../src/bodies/body.entity';
import { BodyKind } from '../../src/bodies/body.enums';
import type { RequestContext } from '../../src/core/context';
import { Role } from '../../src/core/roles';
import { gid, seedUnits, type UnitsFixture } from '../helpers/catalogue-fixtures';
import { appointOfficer, createBody } from '../helpers/bodies-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let admin: RequestContext;
let units: UnitsFixture;
let adminToken: string;
let province: Body;
let education: Body;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.adminContext();
  units = await seedUnits(admin);
  adminToken = (await api.account(Role.PROVINCE_ADMIN)).token;
  province = await createBody(admin, units.province, 'Ủy ban nhân dân tỉnh Tây Ninh');
  education = await createBody(admin, units.province, 'Sở Giáo dục và Đào tạo tỉnh Tây Ninh', { kind: BodyKind.DEPARTMENT, shortName: 'SGDĐT', superior: province });
  await createBody(admin, units.longAn, 'Ủy ban nhân dân Phường Long An', { superior: province });
  await admin.em.flush();
});

afterAll(async () => {
  await api.close();
});

const BODY = 'id name shortName kind kindLabel unit { name } superior { name }';
const CREATE = `mutation($input: BodyInput!) { createBody(input: $input) { body { ${BODY} } errors { field code message } } }`;
const UPDATE = `mutation($input: UpdateBodyInput!) { updateBody(input: $input) { body { ${BODY} } errors { field code message } } }`;
const APPOINT = `mutation($input: BodyOfficerInput!) { appointBodyOfficer(input: $input) { body { id officers { id } } errors { code } } }`;
const REMOVE = `mutation($input: BodyOfficerInput!) { removeBodyOfficer(input: $input) { body { id } errors { code } } }`;

describe('bodies', () => {
  it('lists bodies by name to anyone, filtered by kind, unit and words without diacritics', async () => {
    const all = await api.gql(`{ bodies(first: 10) { totalCount edges { node { ${BODY} } } } }`);
    expect(all.errors).toBeUndefined();
    expect(all.data?.bodies.edges.map((edge: any) => edge.node.name)).toEqual([
      'Sở Giáo dục và Đào tạo tỉnh Tây Ninh',
      'Ủy ban nhân dân Phường Long An',
      'Ủy ban nhân dân tỉnh Tây Ninh',
    ]);
    expect(all.data?.bodies.edges[0].node).toMatchObject({ shortName: 'SGDĐT', kind: 'DEPARTMENT', kindLabel: 'Sở, ban, ngành', superior: { name: 'Ủy ban nhân dân tỉnh Tây Ninh' } });

    const departments = await api.gql(`query($f: BodyFilter) { bodies(first: 10, filter: $f) { totalCount } }`, { f: { kinds: ['DEPARTMENT'] } });
    expect(departments.data?.bodies.totalCount).toBe(1);
    const ofWard = await api.gql(`query($f: BodyFilter) { bodies(first: 10, filter: $f) { edges { node { name } } } }`, { f: { unitId: gid('AdministrativeUnit', units.longAn.id) } });
    expect(ofWard.data?.bodies.edges.map((edge: any) => edge.node.name)).toEqual(['Ủy ban nhân dân Phường Long An']);
    const searched = await api.gql(`query($f: BodyFilter) { bodies(first: 10, filter: $f) { edges { node { name } } } }`, { f: { search: 'so giao duc' } });
    expect(searched.data?.bodies.edges.map((edge: any) => edge.node.name)).toEqual(['Sở Giáo dục và Đào tạo tỉnh Tây Ninh']);
  });

  it('lets only a province administrator record a body, with clear errors for a taken name and a circle of superiors', async () => {
    const input = { name: 'Hội Khuyến học tỉnh Tây Ninh', shortName: 'HKH', kind: 'ASSOCIATION', unitId: gid('AdministrativeUnit', units.province.id) };
    const assessor = await api.account(Role.ASSESSOR, { unitId: units.province.id });
    const refused = await api.gql(CREATE, { input }, { token: assessor.token });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const created = await api.gql(CREATE, { input }, { token: adminToken });
    expect(created.data?.createBody).toMatchObject({ body: { name: input.name, kindLabel: 'Hội', unit: { name: 'Tỉnh Tây Ninh' }, superior: null }, errors: [] });
    const again = await api.gql(CREATE, { input }, { token: adminToken });
    expect(again.data?.createBody).toMatchObject({ body: null, errors: [{ field: ['input', 'name'], code: 'NAME_TAKEN' }] });

    const circle = await api.gql(
      UPDATE,
      { input: { id: gid('Body', province.id), name: province.name, shortName: 'UBND', kind: 'PEOPLES_COMMITTEE', unitId: gid('AdministrativeUnit', units.province.id), superiorId: gid('Body', education.id) } },
      { token: adminToken },
    );
    expect(circle.data?.updateBody).toMatchObject({ body: null, errors: [{ field: ['input', 'superiorId'], code: 'SUPERIOR_CYCLE' }] });
    const [row] = await api.runtime.orm.em.fork().execute<{ superior_id: string | null }[]>('select superior_id from body where id = ?', [province.id]);
    expect(row?.superior_id).toBeNull();
  });

  it('makes an account act for a body, shows it its bodies and officers, and takes it back', async () => {
    const official = await api.account(Role.CITIZEN);
    const outsider = await api.account(Role.CITIZEN);
    const appointed = await api.gql(APPOINT, { input: { bodyId: gid('Body', education.id), accountId: gid('Account', official.id) } }, { token: adminToken });
    expect(appointed.data?.appointBodyOfficer).toMatchObject({ body: { officers: [{ id: gid('Account', official.id) }] }, errors: [] });
    const twice = await api.gql(APPOINT, { input: { bodyId: gid('Body', education.id), accountId: gid('Account', official.id) } }, { token: adminToken });
    expect(twice.data?.appointBodyOfficer.body.officers).toHaveLength(1);

    const mine = await api.gql(`{ myBodies { name officers { id } } }`, {}, { token: official.token });
    expect(mine.data?.myBodies).toEqual([{ name: 'Sở Giáo dục và Đào tạo tỉnh Tây Ninh', officers: [{ id: gid('Account', official.id) }] }]);
    const seenByOutsider = await api.gql(`query($id: ID!) { node(id: $id) { ... on Body { name officers { id } } } }`, { id: gid('Body', education.id) }, { token: outsider.token });
    expect(seenByOutsider.data?.node).toEqual({ name: 'Sở Giáo dục và Đào tạo tỉnh Tây Ninh', officers: [] });
    expect((await api.gql(`{ myBodies { name } }`, {}, { token: outsider.token })).data?.myBodies).toEqual([]);
    expect((await api.gql(`{ myBodies { name } }`)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    await api.gql(REMOVE, { input: { bodyId: gid('Body', education.id), accountId: gid('Account', official.id) } }, { token: adminToken });
    expect((await api.gql(`{ myBodies { name } }`, {}, { token: official.token })).data?.myBodies).toEqual([]);
  });

  it('grants the two departments their province-wide roles without a scope', async () => {
    const target = await api.account(Role.CITIZEN);
    const granted = await api.gql(
      `mutation($input: GrantRoleInput!) { grantRole(input: $input) { grant { role roleLabel } errors { code } } }`,
      { input: { accountId: gid('Account', target.id), role: 'EDUCATION_DEPARTMENT' } },
      { token: adminToken },
    );
    expect(granted.data?.grantRole).toEqual({ grant: { role: 'EDUCATION_DEPARTMENT', roleLabel: 'Sở Giáo dục và Đào tạo' }, errors: [] });
  });

  it('lets other domains ask whether the viewer acts for a body', async () => {
    const officer = await api.account(Role.CITIZEN);
    await appointOfficer(admin, education, officer.id);
    const ctx = { ...admin, actor: await api.runtime.services.auth.loadActor(admin.em, officer.id) };
    await expect(api.runtime.services.bodies.actsFor(ctx, education.id)).resolves.toBe(true);
    await expect(api.runtime.services.bodies.assertActsFor(ctx, province.id)).rejects.toThrow('Only officers of this body act for it');
  });
});
