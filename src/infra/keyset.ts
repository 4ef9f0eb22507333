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

/**
 * How one page is read: forward takes the rows after the cursor in the list's order, backward the
 * rows before it (scanning the list the other way, so that the query still stops at `limit`).
 */
export interface Seek {
  direction: 'forward' | 'backward';
  /** Sort-key values of the cursor's row, or null to start at the list's start (forward) or end (backward). */
  position: SortKey[] | null;
  limit: number;
}

/** The ordering a page is scanned in: the list's own, or its reverse to read backward. */
function scanOrder(sort: SortSpec, seek: Seek): SortSpec {
  if (seek.direction === 'forward') return sort;
  return { ...sort, direction: sort.direction === 'asc' ? 'desc' : 'asc' };
}

/** `(sort, id) > (?, ?)` (or `<` descending): rows past the cursor in the scan's order, ties broken by id. */
function pastClause(scan: SortSpec, idExpr: string): string {
  const operator = scan.direction === 'asc' ? '>' : '<';
  return `(${scan.expr}, ${idExpr}) ${operator} (?::${scan.cast}, ?::uuid)`;
}

function orderClause(sort: SortSpec, idExpr: string): string {
  return `${sort.expr} ${sort.direction}, ${idExpr} ${sort.direction}`;
}

/**
 * `select … from (page) alias` with the page in the list's order: a backward page is scanned in
 * reverse and turned back here, so every caller gets its rows in one order.
 */
function inListOrder(page: string, alias: string, sort: SortSpec, idExpr: string, seek: Seek): string {
  if (seek.direction === 'forward') return page;
  return `select ${alias}.* from (${page}) ${alias} order by ${orderClause(sort, idExpr)}`;
}

/** The bound values of a seek, after those of the query's own conditions: the cursor's keys, then the limit. */
function seekParams(seek: Seek): unknown[] {
  return [...(seek.position ?? []), seek.limit];
}

/** The `where`, `orderBy` and row order of an ORM page of a list sorted newest first (`createdAt`, then id). */
export function newestFirstPage(seek: Seek): {
  where: Record<string, unknown>;
  orderBy: { createdAt: 'asc' | 'desc'; id: 'asc' | 'desc' };
  inListOrder: <T>(rows: T[]) => T[];
} {
  const forward = seek.direction === 'forward';
  const operator = forward ? '$lt' : '$gt';
  const [createdAt, id] = seek.position ?? [];
  const where = seek.position
    ? { $or: [{ createdAt: { [operator]: new Date(String(createdAt)) } }, { createdAt: new Date(String(createdAt)), id: { [operator]: String(id) } }] }
    : {};
  const direction = forward ? 'desc' : 'asc';
  return { where, orderBy: { createdAt: direction, id: direction }, inListOrder: (rows) => (forward ? rows : [...rows].reverse()) };
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
 * with `parent_id` so they can be grouped, each parent's in the list's order. Bind the array, the
 * conditions' values, then `seekParams`. With `counted`, each row also has `total_count`: how
 * many rows its parent's whole list has (a window count taken before the cursor's condition).
 */
export function lateralPageSql(options: {
  table: string;
  alias: string;
  parentColumn: string;
  where: string;
  sort: SortSpec;
  idExpr: string;
  seek: Seek;
  counted?: boolean;
  /** A table read along, one row per row of the page (`join programme pr on pr.id = s.programme_id`), and its columns to select (named apart). */
  along?: { join: string; columns: string };
}): { sql: string; seekParams: unknown[] } {
  const scan = scanOrder(options.sort, options.seek);
  const { alias, along } = options;
  const from = `${options.table} ${alias} ${along?.join ?? ''} where ${options.parentColumn} = parent.id and ${options.where}`;
  const columns = `${alias}.*${along ? `, ${along.columns}` : ''}`;
  const order = `order by ${orderClause(scan, options.idExpr)} limit ?`;
  const page = options.counted
    ? `select ${alias}.* from (select ${columns}, count(*) over () as total_count from ${from}) ${alias}
       where ${options.seek.position ? pastClause(scan, options.idExpr) : 'true'} ${order}`
    : `select ${columns} from ${from} ${options.seek.position ? `and ${pastClause(scan, options.idExpr)}` : ''} ${order}`;
  const sql = `select page.*, parent.id as parent_id from unnest(?::uuid[]) as parent(id)
    cross join lateral (${inListOrder(page, alias, options.sort, options.idExpr, options.seek)}) page`;
  return { sql, seekParams: seekParams(options.seek) };
}

/**
 * Runs one keyset page: `inner` selects the rows with their `sort_key` (and anything else) and
 * binds `params`; at most `seek.limit` rows on the seek's side of its cursor come back, in the
 * order of `spec` whichever way the page was read.
 */
export function keysetPage<Row>(em: EntityManager, options: { inner: string; params: unknown[]; spec: SortSpec; seek: Seek }): Promise<Row[]> {
  const scan = scanOrder(options.spec, options.seek);
  const keyset = options.seek.position ? pastClause(scan, 't.id') : 'true';
  const page = `select * from (${options.inner}) t where ${keyset} order by ${orderClause(scan, 't.id')} limit ?`;
  return em.execute<Row[]>(inListOrder(page, 't', options.spec, 't.id', options.seek), [...options.params, ...seekParams(options.seek)]);
}
