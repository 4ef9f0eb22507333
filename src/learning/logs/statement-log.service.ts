import type { Topic } from '../../catalogue/catalogue.enums';
import type { RequestContext } from '../../core/context';
import { UserInputError } from '../../core/errors';
import { todayInVietnam } from '../../core/time';
import { Citizen } from '../../people/citizens/citizen.entity';
import { LogResult, LogSource, LogStatus } from '../learning.enums';
import { LearningLog } from './learning-log.entity';
import { lockCitizens, NewLogRules } from './log-rules';

/** A learning record another platform sent as an xAPI statement, already mapped to the platform's terms. */
export interface StatementLogInput {
  statementId: string;
  citizenId: string;
  occurredAt: Date;
  hours: number;
  topic: Topic;
  result: LogResult;
  activityTitle: string | null;
  score: number | null;
  verified: boolean;
}

/** The log made (or found), or why none: the code and the message of the rule the log breaks. */
export type StatementLogOutcome = { log: LearningLog } | { refused: string };

const keyOf = (statementId: string) => `xapi:${statementId}`;

/** IMPORT logs from xAPI statements of trusted API clients, and their voiding when the statement is voided. */
export class StatementLogService {
  /**
   * Transactional, idempotent on the statement id: a statement sent again finds its log, and so
   * does one the platform exported (its id is the log's). The log follows the rules of any new log
   * (NewLogRules): one that breaks them is refused, never adjusted.
   */
  async record(ctx: RequestContext, input: StatementLogInput): Promise<StatementLogOutcome> {
    const citizen = await ctx.em.findOne(Citizen, { id: input.citizenId }, { populate: ['residence'] });
    if (!citizen) return { refused: 'No citizen has this id' };
    await lockCitizens(ctx.em, [citizen.id]);
    const previous =
      (await ctx.em.findOne(LearningLog, { citizen, idempotencyKey: keyOf(input.statementId) })) ?? (await ctx.em.findOne(LearningLog, { citizen, id: input.statementId }));
    if (previous) return { log: previous };
    const occurredOn = todayInVietnam(input.occurredAt);
    try {
      const hours = await new NewLogRules(ctx.em, todayInVietnam(ctx.now)).check({ citizen, occurredOn, hours: input.hours });
      const log = ctx.em.create(LearningLog, {
        citizen,
        source: LogSource.IMPORT,
        activityTitle: input.activityTitle?.slice(0, 300) ?? null,
        occurredOn,
        hours,
        topics: [input.topic],
        result: input.result,
        score: input.score,
        status: input.verified ? LogStatus.VERIFIED : LogStatus.PENDING,
        idempotencyKey: keyOf(input.statementId),
      });
      await ctx.em.flush();
      return { log };
    } catch (error) {
      if (error instanceof UserInputError) return { refused: `${error.code}: ${error.message}` };
      throw error;
    }
  }

  /** Transactional, idempotent. Voids the log a statement created, when it still counts or waits. */
  async voidForStatement(ctx: RequestContext, logId: string, voidingStatementId: string): Promise<void> {
    const log = await ctx.em.findOne(LearningLog, { id: logId });
    if (!log || (log.status !== LogStatus.PENDING && log.status !== LogStatus.VERIFIED)) return;
    Object.assign(log, { status: LogStatus.VOIDED, statusReason: `Voided by the xAPI statement ${voidingStatementId}`, statusChangedAt: ctx.now, statusChangedBy: null });
    await ctx.em.flush();
  }
}
