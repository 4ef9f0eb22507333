import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Body } from '../../bodies/body.entity';
import type { Account } from '../../auth/account.entity';
import { accountById } from '../../auth/account.loaders';
import { AccountType } from '../../auth/auth.types';
import { bodyById } from '../../bodies/body.loaders';
import { BodyType } from '../../bodies/body.types';
import type { AdministrativeUnit } from '../../catalogue/units/unit.entity';
import { unitById } from '../../catalogue/units/unit.loaders';
import { AdministrativeUnitType } from '../../catalogue/units/unit.types';
import { isEducationDepartment, isHomeAffairsDepartment } from '../../core/actor';
import type { RequestContext } from '../../core/context';
import { idOf, toGlobalId } from '../../graphql/global-id';
import { idConnection } from '../../graphql/id-connection';
import { registerNode } from '../../graphql/node-registry';
import { PageArgs, type Connection } from '../../graphql/relay';
import { runMutation, type MutationOutcome } from '../../graphql/user-error';
import type { CommendationForm, CommendationRound } from '../forms/form.entity';
import { formById, roundById } from '../forms/form.loaders';
import { stepsByNomination } from './nomination.loaders';
import { CommendationFormType, CommendationRoundType } from '../forms/form.types';
import { idOfKind, NOMINEE_TYPES } from '../global-id.types';
import type { Dossier, DossierEmulationResult } from './dossier';
import { Nomination, NominationStep } from './nomination.entity';
import { countNominations, findNominationIds, type NominationQuery } from './nomination.repository';
import {
  ConsolidateNominationsInput,
  ConsolidateNominationsPayload,
  CreateNominationInput,
  DecideNominationInput,
  DossierEmulationResultType,
  DossierType,
  NominationConnection,
  NominationFilter,
  NominationIdInput,
  NominationPayload,
  NominationReasonInput,
  NominationStepType,
  NominationType,
  UpdateNominationInput,
} from './nomination.types';

async function readableNominations(ctx: RequestContext, ids: readonly string[]): Promise<(Nomination | null)[]> {
  const rows = await ctx.em.find(Nomination, { id: { $in: [...ids] } });
  const readable = new Set(await ctx.services.emulation.nominations.readableAmong(ctx, rows));
  return ids.map((id) => rows.find((row) => row.id === id && readable.has(row)) ?? null);
}

registerNode('Nomination', Nomination, readableNominations);

function payload(outcome: MutationOutcome<Nomination>): NominationPayload {
  return { nomination: outcome.result, errors: outcome.errors };
}

@Resolver(() => NominationType)
export class NominationResolver {
  @Authorized()
  @Query(() => NominationConnection, { description: "Nominations you may read, newest first: those of the bodies you act for, and for the Departments every submitted one." })
  async nominations(@Arg('filter', () => NominationFilter, { nullable: true }) filter: NominationFilter | null, @Args() page: PageArgs, @Ctx() ctx: RequestContext): Promise<Connection<Nomination>> {
    const query: NominationQuery = {
      roundId: filter?.roundId ? idOf('CommendationRound', filter.roundId) : null,
      statuses: filter?.statuses?.length ? filter.statuses : null,
      proposerIds: await ctx.services.bodies.bodyIdsOf(ctx),
      seesSubmitted: isEducationDepartment(ctx.actor) || isHomeAffairsDepartment(ctx.actor),
    };
    return idConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: 'nominations:CREATED',
      fetch: (seek) => findNominationIds(ctx.em, query, seek),
      count: () => countNominations(ctx.em, query),
      load: (ids) => readableNominations(ctx, ids),
    });
  }

  @Authorized()
  @Query(() => DossierType, { description: 'What the dossier of a nomination would hold if it were submitted now (officers of the proposing body).' })
  nominationDossierPreview(@Arg('id', () => ID, { description: 'The nomination.' }) id: string, @Ctx() ctx: RequestContext): Promise<Dossier> {
    return ctx.services.emulation.nominations.preview(ctx, idOf('Nomination', id));
  }

  @Authorized()
  @Mutation(() => NominationPayload, { description: 'Drafts a nomination for a body you act for.' })
  async createNomination(@Arg('input') input: CreateNominationInput, @Ctx() ctx: RequestContext): Promise<NominationPayload> {
    return payload(
      await runMutation(ctx, (tx) =>
        ctx.services.emulation.nominations.create(tx, {
          roundId: idOf('CommendationRound', input.roundId),
          formId: idOf('CommendationForm', input.formId),
          proposerId: idOf('Body', input.proposerId),
          nomineeKind: input.nomineeKind,
          nomineeId: idOfKind(NOMINEE_TYPES, input.nomineeKind, input.nomineeId),
          achievements: input.achievements,
          fileKeys: input.fileKeys ?? null,
        }),
      ),
    );
  }

  @Authorized()
  @Mutation(() => NominationPayload, { description: 'Changes the summary and files of a draft or returned nomination (its proposer).' })
  async updateNomination(@Arg('input') input: UpdateNominationInput, @Ctx() ctx: RequestContext): Promise<NominationPayload> {
    return payload(await runMutation(ctx, (tx) => ctx.services.emulation.nominations.update(tx, idOf('Nomination', input.id), { achievements: input.achievements, fileKeys: input.fileKeys ?? null })));
  }

  @Authorized()
  @Mutation(() => NominationPayload, { description: 'Submits a draft or returned nomination to the Department of Education; its dossier is assembled from the platform now.' })
  async submitNomination(@Arg('input') input: NominationIdInput, @Ctx() ctx: RequestContext): Promise<NominationPayload> {
    return payload(await runMutation(ctx, (tx) => ctx.services.emulation.nominations.submit(tx, idOf('Nomination', input.id))));
  }

  @Authorized()
  @Mutation(() => ConsolidateNominationsPayload, { description: 'The Department of Education shortlists submitted nominations for appraisal and leaves others out with reasons.' })
  async consolidateNominations(@Arg('input') input: ConsolidateNominationsInput, @Ctx() ctx: RequestContext): Promise<ConsolidateNominationsPayload> {
    const outcome = await runMutation(ctx, (tx) =>
      ctx.services.emulation.workflow.consolidate(
        tx,
        input.shortlist.map((id) => idOf('Nomination', id)),
        input.leftOut.map((entry) => ({ id: idOf('Nomination', entry.id), reason: entry.reason })),
      ),
    );
    return { nominations: outcome.result, errors: outcome.errors };
  }

  @Authorized()
  @Mutation(() => NominationPayload, { description: 'The Department of Home Affairs (Emulation and Commendation Board) appraises a consolidated nomination.' })
  async appraiseNomination(@Arg('input') input: NominationIdInput, @Ctx() ctx: RequestContext): Promise<NominationPayload> {
    return payload(await runMutation(ctx, (tx) => ctx.services.emulation.workflow.appraise(tx, idOf('Nomination', input.id), input.note ?? null)));
  }

  @Authorized()
  @Mutation(() => NominationPayload, { description: "Records the decision commending an appraised nomination (Home Affairs); refused with QUOTA_EXCEEDED when the form's quota for the round is taken." })
  async decideNomination(@Arg('input') input: DecideNominationInput, @Ctx() ctx: RequestContext): Promise<NominationPayload> {
    return payload(await runMutation(ctx, (tx) => ctx.services.emulation.workflow.decide(tx, idOf('Nomination', input.id), input)));
  }

  @Authorized()
  @Mutation(() => NominationPayload, { description: 'Returns a nomination to its proposer with a reason (Education from SUBMITTED, Home Affairs from CONSOLIDATED or APPRAISED).' })
  async returnNomination(@Arg('input') input: NominationReasonInput, @Ctx() ctx: RequestContext): Promise<NominationPayload> {
    return payload(await runMutation(ctx, (tx) => ctx.services.emulation.workflow.return(tx, idOf('Nomination', input.id), input.reason)));
  }

  @Authorized()
  @Mutation(() => NominationPayload, { description: 'Rejects a nomination with a reason, at the steps where it can be returned.' })
  async rejectNomination(@Arg('input') input: NominationReasonInput, @Ctx() ctx: RequestContext): Promise<NominationPayload> {
    return payload(await runMutation(ctx, (tx) => ctx.services.emulation.workflow.reject(tx, idOf('Nomination', input.id), input.reason)));
  }

  @Authorized()
  @Mutation(() => NominationPayload, { description: 'Revokes a decided commendation with a reason (Home Affairs).' })
  async revokeCommendation(@Arg('input') input: NominationReasonInput, @Ctx() ctx: RequestContext): Promise<NominationPayload> {
    return payload(await runMutation(ctx, (tx) => ctx.services.emulation.workflow.revoke(tx, idOf('Nomination', input.id), input.reason)));
  }

  @FieldResolver(() => String, { description: 'Global id of the nominee, of the type its kind names.' })
  nomineeId(@Root() nomination: Nomination): string {
    return toGlobalId(NOMINEE_TYPES[nomination.nomineeKind], nomination.nomineeId);
  }

  @FieldResolver(() => AdministrativeUnitType, { nullable: true, description: "The nominee's unit." })
  nomineeUnit(@Root() nomination: Nomination, @Ctx() ctx: RequestContext): Promise<AdministrativeUnit | null> {
    return unitById(ctx).load(nomination.nomineeUnit.id);
  }

  @FieldResolver(() => BodyType, { nullable: true, description: 'The proposing body.' })
  proposer(@Root() nomination: Nomination, @Ctx() ctx: RequestContext): Promise<Body | null> {
    return bodyById(ctx).load(nomination.proposer.id);
  }

  @FieldResolver(() => CommendationFormType, { description: 'The form proposed.' })
  form(@Root() nomination: Nomination, @Ctx() ctx: RequestContext): Promise<CommendationForm | null> {
    return formById(ctx).load(nomination.form.id);
  }

  @FieldResolver(() => CommendationRoundType, { description: 'The round.' })
  round(@Root() nomination: Nomination, @Ctx() ctx: RequestContext): Promise<CommendationRound | null> {
    return roundById(ctx).load(nomination.round.id);
  }

  @FieldResolver(() => [NominationStepType], { description: 'Every step, oldest first: who moved it (visible to the same readers), when, why.' })
  steps(@Root() nomination: Nomination, @Ctx() ctx: RequestContext): Promise<NominationStep[]> {
    return stepsByNomination(ctx).load(nomination.id);
  }
}

@Resolver(() => NominationStepType)
export class NominationStepResolver {
  @FieldResolver(() => AccountType, { nullable: true, description: 'Who took the step; null when the account was deleted.' })
  actor(@Root() step: NominationStep, @Ctx() ctx: RequestContext): Promise<Account | null> | null {
    return step.actor ? accountById(ctx).load(step.actor.id) : null;
  }
}

@Resolver(() => DossierType)
export class DossierResolver {
  @FieldResolver(() => [DossierEmulationResultType], {
    description: "The collective's emulation results, latest year first: a unit's or an organisation's; empty for other nominees and for dossiers assembled before they were kept.",
  })
  emulation(@Root() dossier: Dossier): DossierEmulationResult[] {
    return dossier.emulation ?? [];
  }
}
