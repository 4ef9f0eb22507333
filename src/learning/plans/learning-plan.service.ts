import type { Topic } from '../../catalogue/catalogue.enums';
import { Programme } from '../../catalogue/programmes/programme.entity';
import type { RequestContext } from '../../core/context';
import { NotFoundError, UserInputError } from '../../core/errors';
import type { Citizen } from '../../people/citizens/citizen.entity';
import { mayActForCitizen } from '../../people/citizens/citizen-access';
import { todayInVietnam } from '../../core/time';
import { LearningGoal } from './learning-goal.entity';
import { verifiedProgressOfCitizen } from '../learning.repository';
import { isYearClosed } from '../logs/log-rules';
import { enteredByFor, requireCitizenActedFor } from '../own-citizen';

export interface GoalFields {
  topic?: Topic | null;
  targetHours?: number | null;
  programmeId?: string | null;
}

export interface GoalProgress {
  goal: LearningGoal;
  /** Verified hours in the goal's topic this year; for a programme goal, 1 when attended, else 0. */
  progress: number;
  met: boolean;
}

export interface LearningPlan {
  citizen: Citizen;
  year: number;
  goals: GoalProgress[];
  goalsMet: number;
  /** Goals can change while the year is not over and its records are not closed. */
  open: boolean;
}

const MAX_GOALS = 20;

/** A citizen's learning plan for a year: goals, and progress from VERIFIED logs only. */
export class LearningPlanService {
  async get(ctx: RequestContext, citizen: Citizen, year: number): Promise<LearningPlan> {
    const goals = await ctx.em.find(LearningGoal, { citizen, year }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    const { hoursByTopic, programmeIds } = await verifiedProgressOfCitizen(ctx.em, citizen.id, year);
    const withProgress = goals.map((goal): GoalProgress => {
      if (goal.programme) {
        const attended = programmeIds.has(goal.programme.id);
        return { goal, progress: attended ? 1 : 0, met: attended };
      }
      const progress = hoursByTopic.get(goal.topic as string) ?? 0;
      return { goal, progress, met: progress >= (goal.targetHours ?? 0) };
    });
    return { citizen, year, goals: withProgress, goalsMet: withProgress.filter((g) => g.met).length, open: await this.isOpen(ctx, citizen, year) };
  }

  /** Not transactional. The plan of a year of the signed-in citizen, or (with `citizenId`) of a citizen the actor acts for. */
  async getFor(ctx: RequestContext, citizenId: string | null, year: number): Promise<LearningPlan> {
    return this.get(ctx, (await requireCitizenActedFor(ctx, citizenId)).citizen, year);
  }

  /**
   * Transactional. Adds a goal to the plan of an open year: the signed-in citizen's, or (with
   * `citizenId`) that of a citizen the actor acts for, recording who entered it.
   */
  async create(ctx: RequestContext, citizenId: string | null, year: number, fields: GoalFields): Promise<LearningGoal> {
    const { citizen, enteredBy } = await requireCitizenActedFor(ctx, citizenId);
    await this.checkOpen(ctx, citizen, year);
    if ((await ctx.em.count(LearningGoal, { citizen, year })) >= MAX_GOALS) throw new UserInputError('TOO_MANY_GOALS', null, { max: MAX_GOALS });
    const goal = ctx.em.create(LearningGoal, { citizen, year, enteredBy, ...(await this.goalFields(ctx, fields)) });
    await ctx.em.flush();
    return goal;
  }

  /** Transactional. Changes a goal of an open plan, the actor's own or one they act for; records who set it last. */
  async update(ctx: RequestContext, id: string, fields: GoalFields): Promise<LearningGoal> {
    const goal = await this.getWritable(ctx, id);
    await this.checkOpen(ctx, goal.citizen, goal.year);
    Object.assign(goal, await this.goalFields(ctx, fields), { enteredBy: enteredByFor(ctx, goal.citizen) });
    await ctx.em.flush();
    return goal;
  }

  /** Transactional. Removes a goal of an open plan, the actor's own or one they act for; returns its id. */
  async delete(ctx: RequestContext, id: string): Promise<string> {
    const goal = await this.getWritable(ctx, id);
    await this.checkOpen(ctx, goal.citizen, goal.year);
    ctx.em.remove(goal);
    await ctx.em.flush();
    return id;
  }

  private async goalFields(ctx: RequestContext, fields: GoalFields): Promise<Pick<LearningGoal, 'topic' | 'targetHours' | 'programme'>> {
    if (fields.programmeId) {
      if (fields.topic || fields.targetHours) throw new UserInputError('GOAL_TOPIC_OR_PROGRAMME', ['programmeId']);
      const programme = await ctx.em.findOne(Programme, { id: fields.programmeId });
      if (!programme || !ctx.services.programmes.canSee(ctx, programme)) throw new UserInputError('PROGRAMME_NOT_FOUND', ['programmeId']);
      return { topic: null, targetHours: null, programme };
    }
    if (!fields.topic) throw new UserInputError('GOAL_TOPIC_OR_PROGRAMME', ['topic']);
    const target = fields.targetHours ?? NaN;
    if (!(target > 0 && target <= 1000)) throw new UserInputError('INVALID_TARGET_HOURS', ['targetHours']);
    return { topic: fields.topic, targetHours: Math.round(target * 100) / 100, programme: null };
  }

  /** A goal of the actor's own plan or of a citizen they act for; NotFound for any other (no hint that it exists). */
  private async getWritable(ctx: RequestContext, id: string): Promise<LearningGoal> {
    const goal = await ctx.em.findOne(LearningGoal, { id }, { populate: ['citizen.residence'] });
    const own = goal && ctx.actor && goal.citizen.account?.id === ctx.actor.accountId;
    if (!goal || !(own || mayActForCitizen(ctx.actor, goal.citizen))) throw new NotFoundError('The learning goal');
    return goal;
  }

  private async isOpen(ctx: RequestContext, citizen: Citizen, year: number): Promise<boolean> {
    return year >= Number(todayInVietnam(ctx.now).slice(0, 4)) && !(await isYearClosed(ctx.em, citizen.residence.path, year));
  }

  private async checkOpen(ctx: RequestContext, citizen: Citizen, year: number): Promise<void> {
    const current = Number(todayInVietnam(ctx.now).slice(0, 4));
    if (!Number.isInteger(year) || year > current + 1) throw new UserInputError('INVALID_YEAR', ['year'], { min: current, max: current + 1 });
    if (!(await this.isOpen(ctx, citizen, year))) throw new UserInputError('YEAR_CLOSED', ['year'], { year });
  }
}
