/** A piece of SQL with its `?` parameters in order, so fragments compose without losing count. */
export interface Fragment {
  sql: string;
  params: unknown[];
}

export function frag(sql: string, ...params: unknown[]): Fragment {
  return { sql, params };
}

/** Joins fragments with a separator, keeping their parameters in order. */
export function join(fragments: readonly Fragment[], separator: string): Fragment {
  return { sql: fragments.map((f) => f.sql).join(separator), params: fragments.flatMap((f) => f.params) };
}

/** Fills a template's `{name}` slots with fragments; parameters follow the order the slots appear in. */
export function fill(template: string, slots: Record<string, Fragment>): Fragment {
  const params: unknown[] = [];
  const sql = template.replace(/\{(\w+)\}|\?/g, (_match, name: string | undefined) => {
    if (!name) throw new Error('a template takes no parameters of its own; pass them in a slot');
    const slot = slots[name];
    if (!slot) throw new Error(`no fragment for slot {${name}}`);
    params.push(...slot.params);
    return slot.sql;
  });
  return { sql, params };
}
