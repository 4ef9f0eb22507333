import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isStaffOf } from '../../core/actor';
import { isProvinceAdmin } from '../../core/actor';
import { Role } from '../../core/roles';
import { sessionById } from '../../catalogue/programmes/programme.loaders';
import { ProgrammeSessionType } from '../../catalogue/programmes/programme.types';
import type { ProgrammeSession } from '../../catalogue/programmes/session.entity';
import type { RequestContext } from '../../core/context';
import { ForbiddenError } from '../../core/errors';
import { idOf, toGlobalId } from '../../graphql/global-id';
import { labelOf } from '../../core/labels';
import { orNull } from '../../core/loaders';
import { registerNode } from '../../graphql/node-registry';
import { keysetConnection, PageArgs, type Connection } from '../../graphql/relay';
import { runMutation } from '../../graphql/user-error';
import { Attendance } from '../attendance/attendance.entity';
import { Enrollment } from './enrollment.entity';
import { EnrollmentStatus } from '../learning.enums';
import { mayReadRecordOf } from '../learning-access';
import type { LearningLog } from '../logs/learning-log.entity';
import { enrollmentById, logById } from '../learning.loaders';
import { countRows, findAttendanceOfSession, findEnrollmentsOfCitizen, findEnrollmentsOfSession, type EnrollmentPageRow } from '../learning.repository';
import { AttendanceRecordConnection, AttendanceRecordType, CheckInCodeType } from '../attendance/attendance.types';
import { CancelEnrollmentInput, EnrollInput, EnrollmentConnection, EnrollmentPayload, EnrollmentType } from './enrollment.types';
import { LearningLogType } from '../logs/learning-log.types';
import type { CheckInCode } from '../attendance/check-in-code';

registerNode('Enrollment', Enrollment, async (ctx, ids) => {
  const enrollments = orNull(await enrollmentById(ctx).loadMany(ids));
  return enrollments.map((e) => (e && mayReadRecordOf(ctx.actor, e.citizen, e.session.institution.id) ? e : null));
});

async function enrollmentPage(ctx: RequestContext, rows: EnrollmentPageRow[]): Promise<{ row: EnrollmentPageRow; enrollment: Enrollment }[]> {
  const found = orNull(await enrollmentById(ctx).loadMany(rows.map((row) => row.id)));
  return rows.flatMap((row, i) => (found[i] ? [{ row, enrollment: found[i] as Enrollment }] : []));
}

function checkStaff(ctx: RequestContext, session: ProgrammeSession): void {
  if (!isStaffOf(ctx.actor, session.institution.id) && !isProvinceAdmin(ctx.actor)) {
    throw new ForbiddenError('Only staff of the institution see who enrolled in and attended its sessions');
  }
}

@Resolver(() => EnrollmentType)
export class EnrollmentResolver {
  @Authorized(Role.CITIZEN)
  @Query(() => EnrollmentConnection, { description: 'Your enrollments, latest first.' })
  async myEnrollments(@Args() page: PageArgs, @Ctx() ctx: RequestContext): Promise<Connection<Enrollment>> {
    const citizen = await ctx.services.learning.records.own(ctx);
    return keysetConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: 'myEnrollments',
      fetch: async (seek) => enrollmentPage(ctx, await findEnrollmentsOfCitizen(ctx.em, citizen.id, seek)),
      keyOf: ({ row }) => [row.sort_key, row.id],
      edge: ({ enrollment }, cursor) => ({ cursor, node: enrollment }),
      count: () => countRows(ctx.em, 'enrollment', 'citizen_id', citizen.id),
    });
  }

  @Authorized(Role.CITIZEN)
  @Mutation(() => EnrollmentPayload, { description: 'Registers you for a session: a seat while there is one, else the waitlist. Enrolling again returns the same registration.' })
  async enroll(@Arg('input') input: EnrollInput, @Ctx() ctx: RequestContext): Promise<EnrollmentPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.learning.enrollments.enroll(tx, idOf('ProgrammeSession', input.sessionId)));
    return { enrollment: outcome.result, errors: outcome.errors };
  }

  @Authorized(Role.CITIZEN)
  @Mutation(() => EnrollmentPayload, { description: 'Cancels your registration; a freed seat goes to the first on the waitlist.' })
  async cancelEnrollment(@Arg('input') input: CancelEnrollmentInput, @Ctx() ctx: RequestContext): Promise<EnrollmentPayload> {
    const outcome = await runMutation(ctx, (tx) => ctx.services.learning.enrollments.cancel(tx, idOf('Enrollment', input.enrollmentId)));
    return { enrollment: outcome.result, errors: outcome.errors };
  }

  @FieldResolver(() => String, { description: 'The status, in the language of the request.' })
  statusLabel(@Root() enrollment: Enrollment, @Ctx() ctx: RequestContext): string {
    return labelOf('EnrollmentStatus', enrollment.status, ctx.locale);
  }

  @FieldResolver(() => ProgrammeSessionType, { nullable: true, description: 'The session.' })
  session(@Root() enrollment: Enrollment, @Ctx() ctx: RequestContext): Promise<ProgrammeSession | null> {
    return sessionById(ctx).load(enrollment.session.id);
  }

  @FieldResolver(() => ID, { description: 'The citizen’s id, to mark the roster with.' })
  citizenId(@Root() enrollment: Enrollment): string {
    return toGlobalId('Citizen', enrollment.citizen.id);
  }

  @FieldResolver(() => String, { description: 'The citizen’s full name.' })
  async citizenName(@Root() enrollment: Enrollment, @Ctx() ctx: RequestContext): Promise<string> {
    return (await enrollmentById(ctx).load(enrollment.id))?.citizen.fullName ?? '';
  }
}

@Resolver(() => AttendanceRecordType)
export class AttendanceRecordResolver {
  @FieldResolver(() => ID, { description: 'The citizen’s id.' })
  citizenId(@Root() row: Attendance): string {
    return toGlobalId('Citizen', row.citizen.id);
  }

  @FieldResolver(() => String, { description: 'The citizen’s full name.' })
  citizenName(@Root() row: Attendance): string {
    return row.citizen.fullName;
  }

  @FieldResolver(() => LearningLogType, { nullable: true, description: 'The attendance log of a present mark (voided when later marked absent).' })
  async log(@Root() row: Attendance, @Ctx() ctx: RequestContext): Promise<LearningLog | null> {
    return row.log ? logById(ctx).load(row.log.id) : null;
  }
}

/** Fields of sessions for their staff: who enrolled, who attended, and the check-in code. */
@Resolver(() => ProgrammeSessionType)
export class SessionLearningResolver {
  @FieldResolver(() => EnrollmentConnection, { nullable: true, description: 'Registrations, in waitlist order; for staff of the institution.' })
  async enrollments(
    @Root() session: ProgrammeSession,
    @Arg('status', () => EnrollmentStatus, { nullable: true, description: 'Only this status.' }) status: EnrollmentStatus | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<Enrollment>> {
    checkStaff(ctx, session);
    return keysetConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: `session.enrollments:${session.id}:${status ?? ''}`,
      fetch: async (seek) => enrollmentPage(ctx, await findEnrollmentsOfSession(ctx.em, session.id, status, seek)),
      keyOf: ({ row }) => [row.sort_key, row.id],
      edge: ({ enrollment }, cursor) => ({ cursor, node: enrollment }),
      count: async () => (status ? ctx.em.count(Enrollment, { session: session.id, status }) : countRows(ctx.em, 'enrollment', 'session_id', session.id)),
    });
  }

  @FieldResolver(() => AttendanceRecordConnection, { nullable: true, description: 'Attendance as marked, by name; for staff of the institution.' })
  async roster(@Root() session: ProgrammeSession, @Args() page: PageArgs, @Ctx() ctx: RequestContext): Promise<Connection<Attendance>> {
    checkStaff(ctx, session);
    return keysetConnection({
      args: page,
      codec: ctx.services.cursors,
      scope: `session.roster:${session.id}`,
      fetch: async (seek) => {
        const rows = await findAttendanceOfSession(ctx.em, session.id, seek);
        const found = new Map((await ctx.em.find(Attendance, { id: { $in: rows.map((r) => r.id) } }, { populate: ['citizen'] })).map((a) => [a.id, a]));
        return rows.flatMap((row) => (found.get(row.id) ? [{ row, attendance: found.get(row.id) as Attendance }] : []));
      },
      keyOf: ({ row }) => [row.sort_key, row.id],
      edge: ({ attendance }, cursor) => ({ cursor, node: attendance }),
      count: () => countRows(ctx.em, 'attendance', 'session_id', session.id),
    });
  }

  @FieldResolver(() => CheckInCodeType, { nullable: true, description: 'The check-in code to show now (text or QR); null outside 30 minutes around the session. For staff of the institution.' })
  checkInCode(@Root() session: ProgrammeSession, @Ctx() ctx: RequestContext): (CheckInCode & { qrContent: string }) | null {
    const code = ctx.services.learning.attendance.checkInCode(ctx, session);
    return code ? { ...code, qrContent: `hoctap-checkin:${toGlobalId('ProgrammeSession', session.id)}:${code.code}` } : null;
  }
}
