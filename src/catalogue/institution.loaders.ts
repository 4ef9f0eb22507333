import type { RequestContext } from '../graphql/context';
import { byKeys } from '../graphql/loaders';
import { Institution } from './institution.entity';

export function institutionById(ctx: RequestContext) {
  return ctx.loaders.get<string, Institution | null>('institution.byId', async (ids) =>
    byKeys(ids, await ctx.em.find(Institution, { id: { $in: [...ids] } }), (institution) => institution.id),
  );
}
