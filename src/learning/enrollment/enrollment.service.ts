import { ProgrammeStatus, SessionStatus } from '../../catalogue/catalogue.enums';
import { ProgrammeSession } from '../../catalogue/programmes/session.entity';
import { seatsChannel } from '../../catalogue/programmes/session.service';
import type { RequestContext } from '../../core/context';
import { NotFoundError, UserInputError } from '../../core/errors';
import { Enrollment } from './enrollment.entity';
import { EnrollmentStatus } from '../learning.enums';
import { requireOwnCitizen } from '../own-citizen';

/** Registrations for sessions: a seat while there is one, else the waitlist, promoted in order. */
export class EnrollmentService {
  /**
   * Transactional, idempotent (enrolling again returns the same registration). The session row
   * is locked first, so two requests for the last seat are decided one after the other.
   */
  async enroll(ctx: RequestContext, sessionId: string): Promise<Enrollment> {
    const citizen = await requireOwnCitizen(ctx);
    const session = await this.lockSession(ctx, sessionId);
    checkOpenForEnrollment(session, ctx.now);
    const existing = await ctx.em.findOne(Enrollment, { session, citizen });
    if (existing && existing.status !== EnrollmentStatus.CANCELLED) return existing;
    const status = (await this.hasFreeSeat(ctx, session)) ? EnrollmentStatus.ENROLLED : EnrollmentStatus.WAITLISTED;
    await ctx.services.events.publishAfterCommit(ctx.em, seatsChannel(session.id));
    if (existing) {
      Object.assign(existing, { status, requestedAt: ctx.now, cancelledAt: null });
      await ctx.em.flush();
      return existing;
    }
    const enrollment = ctx.em.create(Enrollment, { session, citizen, status, requestedAt: ctx.now });
    await ctx.em.flush();
    return enrollment;
  }

  /** Transactional, idempotent. Cancels the citizen's own registration and gives a freed seat to the first on the waitlist. */
  async cancel(ctx: RequestContext, enrollmentId: string): Promise<Enrollment> {
    const citizen = await requireOwnCitizen(ctx);
    const found = await ctx.em.findOne(Enrollment, { id: enrollmentId, citizen });
    if (!found) throw new NotFoundError('The enrollment');
    const session = await this.lockSession(ctx, found.session.id);
    await ctx.em.refresh(found);
    if (found.status === EnrollmentStatus.CANCELLED) return found;
    if (session.startsAt <= ctx.now) throw new UserInputError('SESSION_STARTED', ['enrollmentId']);
    const freedSeat = found.status === EnrollmentStatus.ENROLLED;
    Object.assign(found, { status: EnrollmentStatus.CANCELLED, cancelledAt: ctx.now });
    await ctx.em.flush();
    await ctx.services.events.publishAfterCommit(ctx.em, seatsChannel(session.id));
    if (freedSeat) await this.promoteWaitlist(ctx, session);
    return found;
  }

  /** Transactional. After a session's capacity was raised or lifted, gives the new seats to the waitlist. */
  async seatsAdded(ctx: RequestContext, sessionId: string): Promise<void> {
    await this.promoteWaitlist(ctx, await this.lockSession(ctx, sessionId));
  }

  /** Gives free seats to the waitlist, earliest request first. Call with the session locked. */
  async promoteWaitlist(ctx: RequestContext, session: ProgrammeSession): Promise<void> {
    const enrolled = await ctx.em.count(Enrollment, { session, status: EnrollmentStatus.ENROLLED });
    const free = session.capacity === null ? Number.MAX_SAFE_INTEGER : session.capacity - enrolled;
    if (free <= 0) return;
    const waiting = await ctx.em.find(
      Enrollment,
      { session, status: EnrollmentStatus.WAITLISTED },
      { orderBy: { requestedAt: 'asc', id: 'asc' }, limit: Math.min(free, 1000) },
    );
    for (const enrollment of waiting) enrollment.status = EnrollmentStatus.ENROLLED;
    await ctx.em.flush();
    if (waiting.length) await ctx.services.events.publishAfterCommit(ctx.em, seatsChannel(session.id));
  }

  private async hasFreeSeat(ctx: RequestContext, session: ProgrammeSession): Promise<boolean> {
    if (session.capacity === null) return true;
    return (await ctx.em.count(Enrollment, { session, status: EnrollmentStatus.ENROLLED })) < session.capacity;
  }

  /** The session, its row locked until the transaction ends; a draft's session is not found, as for anyone outside its institution. */
  private async lockSession(ctx: RequestContext, sessionId: string): Promise<ProgrammeSession> {
    await ctx.em.execute('select id from programme_session where id = ? for update', [sessionId]);
    const session = await ctx.em.findOne(ProgrammeSession, { id: sessionId }, { populate: ['programme'], refresh: true });
    if (!session || !ctx.services.programmes.canSee(ctx, session.programme)) throw new NotFoundError('The session');
    return session;
  }
}

function checkOpenForEnrollment(session: ProgrammeSession, now: Date): void {
  if (session.status === SessionStatus.CANCELLED) throw new UserInputError('SESSION_CANCELLED', ['sessionId']);
  if (session.programme.status !== ProgrammeStatus.PUBLISHED) throw new UserInputError('SESSION_NOT_OPEN', ['sessionId']);
  if (session.startsAt <= now) throw new UserInputError('SESSION_STARTED', ['sessionId']);
}
