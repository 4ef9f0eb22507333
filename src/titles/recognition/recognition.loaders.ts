import type { RequestContext } from '../../core/context';
import { groupByKeys } from '../../core/loaders';
import type { UnitLevel } from '../../catalogue/catalogue.enums';
import { criterionTexts, loadCriteria } from '../engine/criteria';
import type { CriterionText } from '../progress/explanation';
import type { TitleKind } from '../titles.enums';
import type { TitleAward } from './recognition.entity';

/** Every award of each citizen, newest year first; the caller checks the citizen is readable. */
export function awardsOfCitizen(ctx: RequestContext) {
  return ctx.loaders.get<string, TitleAward[]>('titleAward.ofCitizen', async (ids) =>
    groupByKeys(ids, await ctx.services.titles.recognition.ofCitizens(ctx, ids), (award) => award.subjectId),
  );
}

/** The criteria of the definition an award was recognised under (its ruleset version, title and unit level), one load per distinct definition. */
export function criteriaOfAward(ctx: RequestContext) {
  return ctx.loaders.get<string, CriterionText[]>('titleAward.criteria', (keys) =>
    Promise.all(
      keys.map(async (key) => {
        const [rulesetId, kind, unitLevel] = key.split('|') as [string, TitleKind, string];
        const criteria = await loadCriteria(ctx.em, rulesetId, kind, (unitLevel || null) as UnitLevel | null);
        return criteria ? criterionTexts(criteria) : [];
      }),
    ),
  );
}

export const awardCriteriaKey = (award: TitleAward) => `${award.ruleset.id}|${award.titleKind}|${award.unitLevel ?? ''}`;
