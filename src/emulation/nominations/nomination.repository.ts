import type { EntityManager } from '@mikro-orm/postgresql';
import { keysetPage, sortValue, type IdRow, type Seek } from '../../infra/keyset';
import { Conditions, pgArray } from '../../infra/sql';
import type { NominationStatus } from '../emulation.enums';

export interface NominationQuery {
  roundId: string | null;
  statuses: NominationStatus[] | null;
  /** The bodies the viewer acts for: their nominations, drafts included. */
  proposerIds: string[];
  /** The Departments also see every nomination past its draft. */
  seesSubmitted: boolean;
}

function conditions(query: NominationQuery): Conditions {
  const where = new Conditions().add(`(n.proposer_id = any(?::uuid[]) or (?::boolean and n.status <> 'DRAFT'))`, pgArray(query.proposerIds), query.seesSubmitted);
  if (query.roundId) where.add('n.round_id = ?', query.roundId);
  if (query.statuses) where.add('n.status = any(?::text[])', pgArray(query.statuses));
  return where;
}

/** One keyset page of the nominations the viewer may read, newest first. */
export async function findNominationIds(em: EntityManager, query: NominationQuery, seek: Seek): Promise<IdRow[]> {
  const where = conditions(query);
  const rows = await keysetPage<{ id: string; sort_key: unknown }>(em, {
    inner: `select n.id, n.created_at as sort_key from nomination n where ${where.toSql()}`,
    params: where.params,
    spec: { expr: 't.sort_key', direction: 'desc', cast: 'timestamptz' },
    seek,
  });
  return rows.map((row) => ({ id: row.id, sortKey: sortValue(row.sort_key) }));
}

export async function countNominations(em: EntityManager, query: NominationQuery): Promise<number> {
  const where = conditions(query);
  const [row] = await em.execute<{ count: string }[]>(`select count(*) from nomination n where ${where.toSql()}`, where.params);
  return Number(row?.count ?? 0);
}
