import type { RequestContext } from '../../core/context';
import { byKeys } from '../../core/loaders';
import type { Institution } from './institution.entity';
import { findInstitutionsByIds } from './institution.repository';

export function institutionById(ctx: RequestContext) {
  return ctx.loaders.get<string, Institution | null>('institution.byId', async (ids) =>
    byKeys(ids, await findInstitutionsByIds(ctx.em, ids), (institution) => institution.id),
  );
}
