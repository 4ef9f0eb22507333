import type { RequestContext } from '../core/context';
import { byKeys } from '../core/loaders';
import type { LearningResource } from './resource.entity';
import { findResourcesByIds } from './resource.repository';

export function resourceById(ctx: RequestContext) {
  return ctx.loaders.get<string, LearningResource | null>('learningResource.byId', async (ids) =>
    byKeys(ids, await findResourcesByIds(ctx.em, ids), (resource) => resource.id),
  );
}
