import { Account } from '../../auth/account.entity';
import { Body } from '../../bodies/body.entity';
import type { BodyService } from '../../bodies/body.service';
import { Institution } from '../../catalogue/institutions/institution.entity';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { governsUnit, hasRole, isEducationDepartment, isHomeAffairsDepartment, isStaffOf } from '../../core/actor';
import type { RequestContext } from '../../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../../core/errors';
import { Role } from '../../core/roles';
import { todayInVietnam } from '../../core/time';
import { ContributionStatus, RecipientKind, type ContributionKind, type ContributorKind, type ExternalContributorKind } from '../emulation.enums';
import { checkFileKeys, pastDay, requiredText } from '../evidence';
import { contributorName } from '../nominations/nominee';
import { Contribution, ExternalContributor } from './contribution.entity';

export interface ContributionFields {
  contributorKind: ContributorKind;
  contributorId: string;
  kind: ContributionKind;
  valueVnd: number | null;
  hours: number | null;
  contributedOn: string;
  recipientKind: RecipientKind;
  /** The unit, institution or fund body, as `recipientKind` says. */
  recipientId: string;
  description: string;
  evidenceKeys: string[] | null;
}

/** Contributions to the learning society and the external contributors who make some of them. */
export class ContributionService {
  constructor(private readonly bodies: BodyService) {}

  /** Transactional. Records an NGO, business person, overseas Vietnamese… (assessors, staff, body officers, the Departments). */
  async recordExternalContributor(ctx: RequestContext, fields: { name: string; kind: ExternalContributorKind; country: string }): Promise<ExternalContributor> {
    if (!ctx.actor) throw new ForbiddenError();
    const mayRecord = hasRole(ctx.actor, Role.ASSESSOR, Role.INSTITUTION_STAFF) || isEducationDepartment(ctx.actor) || (await this.bodies.bodyIdsOf(ctx)).length > 0;
    if (!mayRecord) throw new ForbiddenError('Contributors are recorded by assessors, institution staff and officers of bodies');
    const contributor = ctx.em.create(ExternalContributor, {
      name: requiredText(fields.name, 300, 'name'),
      kind: fields.kind,
      country: requiredText(fields.country, 100, 'country'),
      recordedBy: ctx.em.getReference(Account, ctx.actor.accountId),
    });
    await ctx.em.flush();
    return contributor;
  }

  /** Transactional. Records a contribution on the recipient's side; it counts once verified. */
  async record(ctx: RequestContext, fields: ContributionFields): Promise<Contribution> {
    if (!ctx.actor) throw new ForbiddenError();
    await contributorName(ctx.em, fields.contributorKind, fields.contributorId);
    const recipient = await this.recipientOf(ctx, fields.recipientKind, fields.recipientId);
    await this.assertRecipientSide(ctx, recipient);
    const valueVnd = fields.valueVnd ?? null;
    const hours = fields.hours ?? null;
    if ((valueVnd === null && hours === null) || (valueVnd ?? 0) < 0 || (hours ?? 0) < 0 || (valueVnd !== null && !Number.isInteger(valueVnd))) {
      throw new UserInputError('CONTRIBUTION_VALUE_REQUIRED', ['valueVnd']);
    }
    const contribution = ctx.em.create(Contribution, {
      contributorKind: fields.contributorKind,
      contributorId: fields.contributorId,
      kind: fields.kind,
      valueVnd,
      hours,
      contributedOn: pastDay(fields.contributedOn, todayInVietnam(ctx.now), 'contributedOn'),
      recipientKind: fields.recipientKind,
      ...recipient,
      description: requiredText(fields.description, 4000, 'description'),
      evidenceKeys: await checkFileKeys(ctx, fields.evidenceKeys, 'evidenceKeys'),
      recordedBy: ctx.em.getReference(Account, ctx.actor.accountId),
    });
    await ctx.em.flush();
    return contribution;
  }

  /** Transactional, idempotent. Verifies a contribution: an assessor of the recipient's area, staff of the recipient institution, an officer of the fund's body. */
  async verify(ctx: RequestContext, id: string): Promise<Contribution> {
    const contribution = await ctx.em.findOne(Contribution, { id }, { populate: ['unit'] });
    if (!contribution) throw new NotFoundError('The contribution');
    await this.assertRecipientSide(ctx, contribution);
    if (contribution.status === ContributionStatus.VERIFIED) return contribution;
    contribution.status = ContributionStatus.VERIFIED;
    contribution.verifiedBy = ctx.actor ? ctx.em.getReference(Account, ctx.actor.accountId) : null;
    contribution.verifiedAt = ctx.now;
    await ctx.em.flush();
    return contribution;
  }

  /** Whether the viewer reads contributions received within the unit: its assessors and the Departments. */
  mayReadUnit(ctx: RequestContext, unit: AdministrativeUnit): boolean {
    return governsUnit(ctx.actor, unit.path) || isEducationDepartment(ctx.actor) || isHomeAffairsDepartment(ctx.actor);
  }

  private async recipientOf(ctx: RequestContext, kind: RecipientKind, id: string): Promise<Pick<Contribution, 'unit' | 'institution' | 'fund'>> {
    switch (kind) {
      case RecipientKind.UNIT: {
        const unit = await ctx.em.findOne(AdministrativeUnit, { id });
        if (!unit) throw new UserInputError('RECIPIENT_REQUIRED', ['recipientId']);
        return { unit, institution: null, fund: null };
      }
      case RecipientKind.INSTITUTION: {
        const institution = await ctx.em.findOne(Institution, { id }, { populate: ['unit'] });
        if (!institution) throw new UserInputError('RECIPIENT_REQUIRED', ['recipientId']);
        return { unit: institution.unit, institution, fund: null };
      }
      case RecipientKind.FUND: {
        const fund = await ctx.em.findOne(Body, { id }, { populate: ['unit'] });
        if (!fund) throw new UserInputError('RECIPIENT_REQUIRED', ['recipientId']);
        return { unit: fund.unit, institution: null, fund };
      }
    }
  }

  private async assertRecipientSide(ctx: RequestContext, recipient: Pick<Contribution, 'unit' | 'institution' | 'fund'>): Promise<void> {
    const unit = await ctx.em.findOneOrFail(AdministrativeUnit, { id: recipient.unit.id });
    if (governsUnit(ctx.actor, unit.path)) return;
    if (recipient.institution && isStaffOf(ctx.actor, recipient.institution.id)) return;
    if (recipient.fund && (await this.bodies.actsFor(ctx, recipient.fund.id))) return;
    throw new ForbiddenError("Contributions are recorded and verified by an assessor of the recipient's area or staff of the recipient");
  }
}
