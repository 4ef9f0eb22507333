import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { labelOf } from '../../core/labels';
import { Role } from '../../core/roles';
import { registerNode } from '../../graphql/node-registry';
import { runMutation } from '../../graphql/user-error';
import { CommendationForm, CommendationRound } from './form.entity';
import { CommendationFormType, CommendationQuotaType, CommendationRoundPayload, CommendationRoundType, OpenAnnualRoundInput } from './form.types';

registerNode('CommendationForm', CommendationForm, (ctx, ids) => ctx.em.find(CommendationForm, { id: { $in: [...ids] } }).then((rows) => ids.map((id) => rows.find((row) => row.id === id) ?? null)));
registerNode('CommendationRound', CommendationRound, (ctx, ids) => ctx.em.find(CommendationRound, { id: { $in: [...ids] } }).then((rows) => ids.map((id) => rows.find((row) => row.id === id) ?? null)));

@Resolver(() => CommendationFormType)
export class CommendationFormResolver {
  @Query(() => [CommendationFormType], { description: 'The forms of commendation, by code.' })
  commendationForms(@Ctx() ctx: RequestContext): Promise<CommendationForm[]> {
    return ctx.services.emulation.forms.forms(ctx);
  }

  @FieldResolver(() => String, { description: 'Name, in the language of the request.' })
  name(@Root() form: CommendationForm, @Ctx() ctx: RequestContext): string {
    return ctx.locale === 'en' ? form.nameEn : form.nameVi;
  }

  @FieldResolver(() => String, { description: 'Who decides it, in the language of the request.' })
  authorityLabel(@Root() form: CommendationForm, @Ctx() ctx: RequestContext): string {
    return labelOf('DecidingAuthority', form.authority, ctx.locale);
  }
}

@Resolver(() => CommendationRoundType)
export class CommendationRoundResolver {
  @Query(() => [CommendationRoundType], { description: 'The commendation rounds, latest first.' })
  commendationRounds(@Ctx() ctx: RequestContext): Promise<CommendationRound[]> {
    return ctx.services.emulation.forms.rounds(ctx);
  }

  @Authorized(Role.EDUCATION_DEPARTMENT, Role.PROVINCE_ADMIN)
  @Mutation(() => CommendationRoundPayload, { description: 'Opens the annual commendation round of a year (Department of Education). Idempotent.' })
  async openAnnualCommendationRound(@Arg('input') input: OpenAnnualRoundInput, @Ctx() ctx: RequestContext): Promise<CommendationRoundPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.emulation.forms.openAnnualRound(tx, input.year));
    return { round: outcome.result, errors: outcome.errors };
  }

  @FieldResolver(() => String, { description: 'Kind, in the language of the request.' })
  kindLabel(@Root() round: CommendationRound, @Ctx() ctx: RequestContext): string {
    return labelOf('CommendationRoundKind', round.kind, ctx.locale);
  }

  @FieldResolver(() => [CommendationQuotaType], { description: 'The quotas of the round and the places taken; a form without a quota (Giấy khen) is not listed.' })
  async quotas(@Root() round: CommendationRound, @Ctx() ctx: RequestContext): Promise<CommendationQuotaType[]> {
    const usages = await ctx.services.emulation.forms.quotas(ctx, round.id);
    return usages.map(({ quota, taken }) => ({ form: quota.form, nomineeClass: quota.nomineeClass, places: quota.places, taken }));
  }
}
