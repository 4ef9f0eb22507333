import type { RequestContext } from '../../core/context';
import { pgArray } from '../../infra/sql';

/** Owners' names by `BODY:id` or `ORGANISATION:id`, one statement per batch. */
export function initiativeOwnerNameByKey(ctx: RequestContext) {
  return ctx.loaders.get<string, string>('emulation.initiativeOwnerName', async (keys) => {
    const ids = (kind: string) => pgArray(keys.filter((key) => key.startsWith(`${kind}:`)).map((key) => key.slice(kind.length + 1)));
    const rows = await ctx.em.execute<{ key: string; name: string }[]>(
      `select 'BODY:' || id as key, name from body where id = any(?::uuid[])
       union all select 'ORGANISATION:' || id, name from organisation where id = any(?::uuid[])`,
      [ids('BODY'), ids('ORGANISATION')],
    );
    const names = new Map(rows.map((row) => [row.key, row.name]));
    return keys.map((key) => names.get(key) ?? '');
  });
}
