import { Arg, Ctx, FieldResolver, ID, Int, Resolver, Root, Subscription } from 'type-graphql';
import { ProgrammeSessionType } from '../../catalogue/programmes/programme.types';
import type { ProgrammeSession } from '../../catalogue/programmes/session.entity';
import { seatsChannel } from '../../catalogue/programmes/session.service';
import type { RequestContext } from '../../core/context';
import { idOf } from '../../graphql/global-id';
import { eventValue, watch, type EventRoot } from '../../graphql/subscriptions';
import { ownEnrollmentBySession, seatCountsBySession } from '../learning.loaders';
import type { Enrollment } from './enrollment.entity';
import { EnrollmentType } from './enrollment.types';

/**
 * What a session's page shows without listing who enrolled: seats left, the waitlist's length and
 * the viewer's own registration. Public, as the capacity is; the names stay staff-only.
 */
@Resolver(() => ProgrammeSessionType)
export class SessionSeatsResolver {
  @Subscription(() => ProgrammeSessionType, {
    description:
      "A session's seats: the session as it is now, then again after each enrolment, cancellation, promotion from the waitlist or change of capacity (read seatsLeft, waitlistLength, isFull). Refused with NOT_FOUND where `node` answers null (a draft programme's session).",
    subscribe: ({ args, context }: { args: { id: string }; context: RequestContext }) => {
      const id = idOf('ProgrammeSession', args.id);
      return watch(context, { channel: seatsChannel(id), read: (ctx) => ctx.services.sessions.getVisible(ctx, id), settled: () => false });
    },
  })
  sessionSeats(@Root() event: EventRoot<ProgrammeSession>, @Arg('id', () => ID, { description: 'Global id of the session.' }) _id: string): ProgrammeSession {
    return eventValue(event);
  }

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
