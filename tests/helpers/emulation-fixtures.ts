import { BodyKind } from '../../src/bodies/body.enums';
import type { RequestContext } from '../../src/core/context';
import { Role } from '../../src/core/roles';
import { toGlobalId } from '../../src/graphql/global-id';
import type { TestApi } from './test-api';
import { insertUnit, type UnitRow } from './titles-fixtures';

export const NOMINATION = `id status nomineeKind nomineeClass nomineeName nomineeId achievements fileKeys reason decisionNumber decisionDate signer revocationReason
  proposer { name } form { code } round { kind } nomineeUnit { name }
  steps { fromStatus toStatus note actor { id } }
  dossier { titles { titleKind year decisionNumber } commendations { form decisionNumber } contributions { count valueVnd hours } initiatives { count recognised titles } standings { titleKind year status total } }`;
export const PAYLOAD = `nomination { ${NOMINATION} } errors { field code message }`;
export const CREATE = `mutation($input: CreateNominationInput!) { createNomination(input: $input) { ${PAYLOAD} } }`;
export const SUBMIT = `mutation($input: NominationIdInput!) { submitNomination(input: $input) { ${PAYLOAD} } }`;
export const CONSOLIDATE = `mutation($input: ConsolidateNominationsInput!) { consolidateNominations(input: $input) { nominations { id status reason } errors { field code message } } }`;
export const APPRAISE = `mutation($input: NominationIdInput!) { appraiseNomination(input: $input) { ${PAYLOAD} } }`;
export const DECIDE = `mutation($input: DecideNominationInput!) { decideNomination(input: $input) { ${PAYLOAD} } }`;
export const RETURN = `mutation($input: NominationReasonInput!) { returnNomination(input: $input) { ${PAYLOAD} } }`;
export const REJECT = `mutation($input: NominationReasonInput!) { rejectNomination(input: $input) { ${PAYLOAD} } }`;
export const REVOKE = `mutation($input: NominationReasonInput!) { revokeCommendation(input: $input) { ${PAYLOAD} } }`;

export interface EmulationWorld {
  admin: RequestContext;
  province: UnitRow;
  commune: UnitRow;
  hamlet: UnitRow;
  /** A commune's People's Committee and the Women's Union of the province: two proposing bodies. */
  committeeId: string;
  unionId: string;
  /** The Study Promotion Association, keeping the province's study-promotion fund. */
  associationId: string;
  tokens: { officer: string; otherOfficer: string; education: string; homeAffairs: string; outsider: string; assessor: string; admin: string };
  forms: Record<string, string>;
  rounds: Record<string, string>;
}

/** Units, bodies with their officers, the two Departments' officials, and the seeded forms and rounds. */
export async function emulationWorld(api: TestApi): Promise<EmulationWorld> {
  const admin = await api.adminContext();
  const em = api.runtime.orm.em.fork();
  const province = await insertUnit(em, 'PROVINCE', null, { name: 'Tỉnh Thử Nghiệm' });
  const commune = await insertUnit(em, 'COMMUNE', province, { name: 'Xã Thử Nghiệm' });
  const hamlet = await insertUnit(em, 'HAMLET', commune, { name: 'Ấp Một' });
  const body = (name: string, unit: UnitRow, kind: BodyKind, shortName: string) => admin.services.bodies.create({ ...admin, em: admin.em.fork() }, { name, shortName, kind, unitId: unit.id, superiorId: null });
  const committee = await body('Ủy ban nhân dân Xã Thử Nghiệm', commune, BodyKind.PEOPLES_COMMITTEE, 'UBND');
  const union = await body('Hội Liên hiệp Phụ nữ tỉnh', province, BodyKind.SOCIO_POLITICAL_ORGANISATION, 'HLHPN');
  const association = await body('Hội Khuyến học tỉnh', province, BodyKind.ASSOCIATION, 'HKH');
  const officer = await api.account(Role.CITIZEN);
  const otherOfficer = await api.account(Role.CITIZEN);
  await admin.services.bodies.appointOfficer({ ...admin, em: admin.em.fork() }, committee.id, officer.id);
  await admin.services.bodies.appointOfficer({ ...admin, em: admin.em.fork() }, union.id, otherOfficer.id);
  await admin.services.bodies.appointOfficer({ ...admin, em: admin.em.fork() }, association.id, otherOfficer.id);
  const forms = Object.fromEntries((await em.execute<{ id: string; code: string }[]>('select id, code from commendation_form')).map((row) => [row.code, toGlobalId('CommendationForm', row.id)]));
  const rounds = Object.fromEntries((await em.execute<{ id: string; kind: string }[]>(`select id, kind from commendation_round where kind <> 'ANNUAL'`)).map((row) => [row.kind, toGlobalId('CommendationRound', row.id)]));
  return {
    admin,
    province,
    commune,
    hamlet,
    committeeId: committee.id,
    unionId: union.id,
    associationId: association.id,
    tokens: {
      officer: officer.token,
      otherOfficer: otherOfficer.token,
      education: (await api.account(Role.EDUCATION_DEPARTMENT)).token,
      homeAffairs: (await api.account(Role.HOME_AFFAIRS_DEPARTMENT)).token,
      outsider: (await api.account(Role.CITIZEN)).token,
      assessor: (await api.account(Role.ASSESSOR, { unitId: commune.id })).token,
      admin: (await api.account(Role.PROVINCE_ADMIN)).token,
    },
    forms,
    rounds,
  };
}

/** The input of a draft nomination by the commune's People's Committee. */
export function nominationInput(world: EmulationWorld, nominee: { kind: string; type: string; id: string }, overrides: Record<string, unknown> = {}) {
  return {
    roundId: world.rounds.INTERIM_REVIEW,
    formId: world.forms.PROVINCE_CHAIRMAN_CERTIFICATE,
    proposerId: toGlobalId('Body', world.committeeId),
    nomineeKind: nominee.kind,
    nomineeId: toGlobalId(nominee.type, nominee.id),
    achievements: 'Dẫn đầu phong trào xây dựng xã hội học tập giai đoạn 2023–2025.',
    ...overrides,
  };
}

/** Drafts, submits, consolidates and appraises a nomination; returns its global id. */
export async function appraisedNomination(api: TestApi, world: EmulationWorld, input: Record<string, unknown>): Promise<string> {
  const created = await api.gql(CREATE, { input }, { token: world.tokens.officer });
  const id = created.data?.createNomination.nomination?.id;
  if (!id) throw new Error(`nomination not created: ${JSON.stringify(created)}`);
  await api.gql(SUBMIT, { input: { id } }, { token: world.tokens.officer });
  await api.gql(CONSOLIDATE, { input: { shortlist: [id], leftOut: [] } }, { token: world.tokens.education });
  const appraised = await api.gql(APPRAISE, { input: { id } }, { token: world.tokens.homeAffairs });
  if (appraised.data?.appraiseNomination.nomination?.status !== 'APPRAISED') throw new Error(`not appraised: ${JSON.stringify(appraised)}`);
  return id;
}
