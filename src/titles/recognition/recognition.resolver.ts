import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { renderUserErrorMessage } from '../../core/user-error-messages';
import { accountById } from '../../auth/account.loaders';
import { Role } from '../../core/roles';
import type { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { unitById } from '../../catalogue/units/unit.loaders';
import { AdministrativeUnitType } from '../../catalogue/units/unit.types';
import type { RequestContext } from '../../core/context';
import { idOf, toGlobalId } from '../../graphql/global-id';
import { labelOf } from '../../core/labels';
import { registerNode } from '../../graphql/node-registry';
import { PageArgs, type Connection } from '../../graphql/relay';
import { runMutation } from '../../graphql/user-error';
import { idConnection } from '../../graphql/id-connection';
import { mayReadCitizen } from '../../people/citizens/citizen-access';
import type { Citizen } from '../../people/citizens/citizen.entity';
import { CitizenType } from '../../people/citizens/citizen.types';
import { todayInVietnam } from '../../core/time';
import { SUBJECT_TYPE_NAMES } from '../engine/engine.resolver';
import { TitleAward } from './recognition.entity';
import { AwardStatus } from './recognition.enums';
import { awardCriteriaKey, awardsOfCitizen, definitionOfAward, subjectNode } from './recognition.loaders';
import { CriterionProgressType } from '../engine/engine.types';
import { criterionSums, explainIndicator } from '../progress/explanation';
import { criterionTexts, indicatorTexts } from '../engine/criteria';
import {
  RecognizeTitlesInput,
  RecognizeTitlesPayload,
  RevokeTitleAwardInput,
  RevokeTitleAwardPayload,
  TitleAwardConnection,
  TitleAwardFilter,
  TitleAwardIndicatorType,
  TitleAwardType,
  TitleSubjectUnion,
} from './recognition.types';
import type { TitleRuleset } from '../rulesets/ruleset.entity';
import { rulesetById } from '../rulesets/ruleset.loaders';
import { TitleRulesetType } from '../rulesets/ruleset.types';
import { subjectOfGlobalId } from '../titles.types';

registerNode('TitleAward', TitleAward, (ctx, ids) => ctx.services.titles.recognition.get(ctx, ids));

const RECOGNISERS =
  'Who records which decision: Learning Citizens, Families, Clans and hamlets\' Learning Communities by the commune; communes\' Learning Communities by the district (the province since districts were abolished); districts\' and the province\'s by the province; Learning Units by the level managing the organisation. An assessor records the decisions of the level of their own unit, for subjects in it; province administrators record any.';

@Resolver(() => TitleAwardType)
export class TitleAwardResolver {
  @Authorized()
  @Query(() => TitleAwardConnection, { description: 'Title awards of subjects in a unit and under it, the most recently recorded first: for assessors of the unit (or above) and province administrators. A citizen reads their own with `Citizen.titleAwards`.' })
  async titleAwards(@Arg('filter', () => TitleAwardFilter) filter: TitleAwardFilter, @Args() page: PageArgs, @Ctx() ctx: RequestContext): Promise<Connection<TitleAward>> {
    const query = await ctx.services.titles.recognition.query(ctx, {
      unitId: idOf('AdministrativeUnit', filter.unitId),
      year: filter.year ?? null,
      titleKind: filter.titleKind ?? null,
      unitLevel: filter.unitLevel ?? null,
      status: filter.status ?? null,
    });
    return idConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: 'titleAwards:RECORDED',
      fetch: (seek) => ctx.services.titles.recognition.findIds(ctx, query, seek),
      count: () => ctx.services.titles.recognition.count(ctx, query),
      load: (ids) => ctx.services.titles.recognition.get(ctx, ids),
    });
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => RecognizeTitlesPayload, {
    description: `Records a decision recognising a title for a year that has ended, for one or more subjects whose computed progress for that year meets the criteria (others only with an override and its reason), and closes the learning records of that year for the communes the decision covers. ${RECOGNISERS}`,
  })
  recogniseTitles(@Arg('input') input: RecognizeTitlesInput, @Ctx() ctx: RequestContext): Promise<RecognizeTitlesPayload> {
    return this.recognise(input, ctx);
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => RecognizeTitlesPayload, {
    description: `The first spelling of recogniseTitles, which does the same. ${RECOGNISERS}`,
    deprecationReason: 'Use recogniseTitles: the schema spells recognise, recognised, recognition the British way throughout.',
  })
  recognizeTitles(@Arg('input') input: RecognizeTitlesInput, @Ctx() ctx: RequestContext): Promise<RecognizeTitlesPayload> {
    return this.recognise(input, ctx);
  }

  private async recognise(input: RecognizeTitlesInput, ctx: RequestContext): Promise<RecognizeTitlesPayload> {
    const subjects = input.subjectIds.map((subjectId) => subjectOfGlobalId(subjectId));
    const outcome = await runMutation(ctx, (tx) =>
      ctx.services.titles.recognition.recognize(tx, {
        decision: input.decision,
        subjects,
        year: input.year,
        titleKind: input.titleKind,
        unitLevel: input.unitLevel ?? null,
        overrideReason: input.override?.reason ?? null,
      }),
    );
    const results = (outcome.result ?? []).map((result, index) => ({
      subjectId: input.subjectIds[index] as string,
      award: result.award,
      errors: result.refusal ? [{ field: ['input', 'subjectIds', String(index)], code: result.refusal.code, message: renderUserErrorMessage(result.refusal, ctx.locale) }] : [],
    }));
    return { results, recognisedCount: results.filter((result) => result.award).length, errors: outcome.errors };
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => RevokeTitleAwardPayload, { description: `Revokes a recognition, with the reason; the award stays, marked revoked with who and when. The same officials as those who record the decision. ${RECOGNISERS}` })
  async revokeTitleAward(@Arg('input') input: RevokeTitleAwardInput, @Ctx() ctx: RequestContext): Promise<RevokeTitleAwardPayload> {
    const awardId = idOf('TitleAward', input.awardId);
    const outcome = await runMutation(ctx, (tx) => ctx.services.titles.recognition.revoke(tx, awardId, input.reason));
    return { award: outcome.result, errors: outcome.errors };
  }

  @FieldResolver(() => ID, { description: 'Global id of the subject (a Citizen, …).' })
  subjectId(@Root() award: TitleAward): string {
    return toGlobalId(SUBJECT_TYPE_NAMES[award.subjectKind], award.subjectId);
  }

  @FieldResolver(() => String, { description: 'The title, in the language of the request.' })
  titleKindLabel(@Root() award: TitleAward, @Ctx() ctx: RequestContext): string {
    return labelOf('TitleKind', award.titleKind, ctx.locale);
  }

  @FieldResolver(() => String, { description: 'The level of the issuer, in the language of the request.' })
  decisionLevelLabel(@Root() award: TitleAward, @Ctx() ctx: RequestContext): string {
    return labelOf('TitleDecisionLevel', award.decisionLevel, ctx.locale);
  }

  @FieldResolver(() => String, { description: 'The status, in the language of the request.' })
  statusLabel(@Root() award: TitleAward, @Ctx() ctx: RequestContext): string {
    return labelOf('TitleAwardStatus', award.status, ctx.locale);
  }

  @FieldResolver(() => Boolean, { description: 'True while it stands: awarded, not revoked, and today (in Vietnam) is not after validUntil.' })
  inForce(@Root() award: TitleAward, @Ctx() ctx: RequestContext): boolean {
    return award.status === AwardStatus.AWARDED && todayInVietnam(ctx.now) <= award.validUntil;
  }

  @FieldResolver(() => AdministrativeUnitType, { description: 'The unit the subject belonged to in the year recognised.' })
  unit(@Root() award: TitleAward, @Ctx() ctx: RequestContext): Promise<AdministrativeUnit | null> {
    return unitById(ctx).load(award.unit.id);
  }

  @FieldResolver(() => TitleRulesetType, { description: 'The ruleset version of the progress recognised.' })
  ruleset(@Root() award: TitleAward, @Ctx() ctx: RequestContext): Promise<TitleRuleset | null> {
    return rulesetById(ctx).load(award.ruleset.id);
  }

  @FieldResolver(() => TitleSubjectUnion, { nullable: true, description: 'The subject recognised, when you may see it (a citizen to themselves, their assessors and administrators; see each type); null otherwise.' })
  subject(@Root() award: TitleAward, @Ctx() ctx: RequestContext): Promise<object | null> {
    return subjectNode(ctx, SUBJECT_TYPE_NAMES[award.subjectKind]).load(award.subjectId);
  }

  @FieldResolver(() => [TitleAwardIndicatorType], { description: 'The indicator scores as they stood when recognised, in the order of the definition; a later recalculation does not change them.' })
  async indicators(@Root() award: TitleAward, @Ctx() ctx: RequestContext): Promise<TitleAwardIndicatorType[]> {
    const definition = await definitionOfAward(ctx).load(awardCriteriaKey(award));
    const texts = definition ? indicatorTexts(definition) : [];
    return award.indicators.map((score) => {
      const text = texts.find((indicator) => indicator.code === score.code);
      return {
        code: score.code,
        label: text ? (ctx.locale === 'vi' ? text.labelVi : text.labelEn) : score.code,
        maxScore: text?.maxScore ?? null,
        source: score.source,
        score: score.score,
        value: score.value,
        explanation: text ? explainIndicator(text, score, award.year, ctx.locale) : null,
      };
    });
  }

  @FieldResolver(() => [CriterionProgressType], { description: 'The criteria of the definition recognised under, with their sums over the frozen scores; empty when the definition has none.' })
  async criteria(@Root() award: TitleAward, @Ctx() ctx: RequestContext): Promise<CriterionProgressType[]> {
    const definition = await definitionOfAward(ctx).load(awardCriteriaKey(award));
    return criterionSums(definition ? criterionTexts(definition) : [], award.indicators, ctx.locale);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Display name of who recorded it.' })
  async recordedByName(@Root() award: TitleAward, @Ctx() ctx: RequestContext): Promise<string | null> {
    return award.recordedBy ? ((await accountById(ctx).load(award.recordedBy.id))?.displayName ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Display name of who revoked it.' })
  async revokedByName(@Root() award: TitleAward, @Ctx() ctx: RequestContext): Promise<string | null> {
    return award.revokedBy ? ((await accountById(ctx).load(award.revokedBy.id))?.displayName ?? null) : null;
  }
}

@Resolver(() => CitizenType)
export class CitizenAwardsResolver {
  @FieldResolver(() => [TitleAwardType], { description: 'The titles recognised for the citizen (also revoked ones), newest year first: for the citizen, assessors of their unit and province administrators; empty for anyone else.' })
  async titleAwards(@Root() citizen: Citizen, @Ctx() ctx: RequestContext): Promise<TitleAward[]> {
    return mayReadCitizen(ctx.actor, citizen) ? awardsOfCitizen(ctx).load(citizen.id) : [];
  }
}
