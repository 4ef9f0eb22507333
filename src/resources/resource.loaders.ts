import type { RequestContext } from '../graphql/context';
import { byKeys } from '../graphql/loaders';
import type { LearningResource } from './resource.entity';
import { findResourcesByIds } from './resource.repository';

export function resourceById(ctx: RequestContext) {
  return ctx.loaders.get<string, LearningResource | null>('learningResource.byId', async (ids) =>
    byKeys(ids, await findResourcesByIds(ctx.em, ids), (resource) => resource.id),
  );
}
