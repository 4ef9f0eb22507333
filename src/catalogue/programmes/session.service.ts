import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../core/context';
import { BadInputError, NotFoundError, UserInputError } from '../../core/errors';
import type { Seek } from '../../infra/keyset';
import { type ProgrammeFormat, type ProgrammeKind, ProgrammeStatus, SessionStatus, type Topic } from '../catalogue.enums';
import type { Near } from '../geo.types';
import { draftAccess, type ProgrammeService } from './programme.service';
import { expandRecurrence, MAX_OCCURRENCES, type Occurrence, type Recurrence } from './recurrence';
import { ProgrammeSession } from './session.entity';
import { countOnce, resolveTextSearch, textSearchOf } from '../text-search';
import { countSessions, findSessions, type SessionQuery, type SessionRow, type SessionSort } from './session.repository';
import type { UnitService } from '../units/unit.service';

export interface SessionFields {
  startsAt?: Date | null;
  endsAt?: Date | null;
  place?: string | null;
  capacity?: number | null;
  creditedHours?: number | null;
}

export interface ScheduleInput extends SessionFields {
  startsAt: Date;
  endsAt: Date;
  creditedHours: number;
  recurrence?: (Omit<Recurrence, 'interval'> & { interval?: number | null }) | null;
}

export interface SessionFilter {
  unitId?: string | null;
  institutionId?: string | null;
  programmeId?: string | null;
  kinds?: ProgrammeKind[] | null;
  topics?: Topic[] | null;
  formats?: ProgrammeFormat[] | null;
  from?: Date | null;
  to?: Date | null;
  includeCancelled?: boolean | null;
  search?: string | null;
  near?: Near | null;
}

export const MAX_CREDITED_HOURS = 12;
const MAX_SESSION_LENGTH_MS = 24 * 3600_000;

/** The channel of the events of a session's seats: each says that its capacity, enrolments or waitlist changed. */
export function seatsChannel(sessionId: string): string {
  return `session-seats:${sessionId}`;
}

/** Sessions of programmes: scheduling (single or recurring), changes, cancellation, finding them. */
export class SessionService {
  constructor(
    private readonly units: UnitService,
    private readonly programmes: ProgrammeService,
  ) {}

  async getVisible(ctx: RequestContext, id: string): Promise<ProgrammeSession> {
    const session = await ctx.em.findOne(ProgrammeSession, { id }, { populate: ['programme'] });
    if (!session || !this.programmes.canSee(ctx, session.programme)) throw new NotFoundError('The session');
    return session;
  }

  async toQuery(ctx: RequestContext, filter: SessionFilter, order: SessionSort | null): Promise<SessionQuery> {
    const unit = await this.units.getFilter(ctx, filter.unitId, 'filter.unitId');
    const sort = order ?? 'START_TIME';
    if (sort === 'DISTANCE' && !filter.near) throw new BadInputError('Ordering by DISTANCE needs filter.near');
    if (filter.from && filter.to && filter.to <= filter.from) throw new BadInputError('filter.to must be after filter.from');
    const query: SessionQuery = {
      unitPath: unit?.path ?? null,
      institutionId: filter.institutionId ?? null,
      programmeId: filter.programmeId ?? null,
      kinds: filter.kinds ?? null,
      topics: filter.topics ?? null,
      formats: filter.formats ?? null,
      from: filter.from ?? ctx.now,
      to: filter.to ?? null,
      includeCancelled: filter.includeCancelled ?? false,
      search: textSearchOf(filter.search),
      near: filter.near ?? null,
      sort,
      drafts: draftAccess(ctx),
    };
    return resolveTextSearch(query, (candidate) => this.count(ctx, candidate));
  }

  find(ctx: RequestContext, query: SessionQuery, seek: Seek): Promise<SessionRow[]> {
    return findSessions(ctx.em, query, seek);
  }

  count(ctx: RequestContext, query: SessionQuery): Promise<number> {
    return countOnce(query, () => countSessions(ctx.em, query));
  }

  /** Transactional. Schedules one session, or a weekly/monthly series up to a day. */
  async schedule(ctx: RequestContext, programmeId: string, input: ScheduleInput): Promise<ProgrammeSession[]> {
    const programme = await this.programmes.getManaged(ctx, programmeId);
    if (programme.status === ProgrammeStatus.CANCELLED) {
      throw new UserInputError('PROGRAMME_CANCELLED', ['programmeId']);
    }
    checkSession(input.startsAt, input.endsAt, input.capacity ?? null, input.creditedHours);
    let occurrences: Occurrence[] = [{ startsAt: input.startsAt, endsAt: input.endsAt }];
    if (input.recurrence) {
      const expanded = expandRecurrence(occurrences[0] as Occurrence, { ...input.recurrence, interval: input.recurrence.interval ?? 1 });
      if (!expanded) {
        throw new UserInputError('TOO_MANY_SESSIONS', ['recurrence', 'until'], { max: MAX_OCCURRENCES });
      }
      occurrences = expanded;
    }
    const seriesId = occurrences.length > 1 ? randomUUID() : null;
    const sessions = occurrences.map((occurrence) =>
      ctx.em.create(ProgrammeSession, {
        programme,
        institution: programme.institution,
        startsAt: occurrence.startsAt,
        endsAt: occurrence.endsAt,
        place: input.place?.trim() || null,
        capacity: input.capacity ?? null,
        creditedHours: input.creditedHours,
        seriesId,
      }),
    );
    await ctx.em.flush();
    return sessions;
  }

  /** Transactional. Changes one session of a programme the actor manages. */
  async update(ctx: RequestContext, id: string, fields: SessionFields): Promise<ProgrammeSession> {
    const session = await this.getManaged(ctx, id);
    if (session.status === SessionStatus.CANCELLED) throw new UserInputError('SESSION_CANCELLED', ['id']);
    const startsAt = fields.startsAt ?? session.startsAt;
    const endsAt = fields.endsAt ?? session.endsAt;
    const capacity = fields.capacity === undefined ? session.capacity : fields.capacity;
    const creditedHours = fields.creditedHours ?? session.creditedHours;
    checkSession(startsAt, endsAt, capacity, creditedHours);
    const previousCapacity = session.capacity;
    const seatsAdded = previousCapacity !== null && (capacity === null || capacity > previousCapacity);
    Object.assign(session, { startsAt, endsAt, capacity, creditedHours });
    if (fields.place !== undefined) session.place = fields.place?.trim() || null;
    await ctx.em.flush();
    // Lowering the capacity keeps the seats already given; raising it gives the new ones to the waitlist.
    if (seatsAdded) await ctx.services.learning.enrollments.seatsAdded(ctx, session.id);
    if (capacity !== previousCapacity) await ctx.services.events.publishAfterCommit(ctx.em, seatsChannel(session.id));
    return session;
  }

  /** Transactional, idempotent. Cancels one session. */
  async cancel(ctx: RequestContext, id: string): Promise<ProgrammeSession> {
    const session = await this.getManaged(ctx, id);
    session.status = SessionStatus.CANCELLED;
    await ctx.em.flush();
    return session;
  }

  private async getManaged(ctx: RequestContext, id: string): Promise<ProgrammeSession> {
    const session = await this.getVisible(ctx, id);
    await this.programmes.getManaged(ctx, session.programme.id);
    return session;
  }
}

function checkSession(startsAt: Date, endsAt: Date, capacity: number | null, creditedHours: number): void {
  if (endsAt <= startsAt) throw new UserInputError('ENDS_BEFORE_START', ['endsAt']);
  if (endsAt.getTime() - startsAt.getTime() > MAX_SESSION_LENGTH_MS) {
    throw new UserInputError('SESSION_TOO_LONG', ['endsAt']);
  }
  if (capacity !== null && (!Number.isInteger(capacity) || capacity < 0)) {
    throw new UserInputError('INVALID_CAPACITY', ['capacity']);
  }
  if (!(creditedHours >= 0 && creditedHours <= MAX_CREDITED_HOURS)) {
    throw new UserInputError('INVALID_CREDITED_HOURS', ['creditedHours'], { max: MAX_CREDITED_HOURS });
  }
}
