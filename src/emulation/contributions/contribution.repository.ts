import type { EntityManager } from '@mikro-orm/postgresql';
import { keysetPage, sortValue, type IdRow, type Seek } from '../../infra/keyset';
import { Conditions } from '../../infra/sql';
import type { ContributionKind, ContributorKind } from '../emulation.enums';

export interface ContributionQuery {
  /** Contributions received within this unit's subtree. */
  withinPath: string;
  /** Calendar year of the contribution's date; null for every year. */
  year: number | null;
  contributor: { kind: ContributorKind; id: string } | null;
}

/** Sums of verified contributions. */
export interface ContributionTotals {
  count: number;
  valueVnd: number;
  hours: number;
  byKind: { kind: ContributionKind; count: number; valueVnd: number; hours: number }[];
}

const FROM = 'contribution c join administrative_unit u on u.id = c.unit_id';

function conditions(query: ContributionQuery): Conditions {
  const where = new Conditions().add('u.path like ?', `${query.withinPath}%`);
  if (query.year !== null) where.add('extract(year from c.contributed_on) = ?', query.year);
  if (query.contributor) where.add('c.contributor_kind = ? and c.contributor_id = ?', query.contributor.kind, query.contributor.id);
  return where;
}

/** One keyset page of contributions, newest day first. */
export async function findContributionIds(em: EntityManager, query: ContributionQuery, seek: Seek): Promise<IdRow[]> {
  const where = conditions(query);
  const rows = await keysetPage<{ id: string; sort_key: unknown }>(em, {
    inner: `select c.id, c.contributed_on::text as sort_key from ${FROM} where ${where.toSql()}`,
    params: where.params,
    spec: { expr: 't.sort_key', direction: 'desc', cast: 'text' },
    seek,
  });
  return rows.map((row) => ({ id: row.id, sortKey: sortValue(row.sort_key) }));
}

export async function countContributions(em: EntityManager, query: ContributionQuery): Promise<number> {
  const where = conditions(query);
  const [row] = await em.execute<{ count: string }[]>(`select count(*) from ${FROM} where ${where.toSql()}`, where.params);
  return Number(row?.count ?? 0);
}

/** Totals of the verified contributions a query selects, overall and by kind. */
export async function sumVerifiedContributions(em: EntityManager, query: ContributionQuery): Promise<ContributionTotals> {
  const where = conditions(query).add(`c.status = 'VERIFIED'`);
  const rows = await em.execute<{ kind: ContributionKind; count: string; value_vnd: string; hours: string }[]>(
    `select c.kind, count(*) as count, coalesce(sum(c.value_vnd), 0) as value_vnd, coalesce(sum(c.hours), 0) as hours
       from ${FROM} where ${where.toSql()} group by c.kind order by c.kind`,
    where.params,
  );
  const byKind = rows.map((row) => ({ kind: row.kind, count: Number(row.count), valueVnd: Number(row.value_vnd), hours: Number(row.hours) }));
  return {
    count: byKind.reduce((sum, row) => sum + row.count, 0),
    valueVnd: byKind.reduce((sum, row) => sum + row.valueVnd, 0),
    hours: byKind.reduce((sum, row) => sum + row.hours, 0),
    byKind,
  };
}
