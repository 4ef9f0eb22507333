import type { RequestContext } from '../../core/context';
import { byKeys } from '../../core/loaders';
import { Citizen } from './citizen.entity';

/** Citizens with their residence loaded (access rules read its path), batched per request. */
export function citizenById(ctx: RequestContext) {
  return ctx.loaders.get<string, Citizen | null>('citizen.byId', async (ids) =>
    byKeys(ids, await ctx.em.find(Citizen, { id: { $in: [...ids] } }, { populate: ['residence'] }), (citizen) => citizen.id),
  );
}
