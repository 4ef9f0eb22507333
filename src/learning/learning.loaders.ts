import type { RequestContext } from '../core/context';
import { byKeys } from '../core/loaders';
import { Enrollment } from './enrollment/enrollment.entity';
import { LearningGoal } from './plans/learning-goal.entity';
import { LearningLog } from './logs/learning-log.entity';

/** Logs with what access rules read (the citizen's residence), batched per request. */
export function logById(ctx: RequestContext) {
  return ctx.loaders.get<string, LearningLog | null>('learningLog.byId', async (ids) =>
    byKeys(ids, await ctx.em.find(LearningLog, { id: { $in: [...ids] } }, { populate: ['citizen.residence'] }), (log) => log.id),
  );
}

export function enrollmentById(ctx: RequestContext) {
  return ctx.loaders.get<string, Enrollment | null>('enrollment.byId', async (ids) =>
    byKeys(ids, await ctx.em.find(Enrollment, { id: { $in: [...ids] } }, { populate: ['citizen.residence', 'session'] }), (e) => e.id),
  );
}

export function goalById(ctx: RequestContext) {
  return ctx.loaders.get<string, LearningGoal | null>('learningGoal.byId', async (ids) =>
    byKeys(ids, await ctx.em.find(LearningGoal, { id: { $in: [...ids] } }, { populate: ['citizen.residence'] }), (g) => g.id),
  );
}

export interface SessionSeatCounts {
  enrolled: number;
  waitlisted: number;
}

/** Enrolled and waitlisted registrations per session, one query for a page of sessions. */
export function seatCountsBySession(ctx: RequestContext) {
  return ctx.loaders.get<string, SessionSeatCounts>('enrollment.countsBySession', async (ids) => {
    const rows = await ctx.em.execute<{ session_id: string; enrolled: string; waitlisted: string }[]>(
      `select session_id, count(*) filter (where status = 'ENROLLED') as enrolled, count(*) filter (where status = 'WAITLISTED') as waitlisted
         from enrollment where session_id = any(?::uuid[]) group by session_id`,
      [`{${ids.join(',')}}`],
    );
    const counts = new Map(rows.map((row) => [row.session_id, { enrolled: Number(row.enrolled), waitlisted: Number(row.waitlisted) }]));
    return ids.map((id) => counts.get(id) ?? { enrolled: 0, waitlisted: 0 });
  });
}

/** The signed-in account's own registration per session (through its citizen profile), if any. */
export function ownEnrollmentBySession(ctx: RequestContext, accountId: string) {
  return ctx.loaders.get<string, Enrollment | null>('enrollment.ownBySession', async (ids) =>
    byKeys(ids, await ctx.em.find(Enrollment, { session: { $in: [...ids] }, citizen: { account: accountId } }, { populate: ['citizen.residence', 'session'] }), (e) => e.session.id),
  );
}
