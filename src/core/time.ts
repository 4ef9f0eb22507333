/** Vietnam has kept UTC+7 without daylight saving since 1975; periods are counted in it. */
export const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** Today's calendar day in Asia/Ho_Chi_Minh, YYYY-MM-DD. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}
