import type { RequestContext } from '../../core/context';
import { groupByKeys } from '../../core/loaders';
import type { NominationStep } from './nomination.entity';

/** The steps of nominations, oldest first, one statement per batch. */
export function stepsByNomination(ctx: RequestContext) {
  return ctx.loaders.get<string, NominationStep[]>('emulation.nominationSteps', async (ids) =>
    groupByKeys(ids, await ctx.services.emulation.nominations.steps(ctx, ids), (step) => step.nomination.id),
  );
}
