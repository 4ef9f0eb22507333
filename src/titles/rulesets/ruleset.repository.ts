import type { EntityManager } from '@mikro-orm/postgresql';
import { keysetPage, sortValue, type SortKey, type SortSpec, type Seek } from '../../infra/keyset';
import { ReadOnlyEntities } from '../../infra/read-only-entities';
import { Conditions, pgArray } from '../../infra/sql';
import { TitleDefinition, TitleIndicator, TitleRuleset } from './ruleset.entity';
import { RulesetStatus } from '../titles.enums';

export interface RulesetQuery {
  code: string | null;
  statuses: RulesetStatus[];
}

const rulesetsReadOnly = ReadOnlyEntities.of(TitleRuleset);
const NEWEST_FIRST: SortSpec = { expr: 't.sort_key', direction: 'desc', cast: 'timestamptz' };

function conditions(query: RulesetQuery): Conditions {
  const where = new Conditions().add('r.status = any(?::text[])', pgArray(query.statuses));
  if (query.code) where.add('r.code = ?', query.code);
  return where;
}

/** A page of rulesets, the most recently created first. */
export async function findRulesets(em: EntityManager, query: RulesetQuery, seek: Seek): Promise<{ ruleset: TitleRuleset; sortKey: SortKey }[]> {
  const where = conditions(query);
  const rows = await keysetPage<Record<string, unknown> & { sort_key: unknown }>(em, {
    inner: `select ${rulesetsReadOnly.columns(em, 'r')}, r.created_at as sort_key from title_ruleset r where ${where.toSql()}`,
    params: where.params,
    spec: NEWEST_FIRST,
    seek,
  });
  return rows.map((row) => ({ ruleset: rulesetsReadOnly.fromRow(em, row), sortKey: sortValue(row.sort_key) }));
}

export async function countRulesets(em: EntityManager, query: RulesetQuery): Promise<number> {
  const where = conditions(query);
  const [row] = await em.execute<{ count: string }[]>(`select count(*) from title_ruleset r where ${where.toSql()}`, where.params);
  return Number(row?.count ?? 0);
}

/** The published ruleset in force on a day: the one that took effect last (the later published on a tie). */
export function findActiveRuleset(em: EntityManager, day: string): Promise<TitleRuleset | null> {
  return em.findOne(
    TitleRuleset,
    { status: RulesetStatus.PUBLISHED, effectiveFrom: { $lte: day }, $or: [{ effectiveTo: null }, { effectiveTo: { $gte: day } }] },
    { orderBy: [{ effectiveFrom: 'desc' }, { publishedAt: 'desc' }] },
  );
}

export async function nextVersionOf(em: EntityManager, code: string): Promise<number> {
  const [row] = await em.execute<{ version: number | null }[]>('select max(version) as version from title_ruleset where code = ?', [code]);
  return (row?.version ?? 0) + 1;
}

export function findDefinitionsOfRulesets(em: EntityManager, rulesetIds: readonly string[]): Promise<TitleDefinition[]> {
  return em.find(TitleDefinition, { ruleset: { $in: [...rulesetIds] } }, { orderBy: { position: 'asc' } });
}

export function findIndicatorsOfDefinitions(em: EntityManager, definitionIds: readonly string[]): Promise<TitleIndicator[]> {
  return em.find(TitleIndicator, { definition: { $in: [...definitionIds] } }, { orderBy: { position: 'asc' } });
}
