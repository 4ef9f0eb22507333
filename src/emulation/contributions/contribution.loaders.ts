import type { RequestContext } from '../../core/context';
import { pgArray } from '../../infra/sql';

/**
 * Contributors' names by `KIND:id`, in one statement per batch: a page of contributions reads its
 * contributors' names with one query whatever its size.
 */
export function contributorNameByKey(ctx: RequestContext) {
  return ctx.loaders.get<string, string>('emulation.contributorName', async (keys) => {
    const pairs = keys.map((key) => key.split(':') as [string, string]);
    const rows = await ctx.em.execute<{ key: string; name: string }[]>(
      `select 'CITIZEN:' || id as key, full_name as name from citizen where id = any(?::uuid[])
       union all select 'HOUSEHOLD:' || id, name from household where id = any(?::uuid[])
       union all select 'CLAN:' || id, name from clan where id = any(?::uuid[])
       union all select 'ORGANISATION:' || id, name from organisation where id = any(?::uuid[])
       union all select 'EXTERNAL:' || id, name from external_contributor where id = any(?::uuid[])`,
      ['CITIZEN', 'HOUSEHOLD', 'CLAN', 'ORGANISATION', 'EXTERNAL'].map((kind) => `{${pairs.filter(([k]) => k === kind).map(([, id]) => id).join(',')}}`),
    );
    const names = new Map(rows.map((row) => [row.key, row.name]));
    return keys.map((key) => names.get(key) ?? '');
  });
}

/** Recipients' names by `UNIT:id`, `INSTITUTION:id` or `FUND:id` (the fund's body), in one statement per batch. */
export function recipientNameByKey(ctx: RequestContext) {
  return ctx.loaders.get<string, string>('emulation.recipientName', async (keys) => {
    const ids = (kind: string) => pgArray(keys.filter((key) => key.startsWith(`${kind}:`)).map((key) => key.slice(kind.length + 1)));
    const rows = await ctx.em.execute<{ key: string; name: string }[]>(
      `select 'UNIT:' || id as key, name from administrative_unit where id = any(?::uuid[])
       union all select 'INSTITUTION:' || id, name from institution where id = any(?::uuid[])
       union all select 'FUND:' || id, name from body where id = any(?::uuid[])`,
      [ids('UNIT'), ids('INSTITUTION'), ids('FUND')],
    );
    const names = new Map(rows.map((row) => [row.key, row.name]));
    return keys.map((key) => names.get(key) ?? '');
  });
}
