import type { EntityManager } from '@mikro-orm/postgresql';

export type SortKey = string | number | null;

/** A row of a keyset page: the record's id and its sort value. */
export interface IdRow {
  id: string;
  sortKey: SortKey;
}

/** One ordering of a keyset-paginated query: a non-null SQL expression, its direction and type. */
export interface SortSpec {
  expr: string;
  direction: 'asc' | 'desc';
  /** PostgreSQL type of the expression, to cast the cursor value back. */
  cast: 'text' | 'float8' | 'timestamptz';
}

/** `(sort, id) > (?, ?)` (or `<` descending): rows after the cursor, ties broken by id. */
export function afterClause(sort: SortSpec, idExpr: string): string {
  const operator = sort.direction === 'asc' ? '>' : '<';
  return `(${sort.expr}, ${idExpr}) ${operator} (?::${sort.cast}, ?::uuid)`;
}

export function orderClause(sort: SortSpec, idExpr: string): string {
  return `${sort.expr} ${sort.direction}, ${idExpr} ${sort.direction}`;
}

/** The cursor value of a sort expression read back from a row (timestamps as ISO text). */
export function sortValue(value: unknown): SortKey {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (value === null || value === undefined) return null;
  return String(value);
}

/**
 * One keyset page per parent in a single statement: `parentColumn` of `from` is matched to each
 * id of the array parameter, and a lateral subquery takes that parent's page. The rows come back
 * with `parent_id` so they can be grouped.
 */
export function lateralPageSql(options: {
  table: string;
  alias: string;
  parentColumn: string;
  where: string;
  sort: SortSpec;
  idExpr: string;
  hasAfter: boolean;
}): string {
  const keyset = options.hasAfter ? `and ${afterClause(options.sort, options.idExpr)}` : '';
  return `select page.*, parent.id as parent_id from unnest(?::uuid[]) as parent(id)
    cross join lateral (
      select ${options.alias}.* from ${options.table} ${options.alias}
       where ${options.parentColumn} = parent.id and ${options.where} ${keyset}
       order by ${orderClause(options.sort, options.idExpr)} limit ?
    ) page`;
}

/**
 * Runs one keyset page: `inner` selects the rows with their `sort_key` (and anything else) and
 * binds `params`; the rows after the cursor come back in the order of `spec`, at most `limit`.
 */
export function keysetPage<Row>(
  em: EntityManager,
  options: { inner: string; params: unknown[]; spec: SortSpec; after: SortKey[] | null; limit: number },
): Promise<Row[]> {
  const keyset = options.after ? afterClause(options.spec, 't.id') : 'true';
  return em.execute<Row[]>(
    `select * from (${options.inner}) t where ${keyset} order by ${orderClause(options.spec, 't.id')} limit ?`,
    [...options.params, ...(options.after ?? []), options.limit],
  );
}
