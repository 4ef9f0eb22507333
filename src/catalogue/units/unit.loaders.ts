import type { RequestContext } from '../../core/context';
import { byKeys, groupByKeys } from '../../core/loaders';
import type { AdministrativeUnit } from './unit.entity';
import { todayInVietnam } from '../../core/time';
import { findChildren, findUnitsByIds, provinceOn } from './unit.repository';

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

/** The province valid today (in Vietnam), read once per request. */
export function provinceToday(ctx: RequestContext): Promise<AdministrativeUnit | null> {
  return ctx.loaders
    .get<string, AdministrativeUnit | null>('unit.provinceOn', (days) => Promise.all(days.map((day) => provinceOn(ctx.em, day))))
    .load(todayInVietnam(ctx.now));
}
