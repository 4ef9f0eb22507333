import type { EntityManager } from '@mikro-orm/postgresql';
import { ReadOnlyEntities } from '../infra/read-only-entities';
import { keysetPage, sortValue, type SortKey, type SortSpec, type Seek } from '../infra/keyset';
import { Conditions, pgArray, type SqlPart } from '../infra/sql';
import type { Topic } from '../catalogue/catalogue.enums';
import { rankSortKey, textMatch, textRank, type TextSearch } from '../catalogue/text-search';
import type { DraftAccess } from '../catalogue/visibility';
import { LearningResource } from './resource.entity';
import { ResourceStatus, type Licence, type ResourceKind } from './resource.enums';

export type ResourceSort = 'NEWEST' | 'MOST_USED' | 'RELEVANCE';

export interface NumberRange {
  min?: number | null;
  max?: number | null;
}

export interface ResourceQuery {
  unitPath: string | null;
  institutionId: string | null;
  kinds: ResourceKind[] | null;
  topics: Topic[] | null;
  languages: string[] | null;
  licences: Licence[] | null;
  statuses: ResourceStatus[];
  durationSeconds: NumberRange | null;
  pages: NumberRange | null;
  search: TextSearch | null;
  sort: ResourceSort;
  drafts: DraftAccess;
}

export interface ResourceRow {
  resource: LearningResource;
  sortKey: SortKey;
}

const resourcesReadOnly = ReadOnlyEntities.of(LearningResource);

export async function findResourcesByIds(em: EntityManager, ids: readonly string[]): Promise<LearningResource[]> {
  const rows: Record<string, unknown>[] = await em.execute(`select ${resourcesReadOnly.columns(em, 'r')} from learning_resource r where r.id = any(?::uuid[])`, [pgArray(ids)]);
  return rows.map((row) => resourcesReadOnly.fromRow(em, row));
}

/** `r` is visible: published, or of an institution whose unpublished resources the actor may see. */
export function resourceVisible(where: Conditions, drafts: DraftAccess): void {
  if (drafts === 'all') return;
  where.add(`(r.status = '${ResourceStatus.PUBLISHED}' or r.institution_id = any(?::uuid[]))`, pgArray(drafts));
}

/** The resource's own text (title, description, transcript) or the text extracted from its document. */
function searchClause(search: TextSearch): SqlPart {
  const own = textMatch('r.search_text', search);
  const extracted = textMatch('mt.search_text', search);
  return {
    sql: `(${own.sql} or exists (select 1 from media_text mt where mt.asset_id = r.asset_id and ${extracted.sql}))`,
    params: [...own.params, ...extracted.params],
  };
}

/** The better of the resource's own text's rank and its document's. */
function resourceRank(search: TextSearch): SqlPart {
  const own = textRank('r.search_text', search);
  const extracted = textRank('mt.search_text', search);
  return {
    sql: `greatest(${own.sql}, coalesce((select ${extracted.sql} from media_text mt where mt.asset_id = r.asset_id), 0))`,
    params: [...own.params, ...extracted.params],
  };
}

function rangeOf(where: Conditions, column: string, range: NumberRange | null): void {
  if (range?.min !== undefined && range.min !== null) where.add(`${column} >= ?`, range.min);
  if (range?.max !== undefined && range.max !== null) where.add(`${column} <= ?`, range.max);
}

function conditions(query: ResourceQuery): Conditions {
  const where = new Conditions().add('r.status = any(?::text[])', pgArray(query.statuses));
  resourceVisible(where, query.drafts);
  if (query.unitPath) where.add('i.unit_id in (select id from administrative_unit where path like ?)', `${query.unitPath}%`);
  if (query.institutionId) where.add('r.institution_id = ?', query.institutionId);
  if (query.kinds?.length) where.add('r.kind = any(?::text[])', pgArray(query.kinds));
  if (query.topics?.length) where.add('r.topics && ?::text[]', pgArray(query.topics));
  if (query.languages?.length) where.add('r.language = any(?::text[])', pgArray(query.languages));
  if (query.licences?.length) where.add('r.licence = any(?::text[])', pgArray(query.licences));
  rangeOf(where, 'a.duration_seconds', query.durationSeconds);
  rangeOf(where, 'a.pages', query.pages);
  if (query.search) {
    where.addPart(searchClause(query.search));
  }
  return where;
}

function sortOf(query: ResourceQuery): { select: string; params: unknown[]; spec: SortSpec } {
  switch (query.sort) {
    case 'RELEVANCE':
      return {
        ...(query.search ? rankSortKey(resourceRank(query.search)) : { select: '0::float8', params: [] }),
        spec: { expr: 't.sort_key', direction: 'asc', cast: 'float8' },
      };
    case 'MOST_USED':
      return { select: '(r.view_count + r.download_count)::float8', params: [], spec: { expr: 't.sort_key', direction: 'desc', cast: 'float8' } };
    case 'NEWEST':
      return { select: 'r.created_at', params: [], spec: { expr: 't.sort_key', direction: 'desc', cast: 'timestamptz' } };
  }
}

const FROM = 'learning_resource r join institution i on i.id = r.institution_id left join media_asset a on a.id = r.asset_id';

export async function findResources(em: EntityManager, query: ResourceQuery, seek: Seek): Promise<ResourceRow[]> {
  const where = conditions(query);
  const sort = sortOf(query);
  const rows = await keysetPage<Record<string, unknown> & { sort_key: unknown }>(em, {
    inner: `select ${resourcesReadOnly.columns(em, 'r')}, ${sort.select} as sort_key from ${FROM} where ${where.toSql()}`,
    params: [...sort.params, ...where.params],
    spec: sort.spec,
    seek,
  });
  return rows.map((row) => ({ resource: resourcesReadOnly.fromRow(em, row), sortKey: sortValue(row.sort_key) }));
}

export async function countResources(em: EntityManager, query: ResourceQuery): Promise<number> {
  const where = conditions(query);
  const [row] = await em.execute<{ count: string }[]>(`select count(*) from ${FROM} where ${where.toSql()}`, where.params);
  return Number(row?.count ?? 0);
}

/**
 * Counts one use of a resource by an account on a day: adds to the resource's counter only the
 * first time that day. Returns whether it counted.
 */
export async function recordUsage(em: EntityManager, resourceId: string, accountId: string, day: string, kind: 'VIEW' | 'DOWNLOAD'): Promise<boolean> {
  const inserted = await em.execute<{ id: string }[]>(
    `insert into resource_usage (id, created_at, updated_at, resource_id, account_id, day, kind) values (gen_random_uuid(), now(), now(), ?, ?, ?, ?)
     on conflict (resource_id, account_id, day, kind) do nothing returning id`,
    [resourceId, accountId, day, kind],
  );
  if (!inserted.length) return false;
  const counter = kind === 'VIEW' ? 'view_count' : 'download_count';
  await em.execute(`update learning_resource set ${counter} = ${counter} + 1 where id = ?`, [resourceId]);
  return true;
}
