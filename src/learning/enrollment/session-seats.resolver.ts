import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { ProgrammeSessionType } from '../../catalogue/programmes/programme.types';
import type { ProgrammeSession } from '../../catalogue/programmes/session.entity';
import type { RequestContext } from '../../core/context';
import { ownEnrollmentBySession, seatCountsBySession } from '../learning.loaders';
import type { Enrollment } from './enrollment.entity';
import { EnrollmentType } from './enrollment.types';

/**
 * What a session's page shows without listing who enrolled: seats left, the waitlist's length and
 * the viewer's own registration. Public, as the capacity is; the names stay staff-only.
 */
@Resolver(() => ProgrammeSessionType)
export class SessionSeatsResolver {
  @FieldResolver(() => Int, { description: 'People holding a seat (ENROLLED).' })
  async enrolledCount(@Root() session: ProgrammeSession, @Ctx() ctx: RequestContext): Promise<number> {
    return (await seatCountsBySession(ctx).load(session.id)).enrolled;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Seats still free; null when the session has no capacity limit.' })
  async seatsLeft(@Root() session: ProgrammeSession, @Ctx() ctx: RequestContext): Promise<number | null> {
    if (session.capacity === null) return null;
    return Math.max(0, session.capacity - (await seatCountsBySession(ctx).load(session.id)).enrolled);
  }

  @FieldResolver(() => Boolean, { description: 'Every seat is taken: enrolling now puts you on the waitlist. Never true without a capacity limit.' })
  async isFull(@Root() session: ProgrammeSession, @Ctx() ctx: RequestContext): Promise<boolean> {
    return session.capacity !== null && (await seatCountsBySession(ctx).load(session.id)).enrolled >= session.capacity;
  }

  @FieldResolver(() => Int, { description: 'People waiting for a seat (WAITLISTED).' })
  async waitlistLength(@Root() session: ProgrammeSession, @Ctx() ctx: RequestContext): Promise<number> {
    return (await seatCountsBySession(ctx).load(session.id)).waitlisted;
  }

  @FieldResolver(() => EnrollmentType, { nullable: true, description: 'Your own registration for this session (any status, cancelled included); null when signed out or never registered.' })
  myEnrollment(@Root() session: ProgrammeSession, @Ctx() ctx: RequestContext): Promise<Enrollment | null> {
    return ctx.actor ? ownEnrollmentBySession(ctx, ctx.actor.accountId).load(session.id) : Promise.resolve(null);
  }
}
