import type { RequestContext } from '../core/context';
import { byKeys, groupByKeys } from '../core/loaders';
import { Account, type RoleGrant } from './account.entity';

export function accountById(ctx: RequestContext) {
  return ctx.loaders.get<string, Account | null>('account.byId', async (ids) =>
    byKeys(ids, await ctx.em.find(Account, { id: { $in: [...ids] } }), (account) => account.id),
  );
}

export function grantsByAccount(ctx: RequestContext) {
  return ctx.loaders.get<string, RoleGrant[]>('account.grants', async (ids) =>
    groupByKeys(ids, await ctx.services.auth.grantsOf(ctx.em, ids), (grant) => grant.account.id),
  );
}

export function staffByInstitution(ctx: RequestContext) {
  return ctx.loaders.get<string, RoleGrant[]>('institution.staff', async (ids) =>
    groupByKeys(ids, await ctx.services.auth.staffGrantsOf(ctx.em, ids), (grant) => grant.institution?.id ?? ''),
  );
}
