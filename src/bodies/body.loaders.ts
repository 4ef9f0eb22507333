import type { RequestContext } from '../core/context';
import { byKeys, groupByKeys } from '../core/loaders';
import { Body, type BodyOfficer } from './body.entity';

export function bodyById(ctx: RequestContext) {
  return ctx.loaders.get<string, Body | null>('body.byId', async (ids) => byKeys(ids, await ctx.em.find(Body, { id: { $in: [...ids] } }), (body) => body.id));
}

export function officersByBody(ctx: RequestContext) {
  return ctx.loaders.get<string, BodyOfficer[]>('body.officers', async (ids) =>
    groupByKeys(ids, await ctx.services.bodies.officersOf(ctx.em, ids), (officer) => officer.body.id),
  );
}
