import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { YearArg } from '../../graphql/year';
import { accountById } from '../../auth/account.loaders';
import { Role } from '../../core/roles';
import type { Programme } from '../../catalogue/programmes/programme.entity';
import { programmeById } from '../../catalogue/programmes/programme.loaders';
import { ProgrammeType } from '../../catalogue/programmes/programme.types';
import type { RequestContext } from '../../core/context';
import { idOf } from '../../graphql/global-id';
import { orNull } from '../../core/loaders';
import { registerNode } from '../../graphql/node-registry';
import { runMutation } from '../../graphql/user-error';
import { mayReadRecordOf } from '../learning-access';
import { mayActForCitizen } from '../../people/citizens/citizen-access';
import { LearningGoal } from './learning-goal.entity';
import type { LearningPlan } from './learning-plan.service';
import { goalById } from '../learning.loaders';
import { CreateLearningGoalInput, DeleteLearningGoalInput, DeleteLearningGoalPayload, LearningGoalPayload, LearningGoalType, LearningPlanType, UpdateLearningGoalInput } from './learning-plan.types';

registerNode('LearningGoal', LearningGoal, async (ctx, ids) => {
  const goals = orNull(await goalById(ctx).loadMany(ids));
  return goals.map((goal) => (goal && (mayReadRecordOf(ctx.actor, goal.citizen, null) || mayActForCitizen(ctx.actor, goal.citizen)) ? goal : null));
});

function goalFields(input: { topic?: LearningGoal['topic']; targetHours?: number | null; programmeId?: string | null }) {
  return { topic: input.topic ?? null, targetHours: input.targetHours ?? null, programmeId: input.programmeId ? idOf('Programme', input.programmeId) : null };
}

@Resolver(() => LearningGoalType)
export class LearningPlanResolver {
  @Authorized(Role.CITIZEN)
  @Query(() => LearningPlanType, { description: 'Your learning plan for a year, with progress from verified logs.' })
  async myLearningPlan(@YearArg('The year.') year: number, @Ctx() ctx: RequestContext): Promise<LearningPlan> {
    return ctx.services.learning.plans.get(ctx, await ctx.services.learning.records.own(ctx), year);
  }

  @Authorized()
  @Query(() => LearningPlanType, {
    description:
      'A citizen’s learning plan for a year, with progress from verified logs: your own, or that of a citizen you act for (assessors of their area, province administrators, staff of the community learning centre of their area). FORBIDDEN for anyone else.',
  })
  async learningPlan(
    @Arg('citizenId', () => ID, { description: 'The citizen.' }) citizenId: string,
    @YearArg('The year.') year: number,
    @Ctx() ctx: RequestContext,
  ): Promise<LearningPlan> {
    return ctx.services.learning.plans.getFor(ctx, idOf('Citizen', citizenId), year);
  }

  @Authorized(Role.CITIZEN, Role.ASSESSOR, Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => LearningGoalPayload, {
    description: 'Adds a goal to your plan of this year or the next; with `citizenId`, to the plan of a citizen you act for (assisted entry, recorded as entered by you).',
  })
  async createLearningGoal(@Arg('input') input: CreateLearningGoalInput, @Ctx() ctx: RequestContext): Promise<LearningGoalPayload> {
    const citizenId = input.citizenId ? idOf('Citizen', input.citizenId) : null;
    const outcome = await runMutation(ctx, (tx) => ctx.services.learning.plans.create(tx, citizenId, input.year, goalFields(input)));
    return { goal: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.CITIZEN, Role.ASSESSOR, Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => LearningGoalPayload, { description: 'Changes a goal of your plan, or of the plan of a citizen you act for, while its year is open.' })
  async updateLearningGoal(@Arg('input') input: UpdateLearningGoalInput, @Ctx() ctx: RequestContext): Promise<LearningGoalPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.learning.plans.update(tx, idOf('LearningGoal', input.id), goalFields(input)));
    return { goal: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.CITIZEN, Role.ASSESSOR, Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => DeleteLearningGoalPayload, { description: 'Removes a goal of your plan, or of the plan of a citizen you act for, while its year is open.' })
  async deleteLearningGoal(@Arg('input') input: DeleteLearningGoalInput, @Ctx() ctx: RequestContext): Promise<DeleteLearningGoalPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.learning.plans.delete(tx, idOf('LearningGoal', input.id)));
    return { deletedId: outcome.result ? input.id : null, errors: outcome.errors };
  }

  @FieldResolver(() => Boolean, { description: 'Whether an official (assessor, community learning centre staff) last set this goal on the citizen’s behalf.' })
  enteredOnBehalf(@Root() goal: LearningGoal): boolean {
    return goal.enteredBy !== null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Display name of the official who last set this goal on the citizen’s behalf; null when the citizen did.' })
  async enteredByName(@Root() goal: LearningGoal, @Ctx() ctx: RequestContext): Promise<string | null> {
    return goal.enteredBy ? ((await accountById(ctx).load(goal.enteredBy.id))?.displayName ?? null) : null;
  }

  @FieldResolver(() => ProgrammeType, { nullable: true, description: 'The programme, for a programme goal.' })
  programme(@Root() goal: LearningGoal, @Ctx() ctx: RequestContext): Promise<Programme | null> | null {
    return goal.programme ? programmeById(ctx).load(goal.programme.id) : null;
  }
}
