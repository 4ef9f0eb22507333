import type { EntityManager } from '@mikro-orm/postgresql';
import { todayInVietnam } from '../time';
import type { EvaluatedIndicator } from './citizen-evaluation.sql';
import type { Criteria } from './progress.repository';
import { TitleDefinition, TitleIndicator, TitleRuleset } from './ruleset.entity';
import { findActiveRuleset } from './ruleset.repository';
import { PassRuleKind, TitleKind } from './titles.enums';

/** The day whose ruleset a year is evaluated with: 31 December, or today while the year runs. */
export function rulesetDayFor(year: number, now: Date): string {
  const today = todayInVietnam(now);
  const last = `${year}-12-31`;
  return today < last ? today : last;
}

export function rulesetForYear(em: EntityManager, year: number, now: Date): Promise<TitleRuleset | null> {
  return findActiveRuleset(em, rulesetDayFor(year, now));
}

export interface LoadedCriteria extends Criteria {
  definition: TitleDefinition;
  /** The ruleset's indicators, in order, for labels and explanations. */
  indicatorRows: TitleIndicator[];
}

/** The LEARNING_CITIZEN criteria of a ruleset; null when it has none. Only points rules exist for citizens. */
export async function loadCitizenCriteria(em: EntityManager, rulesetId: string): Promise<LoadedCriteria | null> {
  const definition = await em.findOne(TitleDefinition, { ruleset: rulesetId, kind: TitleKind.LEARNING_CITIZEN, unitLevel: null });
  if (!definition) return null;
  if (definition.passRule !== PassRuleKind.POINTS || definition.passThreshold === null) {
    throw new Error(`the LEARNING_CITIZEN definition ${definition.id} is not a points rule, which the engine does not evaluate for citizens`);
  }
  const indicatorRows = await em.find(TitleIndicator, { definition }, { orderBy: { position: 'asc' } });
  return {
    definition,
    indicatorRows,
    rulesetId,
    rule: {
      threshold: definition.passThreshold,
      disadvantagedThreshold: definition.disadvantagedThreshold,
      indicatorMinimum: definition.indicatorMinimum,
      indicatorMinimumKind: definition.indicatorMinimumKind,
    },
    indicators: indicatorRows.map(
      (row): EvaluatedIndicator => ({
        code: row.code,
        source: row.source,
        maxScore: row.maxScore ?? 0,
        metric: row.metric,
        metricParams: row.metricParams,
        scoring: row.scoring,
      }),
    ),
  };
}
