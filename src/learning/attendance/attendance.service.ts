import { Account } from '../../auth/account.entity';
import type { UserErrorCode } from '../../core/user-error-codes';
import type { ParamValue } from '../../core/user-error-messages';
import { SessionStatus } from '../../catalogue/catalogue.enums';
import { managesProgrammesOf } from '../../catalogue/programmes/programme.service';
import { ProgrammeSession } from '../../catalogue/programmes/session.entity';
import type { RequestContext } from '../../core/context';
import { readCsvWithColumns } from '../../infra/csv-import';
import { ForbiddenError, NotFoundError, UserInputError } from '../../core/errors';
import { Citizen } from '../../people/citizens/citizen.entity';
import { todayInVietnam } from '../../core/time';
import { Attendance } from './attendance.entity';
import { CHECK_IN_MARGIN_MS, type CheckInCode, type CheckInCodes } from './check-in-code';
import { AttendanceMethod, AttendanceStatus, LineOutcome, LogResult, LogSource, LogStatus } from '../learning.enums';
import { LearningLog } from '../logs/learning-log.entity';
import { summarise, type LineReport, type ReportLine } from '../logs/line-report';
import { countingHoursByDay, lockCitizens, MAX_DAY_HOURS } from '../logs/log-rules';
import { requireOwnCitizen } from '../own-citizen';
import { findPeople } from '../person-lookup';

export interface RosterMark {
  citizenId: string;
  present: boolean;
  /** Why a present mark is taken back; recorded as the void reason of its log. */
  reason?: string | null;
}

interface Mark {
  line: number;
  person: string;
  citizen: Citizen | null;
  problem?: { code: UserErrorCode; message: string };
  present: boolean;
  reason: string | null;
}

const MAX_ROSTER_LINES = 2000;
const DEFAULT_ABSENT_REASON = 'Marked absent on the roster after being marked present';

/**
 * Attendance at sessions: staff mark a roster or import a file, citizens check in with the
 * session's code. Each present mark makes one VERIFIED attendance log vouched for by the
 * institution; an absent mark after a present one voids that log.
 */
export class AttendanceService {
  constructor(private readonly codes: CheckInCodes) {}

  /** Transactional, idempotent. Marks citizens (by id) present or absent, reporting each line. */
  async recordRoster(ctx: RequestContext, sessionId: string, marks: RosterMark[]): Promise<LineReport> {
    const session = await this.getManagedSession(ctx, sessionId);
    checkLines(marks.length);
    const found = new Map((await ctx.em.find(Citizen, { id: { $in: marks.map((m) => m.citizenId) } })).map((c) => [c.id, c]));
    return this.apply(ctx, session, AttendanceMethod.ROSTER, marks.map((mark, index) => ({
      line: index + 1,
      person: mark.citizenId,
      citizen: found.get(mark.citizenId) ?? null,
      present: mark.present,
      reason: mark.reason?.trim() || null,
    })));
  }

  /**
   * Transactional, idempotent. Imports a CSV with a column `person` (national ID or mobile
   * number) and an optional `present` (yes/no, default yes), reporting each line.
   */
  async importCsv(ctx: RequestContext, sessionId: string, csv: string): Promise<LineReport> {
    const session = await this.getManagedSession(ctx, sessionId);
    const records = readCsvWithColumns(csv, ['person']);
    checkLines(records.length);
    const people = await findPeople(ctx, records.map((record) => record.person ?? ''));
    const marks: Mark[] = records.map((record, index) => {
      const person = record.person ?? '';
      const match = people.get(person);
      const present = !/^(no|0|false|vắng|absent)$/i.test(record.present ?? '');
      const base = { line: index + 2, person, present, reason: null };
      if (!match || 'unknown' in match) return { ...base, citizen: null };
      if ('problem' in match) return { ...base, citizen: null, problem: match.problem };
      return { ...base, citizen: match.citizen };
    });
    return this.apply(ctx, session, AttendanceMethod.IMPORT, marks);
  }

  /** Transactional, idempotent (checking in twice returns the first log). The citizen checks in with the code shown at the session. */
  async checkIn(ctx: RequestContext, sessionId: string, code: string): Promise<LearningLog> {
    const citizen = await requireOwnCitizen(ctx);
    const session = await ctx.em.findOne(ProgrammeSession, { id: sessionId }, { populate: ['programme'] });
    if (!session || !ctx.services.programmes.canSee(ctx, session.programme)) throw new NotFoundError('The session');
    if (!this.codes.verify(session, code, ctx.now)) {
      throw new UserInputError('INVALID_CHECK_IN_CODE', ['code']);
    }
    const report = await this.apply(ctx, session, AttendanceMethod.CHECK_IN, [{ line: 1, person: citizen.id, citizen, present: true, reason: null }]);
    const [line] = report.lines;
    if (!line?.log) throw line?.code ? UserInputError.of({ code: line.code, params: line.params ?? {} }) : new UserInputError('NOT_RECORDED');
    return line.log;
  }

  /** The code to show at a session now, for its staff; null outside the check-in period. */
  checkInCode(ctx: RequestContext, session: ProgrammeSession): CheckInCode | null {
    if (!managesProgrammesOf(ctx, session.institution.id)) throw new ForbiddenError('Only staff of the institution see its check-in code');
    return this.codes.current(session, ctx.now);
  }

  private async getManagedSession(ctx: RequestContext, sessionId: string): Promise<ProgrammeSession> {
    const session = await ctx.em.findOne(ProgrammeSession, { id: sessionId }, { populate: ['programme'] });
    if (!session || !ctx.services.programmes.canSee(ctx, session.programme)) throw new NotFoundError('The session');
    if (!managesProgrammesOf(ctx, session.institution.id)) throw new ForbiddenError('Only staff of the institution record attendance at its sessions');
    return session;
  }

  private async apply(ctx: RequestContext, session: ProgrammeSession, method: AttendanceMethod, marks: Mark[]): Promise<LineReport> {
    checkSessionOpenForAttendance(session, ctx.now);
    const day = todayInVietnam(session.startsAt);
    const citizenIds = [...new Set(marks.flatMap((mark) => (mark.citizen ? [mark.citizen.id] : [])))];
    await lockCitizens(ctx.em, citizenIds);
    const attendance = new Map(
      (await ctx.em.find(Attendance, { session, citizen: { $in: citizenIds } }, { populate: ['log'] })).map((row) => [row.citizen.id, row]),
    );
    const dayHours = await countingHoursByDay(ctx.em, citizenIds, [day]);
    const recordedBy = method === AttendanceMethod.CHECK_IN || !ctx.actor ? null : ctx.em.getReference(Account, ctx.actor.accountId);
    const hours = session.creditedHours;
    const lines: ReportLine[] = [];
    const marked = new Map<string, boolean>();
    for (const mark of marks) {
      const line = (outcome: LineOutcome, log: LearningLog | null = null, code: UserErrorCode | null = null, message: string | null = null, params: Record<string, ParamValue> = {}) =>
        lines.push({ line: mark.line, person: mark.person, outcome, code, message, params, log });
      if (mark.problem) {
        line(LineOutcome.REJECTED, null, mark.problem.code, mark.problem.message);
        continue;
      }
      const citizen = mark.citizen;
      if (!citizen) {
        line(LineOutcome.UNKNOWN_PERSON, null, 'UNKNOWN_PERSON', 'No citizen is registered with this identifier');
        continue;
      }
      const earlier = marked.get(citizen.id);
      if (earlier !== undefined && earlier !== mark.present) {
        line(LineOutcome.REJECTED, null, 'CONFLICTING_MARKS', 'An earlier line of the same roster marks this person the other way; send one mark per person');
        continue;
      }
      marked.set(citizen.id, mark.present);
      let row = attendance.get(citizen.id);
      const liveLog = row?.log && row.log.status !== LogStatus.VOIDED && row.status === AttendanceStatus.PRESENT ? row.log : null;
      if (mark.present) {
        if (liveLog) {
          line(LineOutcome.ALREADY_RECORDED, liveLog);
          continue;
        }
        const already = dayHours.get(`${citizen.id}|${day}`) ?? 0;
        if (hours > 0 && already + hours > MAX_DAY_HOURS + 1e-9) {
          line(LineOutcome.REJECTED, null, 'DAILY_HOURS_EXCEEDED', `At most ${MAX_DAY_HOURS} hours can be recorded on one day; ${already} are already recorded on ${day}`, {
            max: MAX_DAY_HOURS,
            already,
            day,
          });
          continue;
        }
        const log = hours > 0 ? this.createLog(ctx, session, citizen, day, recordedBy) : null;
        dayHours.set(`${citizen.id}|${day}`, already + hours);
        row = this.mark(ctx, row, session, citizen, AttendanceStatus.PRESENT, method, recordedBy, log);
        attendance.set(citizen.id, row);
        line(LineOutcome.RECORDED, log);
      } else if (liveLog) {
        Object.assign(liveLog, { status: LogStatus.VOIDED, statusReason: mark.reason ?? DEFAULT_ABSENT_REASON, statusChangedAt: ctx.now, statusChangedBy: recordedBy });
        dayHours.set(`${citizen.id}|${day}`, (dayHours.get(`${citizen.id}|${day}`) ?? 0) - liveLog.hours);
        this.mark(ctx, row, session, citizen, AttendanceStatus.ABSENT, method, recordedBy, liveLog);
        line(LineOutcome.MARKED_ABSENT, liveLog);
      } else if (row?.status === AttendanceStatus.ABSENT) {
        line(LineOutcome.ALREADY_RECORDED);
      } else {
        attendance.set(citizen.id, this.mark(ctx, row, session, citizen, AttendanceStatus.ABSENT, method, recordedBy, row?.log ?? null));
        line(LineOutcome.RECORDED);
      }
    }
    await ctx.em.flush();
    return summarise(lines);
  }

  private createLog(ctx: RequestContext, session: ProgrammeSession, citizen: Citizen, day: string, recordedBy: Account | null): LearningLog {
    return ctx.em.create(LearningLog, {
      citizen,
      source: LogSource.ATTENDANCE,
      session,
      occurredOn: day,
      hours: session.creditedHours,
      topics: session.programme.topics,
      result: LogResult.PARTICIPATED,
      institution: session.institution,
      recordedBy,
      status: LogStatus.VERIFIED,
    });
  }

  private mark(
    ctx: RequestContext,
    row: Attendance | undefined,
    session: ProgrammeSession,
    citizen: Citizen,
    status: AttendanceStatus,
    method: AttendanceMethod,
    recordedBy: Account | null,
    log: LearningLog | null,
  ): Attendance {
    if (row) return Object.assign(row, { status, method, recordedBy, log, markedAt: ctx.now });
    return ctx.em.create(Attendance, { session, citizen, status, method, recordedBy, log, markedAt: ctx.now });
  }
}

function checkLines(count: number): void {
  if (count === 0) throw new UserInputError('EMPTY_ROSTER');
  if (count > MAX_ROSTER_LINES) throw new UserInputError('ROSTER_TOO_LONG', null, { max: MAX_ROSTER_LINES });
}

function checkSessionOpenForAttendance(session: ProgrammeSession, now: Date): void {
  if (session.status === SessionStatus.CANCELLED) throw new UserInputError('SESSION_CANCELLED', ['sessionId']);
  if (session.startsAt.getTime() - CHECK_IN_MARGIN_MS > now.getTime()) {
    throw new UserInputError('SESSION_NOT_STARTED', ['sessionId']);
  }
  if (todayInVietnam(session.startsAt) > todayInVietnam(now)) throw new UserInputError('DATE_IN_FUTURE', ['sessionId']);
}
