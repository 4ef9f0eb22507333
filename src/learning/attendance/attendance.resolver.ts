import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../../core/roles';
import type { RequestContext } from '../../core/context';
import { idOf } from '../../graphql/global-id';
import { runMutation } from '../../graphql/user-error';
import { CheckInInput, ImportAttendanceInput, RecordAttendanceInput } from './attendance.types';
import { LearningLogPayload } from '../logs/learning-log.types';
import { LineReportPayload } from '../logs/line-report.types';

@Resolver()
export class AttendanceResolver {
  @Authorized(Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => LineReportPayload, { description: 'Marks a session’s roster: each present mark makes one verified learning log; absent after present voids it.' })
  async recordAttendance(@Arg('input') input: RecordAttendanceInput, @Ctx() ctx: RequestContext): Promise<LineReportPayload> {
    const sessionId = idOf('ProgrammeSession', input.sessionId);
    const marks = input.marks.map((mark) => ({ ...mark, citizenId: idOf('Citizen', mark.citizenId) }));
    const outcome = await runMutation(ctx, (tx) => ctx.services.learning.attendance.recordRoster(tx, sessionId, marks));
    if (outcome.result) outcome.result.lines.forEach((line, i) => (line.person = input.marks[i]?.citizenId ?? line.person));
    return { report: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.INSTITUTION_STAFF, Role.PROVINCE_ADMIN)
  @Mutation(() => LineReportPayload, { description: 'Imports a session’s attendance from CSV (national ID or mobile numbers); each line is reported.' })
  async importAttendance(@Arg('input') input: ImportAttendanceInput, @Ctx() ctx: RequestContext): Promise<LineReportPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.learning.attendance.importCsv(tx, idOf('ProgrammeSession', input.sessionId), input.csv));
    return { report: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.CITIZEN)
  @Mutation(() => LearningLogPayload, { description: 'Checks you in at a session with the code shown there; checking in twice returns the same log.' })
  async checkIn(@Arg('input') input: CheckInInput, @Ctx() ctx: RequestContext): Promise<LearningLogPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.learning.attendance.checkIn(tx, idOf('ProgrammeSession', input.sessionId), input.code));
    return { log: outcome.result, errors: outcome.errors };
  }
}
