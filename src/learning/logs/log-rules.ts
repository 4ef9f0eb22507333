import type { EntityManager } from '@mikro-orm/postgresql';
import { UserInputError } from '../../core/errors';
import { pgArray } from '../../infra/sql';

export const MAX_LOG_HOURS = 12;
export const MAX_DAY_HOURS = 16;

/** Hours of one log: more than 0, at most 12, in hundredths. */
function checkHours(hours: number, field: string[] = ['hours']): number {
  if (!Number.isFinite(hours) || hours <= 0 || hours > MAX_LOG_HOURS) {
    throw new UserInputError('INVALID_HOURS', field, { max: MAX_LOG_HOURS });
  }
  return Math.round(hours * 100) / 100;
}

/** A log is dated on a day that has begun in Vietnam. */
function checkNotFuture(occurredOn: string, today: string, field: string[] = ['occurredOn']): void {
  if (occurredOn > today) throw new UserInputError('DATE_IN_FUTURE', field);
}

/**
 * Locks the citizens' rows for the rest of the transaction, so the checks of the daily total and
 * of the idempotency key see every log committed before and none can slip in between.
 */
export async function lockCitizens(em: EntityManager, citizenIds: string[]): Promise<void> {
  if (!citizenIds.length) return;
  await em.execute('select id from citizen where id = any(?::uuid[]) order by id for update', [pgArray(citizenIds)]);
}

/** Hours of counting logs (not voided, not rejected) of each citizen on each day: key `citizenId|day`. */
export async function countingHoursByDay(em: EntityManager, citizenIds: string[], days: string[]): Promise<Map<string, number>> {
  if (!citizenIds.length) return new Map();
  const rows = await em.execute<{ citizen_id: string; day: string; hours: string }[]>(
    `select citizen_id, to_char(occurred_on, 'YYYY-MM-DD') as day, sum(hours)::text as hours from learning_log
      where citizen_id = any(?::uuid[]) and occurred_on = any(?::date[]) and status in ('PENDING', 'VERIFIED')
      group by citizen_id, occurred_on`,
    [pgArray(citizenIds), pgArray(days)],
  );
  return new Map(rows.map((row) => [`${row.citizen_id}|${row.day}`, Number(row.hours)]));
}

function checkDayTotal(already: number, hours: number, day: string): void {
  if (already + hours > MAX_DAY_HOURS + 1e-9) {
    throw new UserInputError('DAILY_HOURS_EXCEEDED', ['hours'], { max: MAX_DAY_HOURS, already, day });
  }
}

/** Whether the records of `year` are closed for a unit on the path (the residence or any unit above it). */
export async function isYearClosed(em: EntityManager, unitPath: string, year: number): Promise<boolean> {
  const unitIds = unitPath.split('/').filter(Boolean);
  const rows = await em.execute<{ closed: boolean }[]>(
    'select exists (select 1 from learning_year_closure where year = ? and unit_id = any(?::uuid[])) as closed',
    [year, pgArray(unitIds)],
  );
  return rows[0]?.closed === true;
}

/** A new log as the rules see it: whose, which day, how many hours. */
export interface NewLogFacts {
  citizen: { id: string; residence: { path: string } };
  occurredOn: string;
  hours: number;
}

/**
 * The rules every new learning log follows, however it arrives (GraphQL, a CSV line, an xAPI
 * statement, a resource's study): hours above 0 and at most MAX_LOG_HOURS (refused, never
 * clamped), not dated in the future, not in a closed learning year, at most MAX_DAY_HOURS counting
 * hours on the day. One checker per transaction, after the citizens are locked (lockCitizens); it
 * keeps the day totals and closed years it read, and `count` adds a log just created to its day.
 */
export class NewLogRules {
  private readonly closedYears = new Map<string, boolean>();

  constructor(
    private readonly em: EntityManager,
    private readonly today: string,
    private readonly dayHours: Map<string, number> = new Map(),
  ) {}

  /** A checker with the day totals of these citizens on these days read at once (for a batch). */
  static async forBatch(em: EntityManager, today: string, citizenIds: string[], days: string[]): Promise<NewLogRules> {
    return new NewLogRules(em, today, await countingHoursByDay(em, citizenIds, days));
  }

  /** Throws the UserInputError of the first rule broken; the hours in hundredths otherwise. */
  async check(log: NewLogFacts, fields: { hours: string[]; occurredOn: string[] } = { hours: ['hours'], occurredOn: ['occurredOn'] }): Promise<number> {
    const hours = checkHours(log.hours, fields.hours);
    checkNotFuture(log.occurredOn, this.today, fields.occurredOn);
    const year = log.occurredOn.slice(0, 4);
    const closedKey = `${log.citizen.residence.path}|${year}`;
    if (!this.closedYears.has(closedKey)) this.closedYears.set(closedKey, await isYearClosed(this.em, log.citizen.residence.path, Number(year)));
    if (this.closedYears.get(closedKey)) throw new UserInputError('YEAR_CLOSED', fields.occurredOn, { year });
    const dayKey = `${log.citizen.id}|${log.occurredOn}`;
    if (!this.dayHours.has(dayKey)) this.dayHours.set(dayKey, (await countingHoursByDay(this.em, [log.citizen.id], [log.occurredOn])).get(dayKey) ?? 0);
    checkDayTotal(this.dayHours.get(dayKey) ?? 0, hours, log.occurredOn);
    return hours;
  }

  /** Counts a log just created (and checked) in its day's total. */
  count(log: NewLogFacts): void {
    const dayKey = `${log.citizen.id}|${log.occurredOn}`;
    this.dayHours.set(dayKey, (this.dayHours.get(dayKey) ?? 0) + log.hours);
  }
}

/**
 * Of these logs, those that someone other than `accountId` may verify: another assessor of a unit
 * containing the citizen's residence, or staff of the institution the log names (enabled accounts).
 * What an official entered for a citizen is verified by such a person when there is one.
 */
export async function logsOthersMayVerify(em: EntityManager, logIds: string[], accountId: string): Promise<Set<string>> {
  if (!logIds.length) return new Set();
  const rows = await em.execute<{ id: string }[]>(
    `select l.id from learning_log l
       join citizen c on c.id = l.citizen_id
       join administrative_unit r on r.id = c.residence_id
      where l.id = any(?::uuid[])
        and exists (select 1 from role_grant g
                      join account a on a.id = g.account_id and a.disabled_at is null
                      left join administrative_unit gu on gu.id = g.unit_id
                     where g.account_id <> ?
                       and ((g.role = 'ASSESSOR' and starts_with(r.path, gu.path)) or (g.role = 'INSTITUTION_STAFF' and g.institution_id = l.institution_id)))`,
    [pgArray(logIds), accountId],
  );
  return new Set(rows.map((row) => row.id));
}
