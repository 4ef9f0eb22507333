import { Account } from '../../auth/account.entity';
import type { BodyService } from '../../bodies/body.service';
import { governsUnit } from '../../core/actor';
import type { RequestContext } from '../../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../../core/errors';
import { todayInVietnam } from '../../core/time';
import { Organisation } from '../../people/groups/organisation.entity';
import { checkFileKeys, pastDay, requiredText } from '../evidence';
import { Initiative } from './initiative.entity';

export interface InitiativeFields {
  title: string;
  summary: string;
  ownerBodyId: string | null;
  ownerOrganisationId: string | null;
  periodFrom: string;
  periodTo: string;
  evidenceKeys: string[] | null;
}

/** Initiatives of bodies and organisations, and their recognition by emulation councils. */
export class InitiativeService {
  constructor(private readonly bodies: BodyService) {}

  /** Transactional. Records an initiative: an officer of the owning body, or an assessor of the owning organisation's area. */
  async record(ctx: RequestContext, fields: InitiativeFields): Promise<Initiative> {
    if (!ctx.actor) throw new ForbiddenError();
    if ((fields.ownerBodyId === null) === (fields.ownerOrganisationId === null)) {
      throw new UserInputError('OWNER_REQUIRED', ['ownerBodyId']);
    }
    const owner = fields.ownerBodyId ? await this.ownerBody(ctx, fields.ownerBodyId) : await this.ownerOrganisation(ctx, fields.ownerOrganisationId as string);
    const today = todayInVietnam(ctx.now);
    const periodFrom = pastDay(fields.periodFrom, today, 'periodFrom');
    const periodTo = pastDay(fields.periodTo, '9999-12-31', 'periodTo');
    if (periodTo < periodFrom) throw new UserInputError('INVALID_PERIOD', ['periodTo']);
    const initiative = ctx.em.create(Initiative, {
      title: requiredText(fields.title, 300, 'title'),
      summary: requiredText(fields.summary, 4000, 'summary'),
      ...owner,
      periodFrom,
      periodTo,
      evidenceKeys: await checkFileKeys(ctx, fields.evidenceKeys, 'evidenceKeys'),
      recordedBy: ctx.em.getReference(Account, ctx.actor.accountId),
    });
    await ctx.em.flush();
    return initiative;
  }

  /** Transactional. Records the emulation council's decision recognising an initiative (an assessor of its unit's area). */
  async recognise(ctx: RequestContext, id: string, decision: { decisionNumber: string; decisionDate: string; council: string }): Promise<Initiative> {
    const initiative = await ctx.em.findOne(Initiative, { id }, { populate: ['unit'] });
    if (!initiative) throw new NotFoundError('The initiative');
    if (!governsUnit(ctx.actor, initiative.unit.path)) throw new ForbiddenError("An initiative's recognition is recorded by an assessor of its area");
    if (initiative.decisionNumber) throw new UserInputError('ALREADY_RECOGNISED_INITIATIVE', ['id']);
    const number = decision.decisionNumber.trim();
    if (!number || number.length > 64) throw new UserInputError('DECISION_NUMBER_REQUIRED', ['decisionNumber']);
    initiative.decisionNumber = number;
    initiative.decisionDate = pastDay(decision.decisionDate, todayInVietnam(ctx.now), 'decisionDate');
    initiative.council = requiredText(decision.council, 300, 'council');
    initiative.recognisedAt = ctx.now;
    initiative.recognisedBy = ctx.actor ? ctx.em.getReference(Account, ctx.actor.accountId) : null;
    await ctx.em.flush();
    return initiative;
  }

  /** Initiatives whose period ends in the year within the unit's subtree, and how many of them are recognised. */
  async countsOf(ctx: RequestContext, unitPath: string, year: number): Promise<{ recorded: number; recognised: number }> {
    const [row] = await ctx.em.execute<{ recorded: string; recognised: string }[]>(
      `select count(*) as recorded, count(i.decision_number) as recognised
         from initiative i join administrative_unit u on u.id = i.unit_id
        where u.path like ? and extract(year from i.period_to) = ?`,
      [`${unitPath}%`, year],
    );
    return { recorded: Number(row?.recorded ?? 0), recognised: Number(row?.recognised ?? 0) };
  }

  private async ownerBody(ctx: RequestContext, bodyId: string): Promise<Pick<Initiative, 'ownerBody' | 'ownerOrganisation' | 'unit'>> {
    const body = await this.bodies.assertActsFor(ctx, bodyId);
    return { ownerBody: body, ownerOrganisation: null, unit: body.unit };
  }

  private async ownerOrganisation(ctx: RequestContext, organisationId: string): Promise<Pick<Initiative, 'ownerBody' | 'ownerOrganisation' | 'unit'>> {
    const organisation = await ctx.em.findOne(Organisation, { id: organisationId }, { populate: ['unit'] });
    if (!organisation) throw new UserInputError('OWNER_REQUIRED', ['ownerOrganisationId']);
    if (!governsUnit(ctx.actor, organisation.unit.path)) throw new ForbiddenError("An organisation's initiatives are recorded by an assessor of its area");
    return { ownerBody: null, ownerOrganisation: organisation, unit: organisation.unit };
  }
}
