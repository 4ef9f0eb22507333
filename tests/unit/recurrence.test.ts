import { RecurrenceFrequency } from '../../src/catalogue/catalogue.enums';
import { expandRecurrence, MAX_OCCURRENCES, type Occurrence } from '../../src/catalogue/programmes/recurrence';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A session starting at an instant written in UTC, lasting `hours`. */
function session(startsAtUtc: string, hours = 2): Occurrence {
  const startsAt = new Date(startsAtUtc);
  return { startsAt, endsAt: new Date(startsAt.getTime() + hours * HOUR) };
}

function starts(occurrences: Occurrence[] | null): string[] {
  if (!occurrences) throw new Error('expected a series, got null');
  return occurrences.map((occurrence) => occurrence.startsAt.toISOString());
}

/** The wall clock in Vietnam (UTC+7) of an instant, "YYYY-MM-DD HH:mm". */
function vietnamClock(instant: Date): string {
  return new Date(instant.getTime() + 7 * HOUR).toISOString().slice(0, 16).replace('T', ' ');
}

describe('expandRecurrence', () => {
  it('repeats a 19:00 (Vietnam) session every week up to the last day, keeping 12:00 UTC and the length', () => {
    // Monday 2 March 2026, 19:00–21:00 in Vietnam.
    const series = expandRecurrence(session('2026-03-02T12:00:00.000Z'), { frequency: RecurrenceFrequency.WEEKLY, interval: 1, until: '2026-03-30' });
    expect(starts(series)).toEqual([
      '2026-03-02T12:00:00.000Z',
      '2026-03-09T12:00:00.000Z',
      '2026-03-16T12:00:00.000Z',
      '2026-03-23T12:00:00.000Z',
      '2026-03-30T12:00:00.000Z',
    ]);
    for (const occurrence of series ?? []) {
      expect(occurrence.endsAt.getTime() - occurrence.startsAt.getTime()).toBe(2 * HOUR);
      expect(vietnamClock(occurrence.startsAt).slice(11)).toBe('19:00');
    }
  });

  it('counts `until` as included and stops the day before it', () => {
    const first = session('2026-03-02T12:00:00.000Z');
    const weekly = { frequency: RecurrenceFrequency.WEEKLY, interval: 1 };
    expect(starts(expandRecurrence(first, { ...weekly, until: '2026-03-16' }))).toHaveLength(3);
    expect(starts(expandRecurrence(first, { ...weekly, until: '2026-03-15' }))).toHaveLength(2);
    // A series whose first session is on the last day is that one session.
    expect(starts(expandRecurrence(first, { ...weekly, until: '2026-03-02' }))).toEqual(['2026-03-02T12:00:00.000Z']);
  });

  it('reads `until` as a day in Vietnam, not in UTC, for a morning session that starts the evening before in UTC', () => {
    // 06:00 on Monday 2 March in Vietnam is 23:00 on Sunday 1 March in UTC.
    const series = expandRecurrence(session('2026-03-01T23:00:00.000Z'), { frequency: RecurrenceFrequency.WEEKLY, interval: 1, until: '2026-03-15' });
    // The third session would start on Monday 16 March in Vietnam (still 15 March in UTC): after the last day.
    expect(starts(series)).toEqual(['2026-03-01T23:00:00.000Z', '2026-03-08T23:00:00.000Z']);
    expect((series ?? []).map((occurrence) => vietnamClock(occurrence.startsAt))).toEqual(['2026-03-02 06:00', '2026-03-09 06:00']);
  });

  it('repeats every two weeks', () => {
    const series = expandRecurrence(session('2026-03-02T12:00:00.000Z'), { frequency: RecurrenceFrequency.WEEKLY, interval: 2, until: '2026-04-12' });
    expect(starts(series)).toEqual(['2026-03-02T12:00:00.000Z', '2026-03-16T12:00:00.000Z', '2026-03-30T12:00:00.000Z']);
  });

  it('repeats monthly on the same day of the month and at the same time', () => {
    const series = expandRecurrence(session('2026-01-15T02:30:00.000Z', 3), { frequency: RecurrenceFrequency.MONTHLY, interval: 1, until: '2026-05-15' });
    expect(starts(series)).toEqual([
      '2026-01-15T02:30:00.000Z',
      '2026-02-15T02:30:00.000Z',
      '2026-03-15T02:30:00.000Z',
      '2026-04-15T02:30:00.000Z',
      '2026-05-15T02:30:00.000Z',
    ]);
    for (const occurrence of series ?? []) expect(occurrence.endsAt.getTime() - occurrence.startsAt.getTime()).toBe(3 * HOUR);
  });

  it('skips the months without a 31st, as calendars do, instead of moving the session to another day', () => {
    // 31 January 2026, 19:00 in Vietnam.
    const series = expandRecurrence(session('2026-01-31T12:00:00.000Z'), { frequency: RecurrenceFrequency.MONTHLY, interval: 1, until: '2026-12-31' });
    expect((series ?? []).map((occurrence) => vietnamClock(occurrence.startsAt))).toEqual([
      '2026-01-31 19:00',
      '2026-03-31 19:00',
      '2026-05-31 19:00',
      '2026-07-31 19:00',
      '2026-08-31 19:00',
      '2026-10-31 19:00',
      '2026-12-31 19:00',
    ]);
  });

  it('keeps the day of the month in Vietnam when that day starts the evening before in UTC', () => {
    // 06:00 on 31 January in Vietnam is 23:00 on 30 January in UTC: the series is on the 31st in Vietnam.
    const series = expandRecurrence(session('2026-01-30T23:00:00.000Z'), { frequency: RecurrenceFrequency.MONTHLY, interval: 1, until: '2026-05-31' });
    expect(starts(series)).toEqual(['2026-01-30T23:00:00.000Z', '2026-03-30T23:00:00.000Z', '2026-05-30T23:00:00.000Z']);
  });

  it('repeats every two months, skipping a month without the day', () => {
    const series = expandRecurrence(session('2026-01-31T12:00:00.000Z'), { frequency: RecurrenceFrequency.MONTHLY, interval: 2, until: '2026-09-30' });
    // March, May, July have a 31st; September does not.
    expect((series ?? []).map((occurrence) => vietnamClock(occurrence.startsAt).slice(0, 10))).toEqual(['2026-01-31', '2026-03-31', '2026-05-31', '2026-07-31']);
  });

  it(`allows exactly ${MAX_OCCURRENCES} sessions and refuses one more with null`, () => {
    expect(MAX_OCCURRENCES).toBe(200);
    const first = session('2026-03-02T12:00:00.000Z');
    const lastDay = (weeks: number) => new Date(first.startsAt.getTime() + weeks * 7 * DAY).toISOString().slice(0, 10);
    const full = expandRecurrence(first, { frequency: RecurrenceFrequency.WEEKLY, interval: 1, until: lastDay(MAX_OCCURRENCES - 1) });
    expect(full).toHaveLength(MAX_OCCURRENCES);
    expect(full?.[MAX_OCCURRENCES - 1]?.startsAt.toISOString()).toBe(`${lastDay(MAX_OCCURRENCES - 1)}T12:00:00.000Z`);
    expect(expandRecurrence(first, { frequency: RecurrenceFrequency.WEEKLY, interval: 1, until: lastDay(MAX_OCCURRENCES) })).toBeNull();
    expect(expandRecurrence(first, { frequency: RecurrenceFrequency.MONTHLY, interval: 1, until: '2099-12-31' })).toBeNull();
  });
});
