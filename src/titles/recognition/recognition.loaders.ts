import type { RequestContext } from '../../core/context';
import { groupByKeys } from '../../core/loaders';
import type { TitleAward } from './recognition.entity';

/** Every award of each citizen, newest year first; the caller checks the citizen is readable. */
export function awardsOfCitizen(ctx: RequestContext) {
  return ctx.loaders.get<string, TitleAward[]>('titleAward.ofCitizen', async (ids) =>
    groupByKeys(ids, await ctx.services.titles.recognition.ofCitizens(ctx, ids), (award) => award.subjectId),
  );
}
