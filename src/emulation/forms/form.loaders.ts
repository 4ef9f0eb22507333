import type { RequestContext } from '../../core/context';
import { byKeys } from '../../core/loaders';
import { CommendationForm, CommendationRound } from './form.entity';

/** Forms of commendation by id, one statement per batch (a page of nominations reads its forms with one query). */
export function formById(ctx: RequestContext) {
  return ctx.loaders.get<string, CommendationForm | null>('emulation.formById', async (ids) => byKeys(ids, await ctx.em.find(CommendationForm, { id: { $in: [...ids] } }), (form) => form.id));
}

/** Commendation rounds by id, one statement per batch. */
export function roundById(ctx: RequestContext) {
  return ctx.loaders.get<string, CommendationRound | null>('emulation.roundById', async (ids) => byKeys(ids, await ctx.em.find(CommendationRound, { id: { $in: [...ids] } }), (round) => round.id));
}
