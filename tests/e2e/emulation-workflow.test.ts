import { idOf } from '../../src/graphql/global-id';
import { makePdf, uploadEvidence } from '../helpers/media-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';
import { APPRAISE, CONSOLIDATE, CREATE, DECIDE, emulationWorld, NOMINATION, nominationInput, REJECT, RETURN, REVOKE, SUBMIT, type EmulationWorld } from '../helpers/emulation-fixtures';
import { insertCitizen, insertUnit } from '../helpers/titles-fixtures';

let api: TestApi;
let world: EmulationWorld;

beforeAll(async () => {
  api = await startTestApi();
  world = await emulationWorld(api);
});

afterAll(async () => {
  await api.close();
});

const LIST = `query($filter: NominationFilter) { nominations(first: 50, filter: $filter) { totalCount edges { node { id status } } } }`;
const NODE = `query($id: ID!) { node(id: $id) { ... on Nomination { ${NOMINATION} } } }`;
const code = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code;

async function draft(token = world.tokens.officer): Promise<string> {
  const unit = await insertUnit(api.runtime.orm.em.fork(), 'HAMLET', world.commune, { name: `Ấp ${Math.random().toString(36).slice(2, 6)}` });
  const created = await api.gql(CREATE, { input: nominationInput(world, { kind: 'UNIT', type: 'AdministrativeUnit', id: unit.id }) }, { token });
  return created.data?.createNomination.nomination?.id;
}

describe('nomination workflow', () => {
  it('takes a nomination from draft to decision, each step by its own authority and recorded with who and when', async () => {
    const citizen = await insertCitizen(api.runtime.orm.em.fork(), world.hamlet, 1970);
    const dossierFile = await uploadEvidence(api, world.tokens.officer, makePdf('Ho so de nghi'), { contentType: 'application/pdf', filename: 'ho-so.pdf' });
    const created = await api.gql(CREATE, { input: nominationInput(world, { kind: 'CITIZEN', type: 'Citizen', id: citizen }, { fileKeys: [dossierFile] }) }, { token: world.tokens.officer });
    expect(created.data?.createNomination.errors).toEqual([]);
    const nomination = created.data?.createNomination.nomination;
    expect(nomination).toMatchObject({ status: 'DRAFT', nomineeKind: 'CITIZEN', nomineeClass: 'INDIVIDUAL', proposer: { name: 'Ủy ban nhân dân Xã Thử Nghiệm' }, nomineeUnit: { name: 'Ấp Một' }, dossier: null, fileKeys: [dossierFile] });
    const id = nomination.id;

    // Only the Departments' officials move it on, each at their own step.
    expect((await api.gql(CONSOLIDATE, { input: { shortlist: [id], leftOut: [] } }, { token: world.tokens.education })).data?.consolidateNominations.errors[0].code).toBe('WRONG_STATUS');
    expect((await api.gql(SUBMIT, { input: { id } }, { token: world.tokens.officer })).data?.submitNomination.nomination).toMatchObject({ status: 'SUBMITTED', dossier: { titles: [], contributions: { count: 0 } } });
    expect(code(await api.gql(CONSOLIDATE, { input: { shortlist: [id], leftOut: [] } }, { token: world.tokens.homeAffairs }))).toBe('FORBIDDEN');
    expect((await api.gql(CONSOLIDATE, { input: { shortlist: [id], leftOut: [] } }, { token: world.tokens.education })).data?.consolidateNominations).toEqual({ nominations: [{ id, status: 'CONSOLIDATED', reason: null }], errors: [] });
    expect(code(await api.gql(APPRAISE, { input: { id } }, { token: world.tokens.education }))).toBe('FORBIDDEN');
    expect((await api.gql(APPRAISE, { input: { id, note: 'Hồ sơ đầy đủ' } }, { token: world.tokens.homeAffairs })).data?.appraiseNomination.nomination.status).toBe('APPRAISED');
    const decision = { id, decisionNumber: '2150/QĐ-UBND', decisionDate: '2025-12-22', signer: 'Chủ tịch UBND tỉnh' };
    expect(code(await api.gql(DECIDE, { input: decision }, { token: world.tokens.officer }))).toBe('FORBIDDEN');
    const decided = await api.gql(DECIDE, { input: decision }, { token: world.tokens.homeAffairs });
    expect(decided.data?.decideNomination.nomination).toMatchObject({ status: 'DECIDED', decisionNumber: '2150/QĐ-UBND', decisionDate: '2025-12-22', signer: 'Chủ tịch UBND tỉnh' });
    expect(decided.data?.decideNomination.nomination.steps.map((step: any) => [step.fromStatus, step.toStatus, step.note])).toEqual([
      [null, 'DRAFT', null],
      ['DRAFT', 'SUBMITTED', null],
      ['SUBMITTED', 'CONSOLIDATED', null],
      ['CONSOLIDATED', 'APPRAISED', 'Hồ sơ đầy đủ'],
      ['APPRAISED', 'DECIDED', '2150/QĐ-UBND (2025-12-22)'],
    ]);
    expect(decided.data?.decideNomination.nomination.steps.every((step: any) => step.actor?.id)).toBe(true);

    // A decided commendation is never edited: not by the API, not by SQL; revocation needs a reason.
    expect((await api.gql(DECIDE, { input: decision }, { token: world.tokens.homeAffairs })).data?.decideNomination.errors[0].code).toBe('WRONG_STATUS');
    await expect(api.runtime.orm.em.fork().execute(`update nomination set achievements = 'khác' where id = ?`, [idOf('Nomination', id)])).rejects.toThrow(/never edited/);
    expect((await api.gql(REVOKE, { input: { id, reason: ' ' } }, { token: world.tokens.homeAffairs })).data?.revokeCommendation.errors[0].code).toBe('REQUIRED');
    const revoked = await api.gql(REVOKE, { input: { id, reason: 'Vi phạm quy định' } }, { token: world.tokens.homeAffairs });
    expect(revoked.data?.revokeCommendation.nomination).toMatchObject({ status: 'REVOKED', revocationReason: 'Vi phạm quy định' });
  });

  it('shortlists with reasons for those left out, and returns or rejects with a reason a proposer can act on', async () => {
    const [kept, left, returned, rejected] = [await draft(), await draft(), await draft(), await draft()];
    for (const id of [kept, left, returned, rejected]) await api.gql(SUBMIT, { input: { id } }, { token: world.tokens.officer });

    const noReason = await api.gql(CONSOLIDATE, { input: { shortlist: [kept], leftOut: [{ id: left, reason: '' }] } }, { token: world.tokens.education });
    expect(noReason.data?.consolidateNominations).toMatchObject({ nominations: null, errors: [{ code: 'REQUIRED' }] });
    const consolidated = await api.gql(CONSOLIDATE, { input: { shortlist: [kept], leftOut: [{ id: left, reason: 'Chưa đủ thành tích' }] } }, { token: world.tokens.education });
    expect(consolidated.data?.consolidateNominations.nominations).toEqual([
      { id: kept, status: 'CONSOLIDATED', reason: null },
      { id: left, status: 'NOT_SHORTLISTED', reason: 'Chưa đủ thành tích' },
    ]);

    const back = await api.gql(RETURN, { input: { id: returned, reason: 'Bổ sung minh chứng' } }, { token: world.tokens.education });
    expect(back.data?.returnNomination.nomination).toMatchObject({ status: 'RETURNED', reason: 'Bổ sung minh chứng' });
    const updated = await api.gql(`mutation($input: UpdateNominationInput!) { updateNomination(input: $input) { nomination { status achievements } errors { code } } }`, { input: { id: returned, achievements: 'Đã bổ sung minh chứng.' } }, { token: world.tokens.officer });
    expect(updated.data?.updateNomination).toEqual({ nomination: { status: 'RETURNED', achievements: 'Đã bổ sung minh chứng.' }, errors: [] });
    expect((await api.gql(SUBMIT, { input: { id: returned } }, { token: world.tokens.officer })).data?.submitNomination.nomination).toMatchObject({ status: 'SUBMITTED', reason: null });

    expect((await api.gql(REJECT, { input: { id: rejected, reason: 'Không thuộc đối tượng' } }, { token: world.tokens.education })).data?.rejectNomination.nomination).toMatchObject({ status: 'REJECTED', reason: 'Không thuộc đối tượng' });
    expect(code(await api.gql(REJECT, { input: { id: kept, reason: 'x' } }, { token: world.tokens.officer }))).toBe('FORBIDDEN');
    expect((await api.gql(REJECT, { input: { id: kept, reason: 'Trùng đề nghị' } }, { token: world.tokens.homeAffairs })).data?.rejectNomination.nomination.status).toBe('REJECTED');
    expect((await api.gql(SUBMIT, { input: { id: rejected } }, { token: world.tokens.officer })).data?.submitNomination.errors[0].code).toBe('WRONG_STATUS');
  });

  it('shows a proposer its own nominations, the Departments every submitted one, and nobody else any dossier', async () => {
    const ownDraft = await draft();
    const submitted = await draft();
    await api.gql(SUBMIT, { input: { id: submitted } }, { token: world.tokens.officer });
    const ids = (token: string) => api.gql(LIST, { filter: { roundId: world.rounds.INTERIM_REVIEW } }, { token }).then((result) => result.data?.nominations.edges.map((edge: any) => edge.node.id) as string[]);

    expect(await ids(world.tokens.officer)).toEqual(expect.arrayContaining([ownDraft, submitted]));
    for (const department of [world.tokens.education, world.tokens.homeAffairs]) {
      const seen = await ids(department);
      expect(seen).toContain(submitted);
      expect(seen).not.toContain(ownDraft);
    }
    expect(await ids(world.tokens.otherOfficer)).toEqual([]);
    expect(await ids(world.tokens.outsider)).toEqual([]);
    expect(await ids(world.tokens.assessor)).toEqual([]);
    expect(code(await api.gql(LIST, {}))).toBe('UNAUTHENTICATED');

    for (const token of [world.tokens.otherOfficer, world.tokens.outsider, world.tokens.assessor]) {
      expect((await api.gql(NODE, { id: submitted }, { token })).data?.node).toBeNull();
      expect(code(await api.gql(`query($id: ID!) { nominationDossierPreview(id: $id) { titles { year } } }`, { id: submitted }, { token }))).toBe('NOT_FOUND');
    }
    expect((await api.gql(NODE, { id: submitted }, { token: world.tokens.education })).data?.node).toMatchObject({ id: submitted, status: 'SUBMITTED' });
    expect((await api.gql(NODE, { id: ownDraft }, { token: world.tokens.education })).data?.node).toBeNull();

    // Only an officer of the proposing body drafts for it.
    const unit = await insertUnit(api.runtime.orm.em.fork(), 'HAMLET', world.commune);
    const foreign = await api.gql(CREATE, { input: nominationInput(world, { kind: 'UNIT', type: 'AdministrativeUnit', id: unit.id }) }, { token: world.tokens.otherOfficer });
    expect(code(foreign)).toBe('FORBIDDEN');
    const unknown = await api.gql(CREATE, { input: nominationInput(world, { kind: 'UNIT', type: 'AdministrativeUnit', id: '00000000-0000-4000-8000-000000000000' }) }, { token: world.tokens.officer });
    expect(unknown.data?.createNomination.errors).toMatchObject([{ field: ['input', 'nomineeId'], code: 'NOMINEE_NOT_FOUND' }]);
  });
});
