import type { EntityManager } from '@mikro-orm/postgresql';
import type { UnitLevel } from '../../catalogue/catalogue.enums';
import { keysetPage, sortValue, type SortKey, type Seek } from '../../infra/keyset';
import { Conditions, likeEscape, pgArray } from '../../infra/sql';
import type { SubjectKind } from '../engine/engine.enums';
import type { AwardStatus } from './recognition.enums';
import { TitleAward } from './recognition.entity';
import type { TitleKind } from '../titles.enums';

export interface UnitInfo {
  id: string;
  level: UnitLevel;
  path: string;
}

/** Level and path of units, by id. */
export async function findUnitInfo(em: EntityManager, ids: readonly string[]): Promise<Map<string, UnitInfo>> {
  if (!ids.length) return new Map();
  const rows = await em.execute<UnitInfo[]>('select id, level, path from administrative_unit where id = any(?::uuid[])', [pgArray([...new Set(ids)])]);
  return new Map(rows.map((row) => [row.id, row]));
}

/** The awards listed for assessors: within a unit's subtree, optionally by year, kind and status. */
export interface AwardQuery {
  unitPath: string;
  year: number | null;
  titleKind: TitleKind | null;
  unitLevel: UnitLevel | null;
  status: AwardStatus | null;
}

function awardConditions(query: AwardQuery): Conditions {
  const where = new Conditions().add(`u.path like ? escape '\\'`, `${likeEscape(query.unitPath)}%`);
  if (query.year !== null) where.add('a.year = ?', query.year);
  if (query.titleKind !== null) where.add('a.title_kind = ?', query.titleKind);
  if (query.unitLevel !== null) where.add('a.unit_level = ?', query.unitLevel);
  if (query.status !== null) where.add('a.status = ?', query.status);
  return where;
}

const AWARDS_FROM = 'title_award a join administrative_unit u on u.id = a.unit_id';

/** One keyset page of award ids, the most recently recorded first. */
export async function findAwardIds(em: EntityManager, query: AwardQuery, seek: Seek): Promise<{ id: string; sortKey: SortKey }[]> {
  const where = awardConditions(query);
  const rows = await keysetPage<{ id: string; sort_key: unknown }>(em, {
    inner: `select a.id, a.recorded_at as sort_key from ${AWARDS_FROM} where ${where.toSql()}`,
    params: where.params,
    spec: { expr: 't.sort_key', direction: 'desc', cast: 'timestamptz' },
    seek,
  });
  return rows.map((row) => ({ id: row.id, sortKey: sortValue(row.sort_key) }));
}

export async function countAwards(em: EntityManager, query: AwardQuery): Promise<number> {
  const where = awardConditions(query);
  const [row] = await em.execute<{ count: string }[]>(`select count(*) from ${AWARDS_FROM} where ${where.toSql()}`, where.params);
  return Number(row?.count ?? 0);
}

/** Every award (standing or revoked) of subjects of one kind, newest year first. */
export function findAwardsOfSubjects(em: EntityManager, kind: SubjectKind, subjectIds: readonly string[]): Promise<TitleAward[]> {
  return em.find(TitleAward, { subjectKind: kind, subjectId: { $in: [...subjectIds] } }, { orderBy: { year: 'desc', recordedAt: 'desc', id: 'desc' } });
}
