/** Vietnam has kept UTC+7 without daylight saving since 1975; periods are counted in it. */
export const VIETNAM_OFFSET_MS = 7 * 3600_000;

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** The wall-clock time of an instant in Vietnam, to the second: `2026-12-10T08:00:00`. */
export function vietnamClock(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 19);
}

/** A day YYYY-MM-DD the way Vietnamese documents write it: "ngày 01 tháng 01 năm 2026". */
export function vietnameseDate(day: string): string {
  const [year, month, date] = day.split('-');
  return `ngày ${date} tháng ${month} năm ${year}`;
}

/** Today's calendar day in Asia/Ho_Chi_Minh, YYYY-MM-DD. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}
