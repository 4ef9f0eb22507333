import type { EntityManager } from '@mikro-orm/postgresql';
import { Body } from '../bodies/body.entity';
import { BodyKind } from '../bodies/body.enums';
import { AdministrativeUnit } from '../catalogue/units/unit.entity';
import type { RequestContext } from '../core/context';
import { UserInputError } from '../core/errors';
import { DecidingAuthority, NomineeKind } from '../emulation/emulation.enums';
import type { Nomination } from '../emulation/nominations/nomination.entity';
import { SubjectKind } from '../titles/engine/engine.enums';
import { resolveSubjects } from '../titles/subject-units';
import type { IssuerOwner } from './did';

/** Who signs a credential, and the names it carries. */
export interface CredentialIssuer {
  owner: IssuerOwner;
  unit: AdministrativeUnit | null;
  body: Body | null;
  /** The issuer's name in the credential, e.g. "Ủy ban nhân dân Tỉnh Tây Ninh". */
  name: string;
  /** Who signed the decision, as the evidence names it, e.g. "Chủ tịch Ủy ban nhân dân Tỉnh Tây Ninh". */
  decisionIssuer: string;
}

/** A People's Committee signs as its unit, so its titles and its commendations share one DID; another body as itself. */
export function issuerOfBody(body: Body): CredentialIssuer {
  const owner = body.kind === BodyKind.PEOPLES_COMMITTEE ? { unitId: body.unit.id, bodyId: null } : { unitId: null, bodyId: body.id };
  return { owner, unit: owner.unitId ? body.unit : null, body: owner.bodyId ? body : null, name: body.name, decisionIssuer: body.name };
}

/**
 * The body that gave a commendation: the province's People's Committee for the Chairman's
 * certificate (its registered body's name, else "Ủy ban nhân dân" and the province's), the proposing
 * body for a Giấy khen (decided by its head). The Prime Minister's and ministries' forms are decided
 * outside the platform: COMMENDATION_DECIDED_ELSEWHERE on `field`.
 */
export async function commendationIssuer(em: EntityManager, nomination: Nomination, field: string[]): Promise<CredentialIssuer> {
  switch (nomination.form.authority) {
    case DecidingAuthority.PRIME_MINISTER:
    case DecidingAuthority.MINISTRY:
      throw new UserInputError('COMMENDATION_DECIDED_ELSEWHERE', field);
    case DecidingAuthority.HEAD_OF_BODY:
      return issuerOfBody(await em.findOneOrFail(Body, { id: nomination.proposer.id }, { populate: ['unit'] }));
    case DecidingAuthority.PROVINCE_CHAIRMAN: {
      const nomineeUnit = await em.findOneOrFail(AdministrativeUnit, { id: nomination.nomineeUnit.id });
      const provinceId = nomineeUnit.path.split('/').filter(Boolean)[0] ?? nomineeUnit.id;
      const province = await em.findOneOrFail(AdministrativeUnit, { id: provinceId });
      const committee = await em.findOne(Body, { unit: province, kind: BodyKind.PEOPLES_COMMITTEE }, { orderBy: { createdAt: 'asc' } });
      const name = committee?.name ?? `Ủy ban nhân dân ${province.name}`;
      return { owner: { unitId: province.id, bodyId: null }, unit: province, body: null, name, decisionIssuer: `Chủ tịch ${name}` };
    }
  }
}

const HOLDER_KINDS: Partial<Record<NomineeKind, SubjectKind>> = {
  [NomineeKind.CITIZEN]: SubjectKind.CITIZEN,
  [NomineeKind.HOUSEHOLD]: SubjectKind.HOUSEHOLD,
  [NomineeKind.ORGANISATION]: SubjectKind.ORGANISATION,
};

/**
 * The ids of the commendations whose credentials the viewer may issue and read: those whose
 * nomination they read (the proposing body's officers, the Departments, province admins) and those
 * they hold (the citizen, a current member of the household or organisation).
 */
export async function commendationReaders(ctx: RequestContext, nominations: readonly Nomination[]): Promise<Set<string>> {
  const actor = ctx.actor;
  if (!actor) return new Set();
  const allowed = new Set((await ctx.services.emulation.nominations.readableAmong(ctx, nominations)).map((nomination) => nomination.id));
  const others = nominations.flatMap((nomination) => {
    const kind = HOLDER_KINDS[nomination.nomineeKind];
    return !allowed.has(nomination.id) && kind ? [{ nomination, ref: { kind, id: nomination.nomineeId } }] : [];
  });
  const subjects = await resolveSubjects(ctx.em, others.map((other) => other.ref));
  others.forEach((other, index) => {
    if (subjects[index]?.readerAccountIds.includes(actor.accountId)) allowed.add(other.nomination.id);
  });
  return allowed;
}
