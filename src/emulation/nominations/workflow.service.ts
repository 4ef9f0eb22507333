import { isEducationDepartment, isHomeAffairsDepartment } from '../../core/actor';
import type { RequestContext } from '../../core/context';
import { ForbiddenError, NotFoundError, UserInputError } from '../../core/errors';
import { todayInVietnam } from '../../core/time';
import { NominationStatus } from '../emulation.enums';
import { pastDay, requiredText } from '../evidence';
import { Nomination } from './nomination.entity';
import type { NominationService } from './nomination.service';
import { takeQuotaPlace } from './quota-lock';

export interface Decision {
  decisionNumber: string;
  decisionDate: string;
  signer: string;
}

/** The Departments' steps: consolidation, appraisal, decision, return, rejection, revocation. */
export class NominationWorkflowService {
  constructor(private readonly nominations: NominationService) {}

  /**
   * Transactional. The Department of Education's shortlist of submitted nominations: the listed
   * ones go on to appraisal, the left-out ones are closed with their reasons.
   */
  async consolidate(ctx: RequestContext, shortlist: string[], leftOut: { id: string; reason: string }[]): Promise<Nomination[]> {
    if (!isEducationDepartment(ctx.actor)) throw new ForbiddenError('The Department of Education consolidates nominations');
    const ids = [...shortlist, ...leftOut.map((entry) => entry.id)];
    if (new Set(ids).size !== ids.length) throw new UserInputError('DUPLICATE_SUBJECT', ['shortlist']);
    const found = await ctx.em.find(Nomination, { id: { $in: ids } });
    const byId = new Map(found.map((nomination) => [nomination.id, nomination]));
    const result: Nomination[] = [];
    for (const [index, id] of shortlist.entries()) {
      const nomination = this.atStatus(byId.get(id), NominationStatus.SUBMITTED, ['shortlist', String(index)]);
      this.nominations.move(ctx, nomination, NominationStatus.CONSOLIDATED, null);
      result.push(nomination);
    }
    for (const [index, entry] of leftOut.entries()) {
      const nomination = this.atStatus(byId.get(entry.id), NominationStatus.SUBMITTED, ['leftOut', String(index), 'id']);
      const reason = requiredText(entry.reason, 2000, `leftOut.${index}.reason`);
      nomination.reason = reason;
      this.nominations.move(ctx, nomination, NominationStatus.NOT_SHORTLISTED, reason);
      result.push(nomination);
    }
    await ctx.em.flush();
    return result;
  }

  /** Transactional. The Department of Home Affairs appraises a consolidated nomination. */
  async appraise(ctx: RequestContext, id: string, note: string | null): Promise<Nomination> {
    this.assertHomeAffairs(ctx);
    const nomination = this.atStatus(await ctx.em.findOne(Nomination, { id }), NominationStatus.CONSOLIDATED, ['id']);
    this.nominations.move(ctx, nomination, NominationStatus.APPRAISED, note?.trim() || null);
    await ctx.em.flush();
    return nomination;
  }

  /** Transactional. Records the decision commending an appraised nomination, within its quota (the quota row is locked). */
  async decide(ctx: RequestContext, id: string, decision: Decision): Promise<Nomination> {
    this.assertHomeAffairs(ctx);
    const nomination = this.atStatus(await ctx.em.findOne(Nomination, { id }), NominationStatus.APPRAISED, ['id']);
    const number = decision.decisionNumber.trim();
    const signer = decision.signer.trim();
    if (!number || number.length > 64 || !signer || signer.length > 300) {
      throw new UserInputError('DECISION_REQUIRED', [number ? 'signer' : 'decisionNumber']);
    }
    const date = pastDay(decision.decisionDate, todayInVietnam(ctx.now), 'decisionDate');
    await takeQuotaPlace(ctx.em, nomination);
    Object.assign(nomination, { decisionNumber: number, decisionDate: date, signer, decidedAt: ctx.now });
    this.nominations.move(ctx, nomination, NominationStatus.DECIDED, `${number} (${date})`);
    await ctx.em.flush();
    return nomination;
  }

  /** Transactional. Sends a nomination back to its proposer with a reason: the Department of Education from SUBMITTED, Home Affairs from CONSOLIDATED or APPRAISED. */
  async return(ctx: RequestContext, id: string, reason: string): Promise<Nomination> {
    return this.close(ctx, id, reason, NominationStatus.RETURNED);
  }

  /** Transactional. Rejects a nomination with a reason, at the same steps as a return. */
  async reject(ctx: RequestContext, id: string, reason: string): Promise<Nomination> {
    return this.close(ctx, id, reason, NominationStatus.REJECTED);
  }

  /** Transactional. Revokes a decided commendation with a reason (Home Affairs). */
  async revoke(ctx: RequestContext, id: string, reason: string): Promise<Nomination> {
    this.assertHomeAffairs(ctx);
    const nomination = this.atStatus(await ctx.em.findOne(Nomination, { id }), NominationStatus.DECIDED, ['id']);
    const text = requiredText(reason, 2000, 'reason');
    Object.assign(nomination, { revokedAt: ctx.now, revocationReason: text });
    this.nominations.move(ctx, nomination, NominationStatus.REVOKED, text);
    await ctx.em.flush();
    return nomination;
  }

  private async close(ctx: RequestContext, id: string, reason: string, to: NominationStatus.RETURNED | NominationStatus.REJECTED): Promise<Nomination> {
    const found = await ctx.em.findOne(Nomination, { id });
    if (!found || !(await this.nominations.mayRead(ctx, found))) throw new NotFoundError('The nomination');
    const byEducation = found.status === NominationStatus.SUBMITTED && isEducationDepartment(ctx.actor);
    const byHomeAffairs = [NominationStatus.CONSOLIDATED, NominationStatus.APPRAISED].includes(found.status) && isHomeAffairsDepartment(ctx.actor);
    if (!byEducation && !byHomeAffairs) {
      if (isEducationDepartment(ctx.actor) || isHomeAffairsDepartment(ctx.actor)) throw new UserInputError('WRONG_STATUS', ['id']);
      throw new ForbiddenError('The Departments return and reject nominations');
    }
    const text = requiredText(reason, 2000, 'reason');
    found.reason = text;
    this.nominations.move(ctx, found, to, text);
    await ctx.em.flush();
    return found;
  }

  private atStatus(nomination: Nomination | null | undefined, status: NominationStatus, field: string[]): Nomination {
    if (!nomination) throw new UserInputError('NOT_FOUND', field);
    if (nomination.status !== status) throw new UserInputError('WRONG_STATUS', field);
    return nomination;
  }

  private assertHomeAffairs(ctx: RequestContext): void {
    if (!isHomeAffairsDepartment(ctx.actor)) throw new ForbiddenError('The Department of Home Affairs appraises and decides commendations');
  }
}
