import { VIETNAM_OFFSET_MS } from '../../core/time';
import { RecurrenceFrequency } from '../catalogue.enums';

export interface Occurrence {
  startsAt: Date;
  endsAt: Date;
}

export interface Recurrence {
  frequency: RecurrenceFrequency;
  interval: number;
  /** Last calendar day (in Vietnam) an occurrence may start on, YYYY-MM-DD. */
  until: string;
}

export const MAX_OCCURRENCES = 200;

/** The wall-clock of an instant in Vietnam, as a Date whose UTC fields read Vietnamese time. */
function toLocal(instant: Date): Date {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS);
}

function fromLocal(local: Date): Date {
  return new Date(local.getTime() - VIETNAM_OFFSET_MS);
}

/**
 * Expands a first occurrence into the series up to `until`, keeping the local time of day. A
 * monthly series keeps the day of the month and skips months that lack it (the 31st), as
 * calendars do. Returns null when the series would exceed MAX_OCCURRENCES.
 */
export function expandRecurrence(first: Occurrence, rule: Recurrence): Occurrence[] | null {
  const duration = first.endsAt.getTime() - first.startsAt.getTime();
  const firstLocal = toLocal(first.startsAt);
  const lastDay = rule.until;
  const occurrences: Occurrence[] = [];
  for (let step = 0; ; step += 1) {
    const local = new Date(firstLocal.getTime());
    if (rule.frequency === RecurrenceFrequency.WEEKLY) {
      local.setUTCDate(local.getUTCDate() + 7 * rule.interval * step);
    } else {
      local.setUTCDate(1);
      local.setUTCMonth(local.getUTCMonth() + rule.interval * step);
      const daysInMonth = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
      if (firstLocal.getUTCDate() > daysInMonth) {
        if (local.toISOString().slice(0, 10) > lastDay) break;
        continue;
      }
      local.setUTCDate(firstLocal.getUTCDate());
    }
    if (local.toISOString().slice(0, 10) > lastDay) break;
    if (occurrences.length === MAX_OCCURRENCES) return null;
    const startsAt = fromLocal(local);
    occurrences.push({ startsAt, endsAt: new Date(startsAt.getTime() + duration) });
  }
  return occurrences;
}
