import type { RequestContext } from '../../core/context';
import { groupByKeys } from '../../core/loaders';
import type { UnitLevel } from '../../catalogue/catalogue.enums';
import { loadCriteria, type LoadedCriteria } from '../engine/criteria';
import { nodeFetcher } from '../../graphql/node-registry';
import type { TitleKind } from '../titles.enums';
import type { TitleAward } from './recognition.entity';

/** Every award of each citizen, newest year first; the caller checks the citizen is readable. */
export function awardsOfCitizen(ctx: RequestContext) {
  return ctx.loaders.get<string, TitleAward[]>('titleAward.ofCitizen', async (ids) =>
    groupByKeys(ids, await ctx.services.titles.recognition.ofCitizens(ctx, ids), (award) => award.subjectId),
  );
}

/** The definition an award was recognised under (its ruleset version, title and unit level), one load per distinct definition; null when it is gone. */
export function definitionOfAward(ctx: RequestContext) {
  return ctx.loaders.get<string, LoadedCriteria | null>('titleAward.definition', (keys) =>
    Promise.all(
      keys.map((key) => {
        const [rulesetId, kind, unitLevel] = key.split('|') as [string, TitleKind, string];
        return loadCriteria(ctx.em, rulesetId, kind, (unitLevel || null) as UnitLevel | null);
      }),
    ),
  );
}

/** The subjects of one kind, through the node fetcher of their type (so with its access rules): null where not visible. */
export function subjectNode(ctx: RequestContext, typeName: string) {
  return ctx.loaders.get<string, object | null>(`titleAward.subject.${typeName}`, (ids) => {
    const fetch = nodeFetcher(typeName);
    return fetch ? fetch(ctx, [...ids]) : Promise.resolve(ids.map(() => null));
  });
}

export const awardCriteriaKey = (award: TitleAward) => `${award.ruleset.id}|${award.titleKind}|${award.unitLevel ?? ''}`;
