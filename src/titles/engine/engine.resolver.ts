import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { YearArg } from '../../graphql/year';
import type { Account } from '../../auth/account.entity';
import { governsUnit } from '../../core/actor';
import { Role } from '../../core/roles';
import type { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { unitById } from '../../catalogue/units/unit.loaders';
import { AdministrativeUnitType } from '../../catalogue/units/unit.types';
import type { RequestContext } from '../../core/context';
import { ApiError, ErrorCode, NotFoundError } from '../../core/errors';
import { idOf, toGlobalId } from '../../graphql/global-id';
import { labelOf } from '../../core/labels';
import { registerNode } from '../../graphql/node-registry';
import { eventValue, watch, type EventRoot } from '../../graphql/subscriptions';
import { runMutation } from '../../graphql/user-error';
import { QueueUnavailableError } from '../../infra/queue';
import { mayReadCitizen } from '../../people/citizens/citizen-access';
import type { Citizen } from '../../people/citizens/citizen.entity';
import { CitizenType } from '../../people/citizens/citizen.types';
import type { TitleAttestation, TitleAttestationAudit } from '../progress/attestation.entity';
import { minimumFor } from './evaluation.sql';
import { RunStatus, SubjectKind } from './engine.enums';
import {
  AttestIndicatorInput,
  AttestIndicatorPayload,
  RecalculateTitlesInput,
  RecalculateTitlesPayload,
  TitleAttestationType,
  TitleProgressType,
  TitleRunPhaseCountsType,
  TitleRunPhaseProgressType,
  TitleRunType,
} from './engine.types';
import { DryRunRulesetInput, RulesetDryRunType } from '../rulesets/dry-run.types';
import { criterionSums, explainIndicator, explainMissing, type IndicatorText } from '../progress/explanation';
import { criterionTexts, indicatorTexts } from './criteria';
import type { ProgressView } from '../progress/progress.service';
import type { TitleRuleset } from '../rulesets/ruleset.entity';
import { rulesetById } from '../rulesets/ruleset.loaders';
import { TitleRulesetType } from '../rulesets/ruleset.types';
import { TitleRun } from './run.entity';
import { phaseProgress, secondsLeft } from './run-progress';
import { runChannel } from './run-channel';
import type { ResolvedSubject } from '../subject-units';
import { subjectOfGlobalId } from '../titles.types';

registerNode('TitleRun', TitleRun, async (ctx, ids) => Promise.all(ids.map((id) => ctx.services.titles.runs.get(ctx, id))));

export const SUBJECT_TYPE_NAMES: Record<SubjectKind, string> = {
  [SubjectKind.CITIZEN]: 'Citizen',
  [SubjectKind.HOUSEHOLD]: 'Household',
  [SubjectKind.CLAN]: 'Clan',
  [SubjectKind.ORGANISATION]: 'Organisation',
  [SubjectKind.UNIT]: 'AdministrativeUnit',
};

/** A subject's progress for a year with its explanations and history, as every progress field answers it. */
export async function progressOf(ctx: RequestContext, subject: ResolvedSubject, year: number): Promise<TitleProgressType | null> {
  const view = await ctx.services.titles.progress.progress(ctx, subject, year);
  if (!view) return null;
  const history = await ctx.services.titles.progress.history(ctx, subject, year);
  return toProgressType(ctx, view, history.map((month) => ({ month: month.month, total: month.total, status: month.status, levelReached: month.levelReached })));
}

function toProgressType(ctx: RequestContext, view: ProgressView, history: TitleProgressType['history']): TitleProgressType {
  const { row, criteria, subject } = view;
  const texts = indicatorTexts(criteria);
  const criteriaSums = criterionSums(criterionTexts(criteria), row.indicators, ctx.locale);
  return {
    subjectId: toGlobalId(SUBJECT_TYPE_NAMES[subject.kind], subject.id),
    subjectKind: subject.kind,
    titleKind: subject.titleKind,
    titleKindLabel: labelOf('TitleKind', subject.titleKind, ctx.locale),
    year: view.year,
    ruleset: view.ruleset,
    total: row.total,
    threshold: row.threshold,
    disadvantaged: row.disadvantaged,
    status: row.status,
    statusLabel: labelOf('ProgressStatus', row.status, ctx.locale),
    levelReached: row.levelReached,
    indicators: criteria.indicatorRows.map((indicator, index) => {
      const score = row.indicators[index] ?? { code: indicator.code, source: 'MISSING' as never, score: null, value: null };
      return {
        code: indicator.code,
        label: ctx.locale === 'vi' ? indicator.labelVi : indicator.labelEn,
        indicatorSource: indicator.source,
        source: score.source,
        sourceLabel: labelOf('ScoreSource', score.source, ctx.locale),
        score: score.score,
        maxScore: indicator.maxScore ?? 0,
        value: score.value,
        explanation: explainIndicator(texts[index] as IndicatorText, score, view.year, ctx.locale),
      };
    }),
    criteria: criteriaSums,
    missing: explainMissing(
      texts,
      row.indicators,
      { threshold: row.threshold, minimumOf: (indicator) => minimumFor(criteria.rule, indicator.maxScore), criteria: criteriaSums },
      row.total,
      ctx.locale,
    ),
    computedAt: view.computedAt,
    live: view.live,
    history,
  };
}

export function toAttestationType(attestation: TitleAttestation, changes: TitleAttestationAudit[]): TitleAttestationType {
  const nameOf = (account: Account | null) => (account && account.displayName) ?? null;
  return {
    subjectId: toGlobalId(SUBJECT_TYPE_NAMES[attestation.subjectKind], attestation.subjectId),
    titleKind: attestation.titleKind,
    indicatorCode: attestation.indicatorCode,
    year: attestation.year,
    score: attestation.score,
    met: attestation.met,
    note: attestation.note,
    evidenceKey: attestation.evidenceKey,
    enteredByName: nameOf(attestation.enteredBy),
    updatedAt: attestation.updatedAt,
    changes: changes
      .filter((change) => change.attestation.id === attestation.id)
      .map((change) => ({
        changedAt: change.changedAt,
        changedByName: nameOf(change.changedBy),
        scoreBefore: change.before?.score ?? null,
        scoreAfter: change.after.score,
        metBefore: change.before?.met ?? null,
        metAfter: change.after.met,
        noteBefore: change.before?.note ?? null,
        noteAfter: change.after.note,
      })),
  };
}

@Resolver(() => TitleRunType)
export class TitleRunResolver {
  @Authorized()
  @Query(() => TitleRunType, { nullable: true, description: 'A recalculation run, with its progress; null when it does not exist or you are not an assessor of its unit (or above) or a province administrator.' })
  titleRun(@Arg('id', () => ID, { description: 'Global id of the run.' }) id: string, @Ctx() ctx: RequestContext): Promise<TitleRun | null> {
    return ctx.services.titles.runs.get(ctx, idOf('TitleRun', id));
  }

  @Authorized()
  @Subscription(() => TitleRunType, {
    description:
      'A recalculation run\'s progress: the run as it is now, then again as each phase starts, each batch of subjects is done and the run ends, until it SUCCEEDED or FAILED. Refused with NOT_FOUND where `titleRun` answers null.',
    subscribe: ({ args, context }: { args: { id: string }; context: RequestContext }) => {
      const id = idOf('TitleRun', args.id);
      return watch(context, {
        channel: runChannel(id),
        read: async (ctx) => {
          const run = await ctx.services.titles.runs.get(ctx, id);
          if (!run) throw new NotFoundError('The titles run');
          return run;
        },
        settled: (run) => run.status === RunStatus.SUCCEEDED || run.status === RunStatus.FAILED,
      });
    },
  })
  titleRunProgress(@Root() event: EventRoot<TitleRun>, @Arg('id', () => ID, { description: 'Global id of the run.' }) _id: string): TitleRun {
    return eventValue(event);
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => RecalculateTitlesPayload, {
    description:
      'Recalculates the titles of a unit and everything under it for a year, in the background. Only one run per unit and year at a time: asking again while one is queued or running returns it. Assessors of the unit (or above) and province administrators.',
  })
  async recalculateTitles(@Arg('input') input: RecalculateTitlesInput, @Ctx() ctx: RequestContext): Promise<RecalculateTitlesPayload> {
    const unitId = idOf('AdministrativeUnit', input.unitId);
    const outcome = await runMutation(ctx, (tx) => ctx.services.titles.runs.requestFor(tx, unitId, input.year));
    const run = outcome.result;
    if (run) {
      // After commit. Should Redis be down, the run stays QUEUED and the workers dispatch it once Redis is back.
      await ctx.services.titles.runs.dispatch(run).catch((error: unknown) => {
        if (!(error instanceof QueueUnavailableError)) throw error;
        throw new ApiError(ErrorCode.QueueUnavailable, 'The run is recorded but the job queue is not reachable; it starts by itself once the queue is back', {
          runId: toGlobalId('TitleRun', run.id),
        });
      });
    }
    return { run: outcome.result, errors: outcome.errors };
  }

  @FieldResolver(() => String, { description: 'The status, in the language of the request.' })
  statusLabel(@Root() run: TitleRun, @Ctx() ctx: RequestContext): string {
    return labelOf('TitleRunStatus', run.status, ctx.locale);
  }

  @FieldResolver(() => AdministrativeUnitType, { description: 'The unit recalculated, with everything under it.' })
  unit(@Root() run: TitleRun, @Ctx() ctx: RequestContext): Promise<AdministrativeUnit | null> {
    return unitById(ctx).load(run.unit.id);
  }

  @FieldResolver(() => TitleRulesetType, { nullable: true, description: 'The ruleset version used; null until the run starts.' })
  ruleset(@Root() run: TitleRun, @Ctx() ctx: RequestContext): Promise<TitleRuleset | null> | null {
    return run.ruleset ? rulesetById(ctx).load(run.ruleset.id) : null;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'Seconds left at the pace so far, while the run is running: it never grows, and stays at 1 or more until the run ends; 0 once it has succeeded; null while queued (no pace yet) or after a failure.',
  })
  estimatedSecondsLeft(@Root() run: TitleRun, @Ctx() ctx: RequestContext): number | null {
    return secondsLeft(run, ctx.now);
  }

  @FieldResolver(() => [TitleRunPhaseProgressType], { description: 'Every phase of the run in order, with its subjects and where it stands.' })
  phases(@Root() run: TitleRun): TitleRunPhaseProgressType[] {
    return phaseProgress(run);
  }

  @FieldResolver(() => [TitleRunPhaseCountsType], { description: 'Per finished phase, how many subjects ended in each status.' })
  counts(@Root() run: TitleRun): TitleRunPhaseCountsType[] {
    return run.phasesDone.map((phase) => ({ phase, meets: 0, notYet: 0, awaiting: 0, ...run.counts?.[phase] }));
  }
}

@Resolver()
export class TitleProgressResolver {
  @Authorized()
  @Query(() => TitleProgressType, {
    nullable: true,
    description:
      "A subject's progress towards its title for a year: computed live for a citizen (readable by the citizen, assessors of their unit and province administrators); as the last run stored it for a household, clan or organisation (readable by its current members, assessors of its unit and province administrators) and for an administrative unit (a Learning Community: public to every signed-in account). Null for a citizen under 15, a subject that does not exist or was not computed yet, or a year without criteria in force.",
  })
  async titleProgress(
    @Arg('subjectId', () => ID, { description: 'Global id of the subject: a Citizen, Household, Clan, Organisation or AdministrativeUnit.' }) subjectId: string,
    @YearArg('The calendar year.') year: number,
    @Ctx() ctx: RequestContext,
  ): Promise<TitleProgressType | null> {
    const { kind, id } = subjectOfGlobalId(subjectId);
    const subject = await ctx.services.titles.progress.readableSubject(ctx, kind, id);
    return subject ? progressOf(ctx, subject, year) : null;
  }

  @Authorized()
  @Query(() => [TitleAttestationType], { description: "Assessors' entries for a subject's attested indicators in a year, with their changes; for whoever may read the subject's progress." })
  async titleAttestations(
    @Arg('subjectId', () => ID, { description: 'Global id of the subject: a Citizen, Household, Clan, Organisation or AdministrativeUnit.' }) subjectId: string,
    @YearArg('The calendar year.') year: number,
    @Ctx() ctx: RequestContext,
  ): Promise<TitleAttestationType[]> {
    const { kind, id } = subjectOfGlobalId(subjectId);
    const subject = await ctx.services.titles.progress.readableSubject(ctx, kind, id);
    // A unit's progress is public; its assessors' entries (notes, evidence) are not.
    if (!subject || (subject.public && !governsUnit(ctx.actor, subject.unitPath))) return [];
    const attestations = await ctx.services.titles.attestations.list(ctx, subject, year);
    const changes = await ctx.services.titles.attestations.changes(ctx, attestations.map((a) => a.id));
    return attestations.map((attestation) => toAttestationType(attestation, changes));
  }

  @Authorized(Role.ASSESSOR, Role.PROVINCE_ADMIN)
  @Mutation(() => AttestIndicatorPayload, {
    description: "Records or changes an assessor's entry for an attested indicator of a subject in the assessor's unit (or below) for a year; every change is kept with who made it and when.",
  })
  async attestIndicator(@Arg('input') input: AttestIndicatorInput, @Ctx() ctx: RequestContext): Promise<AttestIndicatorPayload> {
    const { kind, id } = subjectOfGlobalId(input.subjectId);
    const { subjectId: _subjectId, ...fields } = input;
    const outcome = await runMutation(ctx, async (tx) => {
      const attestation = await ctx.services.titles.attestations.attest(tx, kind, id, fields);
      const changes = await ctx.services.titles.attestations.changes(tx, [attestation.id]);
      await tx.em.populate(attestation, ['enteredBy']);
      return toAttestationType(attestation, changes);
    });
    return { attestation: outcome.result, errors: outcome.errors };
  }
}

@Resolver(() => CitizenType)
export class CitizenTitlesResolver {
  @FieldResolver(() => TitleProgressType, { nullable: true, description: "The citizen's Learning Citizen progress for a year, computed live; null under 15 or without criteria in force." })
  async titleProgress(@Root() citizen: Citizen, @YearArg('The calendar year.') year: number, @Ctx() ctx: RequestContext): Promise<TitleProgressType | null> {
    if (!mayReadCitizen(ctx.actor, citizen)) return null;
    const subject = await ctx.services.titles.progress.readableSubject(ctx, SubjectKind.CITIZEN, citizen.id);
    return subject ? progressOf(ctx, subject, year) : null;
  }
}

@Resolver()
export class RulesetDryRunResolver {
  @Authorized(Role.PROVINCE_ADMIN)
  @Query(() => RulesetDryRunType, {
    description:
      'Evaluates a draft ruleset over a unit and everything under it for a year, every level bottom-up as a run does, and tells per title how many subjects would gain or lose it against the stored progress, with samples. Writes nothing. Province administrators only.',
  })
  async dryRunRuleset(@Arg('input') input: DryRunRulesetInput, @Ctx() ctx: RequestContext): Promise<RulesetDryRunType> {
    const result = await ctx.services.titles.dryRuns.dryRun(ctx, idOf('TitleRuleset', input.rulesetId), idOf('AdministrativeUnit', input.unitId), input.year);
    return {
      ruleset: result.ruleset,
      unit: result.unit,
      year: result.year,
      titles: result.titles.map((title) => ({
        ...title,
        titleKindLabel: labelOf('TitleKind', title.titleKind, ctx.locale),
        gainedSamples: title.gainedSamples.map((id) => toGlobalId(SUBJECT_TYPE_NAMES[title.subjectKind], id)),
        lostSamples: title.lostSamples.map((id) => toGlobalId(SUBJECT_TYPE_NAMES[title.subjectKind], id)),
        criteria: title.criteria.map((criterion) => ({ ...criterion, label: ctx.locale === 'en' ? criterion.labelEn : criterion.labelVi })),
      })),
    };
  }
}
