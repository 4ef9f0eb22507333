import type { EntityManager } from '@mikro-orm/postgresql';
import { UserInputError } from '../../core/errors';
import { pgArray } from '../../infra/sql';

export const MAX_LOG_HOURS = 12;
export const MAX_DAY_HOURS = 16;

/** Hours of one log: more than 0, at most 12, in hundredths. */
export function checkHours(hours: number, field: string[] = ['hours']): number {
  if (!Number.isFinite(hours) || hours <= 0 || hours > MAX_LOG_HOURS) {
    throw new UserInputError('INVALID_HOURS', `A log has more than 0 and at most ${MAX_LOG_HOURS} hours`, field);
  }
  return Math.round(hours * 100) / 100;
}

/** A log is dated on a day that has begun in Vietnam. */
export function checkNotFuture(occurredOn: string, today: string, field: string[] = ['occurredOn']): void {
  if (occurredOn > today) throw new UserInputError('DATE_IN_FUTURE', `The day ${occurredOn} has not come yet`, field);
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

export function checkDayTotal(already: number, hours: number, day: string): void {
  if (already + hours > MAX_DAY_HOURS + 1e-9) {
    throw new UserInputError(
      'DAILY_HOURS_EXCEEDED',
      `At most ${MAX_DAY_HOURS} hours of learning can be recorded on one day; ${already} are already recorded on ${day}`,
      ['hours'],
    );
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
