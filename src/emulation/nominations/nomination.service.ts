import { Account } from '../../auth/account.entity';
import type { BodyService } from '../../bodies/body.service';
import { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { isEducationDepartment, isHomeAffairsDepartment, isProvinceAdmin } from '../../core/actor';
import type { RequestContext } from '../../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../../core/errors';
import { classOfNominee, NominationStatus, type NomineeKind } from '../emulation.enums';
import { checkFileKeys, requiredText } from '../evidence';
import type { CommendationFormService } from '../forms/form.service';
import { assembleDossier, type Dossier } from './dossier';
import { Nomination, NominationStep } from './nomination.entity';
import { nomineeRef } from './nominee';

export interface NominationFields {
  roundId: string;
  formId: string;
  proposerId: string;
  nomineeKind: NomineeKind;
  nomineeId: string;
  achievements: string;
  fileKeys: string[] | null;
}

const EDITABLE = [NominationStatus.DRAFT, NominationStatus.RETURNED];

/** What the proposing body does with its nominations, and who may read them. */
export class NominationService {
  constructor(
    private readonly bodies: BodyService,
    private readonly forms: CommendationFormService,
  ) {}

  /** Transactional. A draft nomination by a body the viewer acts for. */
  async create(ctx: RequestContext, fields: NominationFields): Promise<Nomination> {
    const proposer = await this.bodies.assertActsFor(ctx, fields.proposerId);
    const nominee = await nomineeRef(ctx.em, fields.nomineeKind, fields.nomineeId, ['nomineeId']);
    const nomination = ctx.em.create(Nomination, {
      round: await this.forms.round(ctx, fields.roundId, ['roundId']),
      form: await this.forms.form(ctx, fields.formId, ['formId']),
      proposer,
      nomineeKind: fields.nomineeKind,
      nomineeClass: classOfNominee(fields.nomineeKind),
      nomineeId: fields.nomineeId,
      nomineeName: nominee.name,
      nomineeUnit: ctx.em.getReference(AdministrativeUnit, nominee.unitId),
      achievements: requiredText(fields.achievements, 8000, 'achievements'),
      fileKeys: await checkFileKeys(ctx, fields.fileKeys, 'fileKeys'),
    });
    this.step(ctx, nomination, null, NominationStatus.DRAFT, null);
    await ctx.em.flush();
    return nomination;
  }

  /** Transactional. Changes the summary and files of a draft or returned nomination (its proposer). */
  async update(ctx: RequestContext, id: string, fields: { achievements: string; fileKeys: string[] | null }): Promise<Nomination> {
    const nomination = await this.ownOf(ctx, id);
    if (!EDITABLE.includes(nomination.status)) throw new UserInputError('NOMINATION_NOT_EDITABLE', ['id']);
    nomination.achievements = requiredText(fields.achievements, 8000, 'achievements');
    nomination.fileKeys = await checkFileKeys(ctx, fields.fileKeys, 'fileKeys', nomination.fileKeys);
    await ctx.em.flush();
    return nomination;
  }

  /** Transactional. The proposer submits a draft (or a returned nomination again); the dossier is assembled from the platform now. */
  async submit(ctx: RequestContext, id: string): Promise<Nomination> {
    const nomination = await this.ownOf(ctx, id);
    if (!EDITABLE.includes(nomination.status)) throw new UserInputError('WRONG_STATUS', ['id']);
    nomination.dossier = await assembleDossier(ctx.em, nomination.nomineeKind, nomination.nomineeId);
    nomination.reason = null;
    this.move(ctx, nomination, NominationStatus.SUBMITTED, null);
    await ctx.em.flush();
    return nomination;
  }

  /** What the dossier would hold now, for the proposer preparing a draft. */
  async preview(ctx: RequestContext, id: string): Promise<Dossier> {
    const nomination = await this.ownOf(ctx, id);
    return assembleDossier(ctx.em, nomination.nomineeKind, nomination.nomineeId);
  }

  /**
   * Whether the viewer reads the nomination and its dossier: officers of the proposing body, and
   * the two Departments once it is submitted. Nobody else.
   */
  async mayRead(ctx: RequestContext, nomination: Nomination): Promise<boolean> {
    return (await this.readableAmong(ctx, [nomination])).length === 1;
  }

  /** The nominations of a page the viewer may read, with the viewer's bodies read once for all of them. */
  async readableAmong(ctx: RequestContext, nominations: readonly Nomination[]): Promise<Nomination[]> {
    if (isProvinceAdmin(ctx.actor)) return [...nominations];
    const department = isEducationDepartment(ctx.actor) || isHomeAffairsDepartment(ctx.actor);
    const bodyIds = new Set(await this.bodies.bodyIdsOf(ctx));
    return nominations.filter((nomination) => (department && nomination.status !== NominationStatus.DRAFT) || bodyIds.has(nomination.proposer.id));
  }

  /** The nomination when the viewer may read it; NotFound otherwise (its existence is not told). */
  async readable(ctx: RequestContext, id: string): Promise<Nomination> {
    const nomination = await ctx.em.findOne(Nomination, { id });
    if (!nomination || !(await this.mayRead(ctx, nomination))) throw new NotFoundError('The nomination');
    return nomination;
  }

  steps(ctx: RequestContext, nominationIds: readonly string[]): Promise<NominationStep[]> {
    return ctx.em.find(NominationStep, { nomination: { $in: [...nominationIds] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  /** Moves a nomination to a status and records the step (who, when, why). */
  move(ctx: RequestContext, nomination: Nomination, to: NominationStatus, note: string | null): void {
    this.step(ctx, nomination, nomination.status, to, note);
    nomination.status = to;
  }

  private step(ctx: RequestContext, nomination: Nomination, from: NominationStatus | null, to: NominationStatus, note: string | null): void {
    ctx.em.create(NominationStep, {
      nomination,
      fromStatus: from,
      toStatus: to,
      actor: ctx.actor ? ctx.em.getReference(Account, ctx.actor.accountId) : null,
      note,
    });
  }

  private async ownOf(ctx: RequestContext, id: string): Promise<Nomination> {
    const nomination = await ctx.em.findOne(Nomination, { id });
    if (!nomination) throw new NotFoundError('The nomination');
    if (!(await this.bodies.actsFor(ctx, nomination.proposer.id))) {
      if (await this.mayRead(ctx, nomination)) throw new ForbiddenError('Only officers of the proposing body change or submit its nominations');
      throw new NotFoundError('The nomination');
    }
    return nomination;
  }
}
