import type { RequestContext } from '../../core/context';
import { byKeys, groupByKeys } from '../../core/loaders';
import { TitleDefinition, TitleRuleset, type TitleIndicator } from './ruleset.entity';
import { findDefinitionsOfRulesets, findIndicatorsOfDefinitions } from './ruleset.repository';

export function rulesetById(ctx: RequestContext) {
  return ctx.loaders.get<string, TitleRuleset | null>('titleRuleset.byId', async (ids) =>
    byKeys(ids, await ctx.em.find(TitleRuleset, { id: { $in: [...ids] } }), (ruleset) => ruleset.id),
  );
}

export function definitionById(ctx: RequestContext) {
  return ctx.loaders.get<string, TitleDefinition | null>('titleDefinition.byId', async (ids) =>
    byKeys(ids, await ctx.em.find(TitleDefinition, { id: { $in: [...ids] } }), (definition) => definition.id),
  );
}

export function definitionsOfRuleset(ctx: RequestContext) {
  return ctx.loaders.get<string, TitleDefinition[]>('titleDefinition.ofRuleset', async (ids) =>
    groupByKeys(ids, await findDefinitionsOfRulesets(ctx.em, ids), (definition) => definition.ruleset.id),
  );
}

export function indicatorsOfDefinition(ctx: RequestContext) {
  return ctx.loaders.get<string, TitleIndicator[]>('titleIndicator.ofDefinition', async (ids) =>
    groupByKeys(ids, await findIndicatorsOfDefinitions(ctx.em, ids), (indicator) => indicator.definition.id),
  );
}
