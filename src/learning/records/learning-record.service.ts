import { isProvinceAdmin, isStaffOf, type Actor } from '../../core/actor';
import { Role } from '../../core/roles';
import type { RequestContext } from '../../core/context';
import { ForbiddenError, NotFoundError } from '../../core/errors';
import type { Seek } from '../../infra/keyset';
import type { Citizen } from '../../people/citizens/citizen.entity';
import { mayReadRecordOf } from '../learning-access';
import { LearningLog } from '../logs/learning-log.entity';
import {
  countLogsOfCitizen,
  countPendingLogs,
  findLogsOfCitizen,
  findPendingLogs,
  sumYearOfCitizen,
  type LogPageRow,
  type QueueScope,
  type YearTotals,
} from '../learning.repository';
import { requireOwnCitizen } from '../own-citizen';
import { LearningMapping } from './learning-mapping.entity';
import type { ExportMapping } from './xapi';

/** Reading learning records: a citizen's own, and the verification queues. */
export class LearningRecordService {
  async own(ctx: RequestContext): Promise<Citizen> {
    return requireOwnCitizen(ctx);
  }

  totals(ctx: RequestContext, citizen: Citizen, year: number): Promise<YearTotals> {
    return sumYearOfCitizen(ctx.em, citizen.id, year);
  }

  /** The caller checked that the actor may read this citizen's record. */
  logsOf(ctx: RequestContext, citizenId: string, year: number | null, seek: Seek): Promise<LogPageRow[]> {
    return findLogsOfCitizen(ctx.em, citizenId, year, seek);
  }

  countLogsOf(ctx: RequestContext, citizenId: string, year: number | null): Promise<number> {
    return countLogsOfCitizen(ctx.em, citizenId, year);
  }

  /** Every log of the citizen, oldest first, for export. */
  allLogsOf(ctx: RequestContext, citizen: Citizen): Promise<LearningLog[]> {
    return ctx.em.find(LearningLog, { citizen }, { orderBy: { occurredOn: 'asc', createdAt: 'asc' }, populate: ['session.programme', 'institution'] });
  }

  /** The province's mapping of statements read backwards, for exported statements. */
  async exportMapping(ctx: RequestContext): Promise<ExportMapping> {
    const rows = await ctx.em.find(LearningMapping, { exported: true });
    return new Map(rows.map((row) => [row.result, { verbId: row.verbId, activityType: row.activityType }]));
  }

  /** The assessor's queue: pending logs of citizens living in the subtrees they assess (everything for a province admin). */
  assessorQueue(ctx: RequestContext): QueueScope {
    if (!ctx.actor) throw new ForbiddenError();
    if (ctx.actor.grants.some((grant) => grant.role === Role.PROVINCE_ADMIN)) return { unitPaths: 'all' };
    const paths = ctx.actor.grants.flatMap((grant) => (grant.role === Role.ASSESSOR && grant.unitPath ? [grant.unitPath] : []));
    if (!paths.length) throw new ForbiddenError('Only assessors have a verification queue');
    return { unitPaths: paths };
  }

  /** The institution's queue: pending logs naming it, for its staff and province admins. */
  institutionQueue(ctx: RequestContext, institutionId: string): QueueScope {
    if (!isStaffOf(ctx.actor, institutionId) && !isProvinceAdmin(ctx.actor)) throw new ForbiddenError('Only staff of the institution see its queue');
    return { institutionId };
  }

  pending(ctx: RequestContext, scope: QueueScope, seek: Seek): Promise<LogPageRow[]> {
    return findPendingLogs(ctx.em, scope, seek);
  }

  countPending(ctx: RequestContext, scope: QueueScope): Promise<number> {
    return countPendingLogs(ctx.em, scope);
  }

  /** Filters loaded logs (with citizen.residence) to those the actor may read. */
  readable(actor: Actor | null, logs: (LearningLog | null)[]): (LearningLog | null)[] {
    return logs.map((log) => (log && mayReadRecordOf(actor, log.citizen, log.institution?.id ?? null) ? log : null));
  }

  checkReadable(actor: Actor | null, citizen: Citizen): void {
    if (!mayReadRecordOf(actor, citizen, null)) throw new NotFoundError('The citizen');
  }
}
