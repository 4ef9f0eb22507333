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
