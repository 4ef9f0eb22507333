import type { RequestContext } from '../../core/context';
import { byKeys, groupByKeys } from '../../core/loaders';
import type { AdministrativeUnit } from './unit.entity';
import { findChildren, findUnitsByIds } from './unit.repository';

export function unitById(ctx: RequestContext) {
  return ctx.loaders.get<string, AdministrativeUnit | null>('unit.byId', async (ids) =>
    byKeys(ids, await findUnitsByIds(ctx.em, ids), (unit) => unit.id),
  );
}

/** Children valid on a day (null: of every period), batched over the parents of one request. */
export function unitChildren(ctx: RequestContext, validOn: string | null) {
  return ctx.loaders.get<string, AdministrativeUnit[]>(`unit.children.${validOn ?? 'all'}`, async (parentIds) =>
    groupByKeys(parentIds, await findChildren(ctx.em, parentIds, validOn), (unit) => unit.parent?.id ?? ''),
  );
}
