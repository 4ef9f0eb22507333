import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** A code lasts one window; the previous window's code is still accepted, so a code shown is good for 5 to 10 minutes. */
export const CHECK_IN_WINDOW_MS = 5 * 60_000;
/** Check-in opens this long before a session starts and closes this long after it ends. */
export const CHECK_IN_MARGIN_MS = 30 * 60_000;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

export interface SessionTimes {
  id: string;
  startsAt: Date;
  endsAt: Date;
}

export interface CheckInCode {
  code: string;
  validUntil: Date;
}

/**
 * Short-lived check-in codes: an HMAC over the session id and the time window, so a code is
 * worthless for another session or after two windows, and only issued around the session's time.
 */
export class CheckInCodes {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHash('sha256').update(`check-in:${secret}`).digest();
  }

  /** The code to show now, or null outside the check-in period of the session. */
  current(session: SessionTimes, now: Date): CheckInCode | null {
    if (!isCheckInOpen(session, now)) return null;
    const window = Math.floor(now.getTime() / CHECK_IN_WINDOW_MS);
    const closes = session.endsAt.getTime() + CHECK_IN_MARGIN_MS;
    return { code: this.codeFor(session.id, window), validUntil: new Date(Math.min((window + 2) * CHECK_IN_WINDOW_MS, closes)) };
  }

  verify(session: SessionTimes, code: string, now: Date): boolean {
    if (!isCheckInOpen(session, now)) return false;
    const typed = Buffer.from(code.trim().toUpperCase());
    const window = Math.floor(now.getTime() / CHECK_IN_WINDOW_MS);
    return [window, window - 1].some((w) => {
      const expected = Buffer.from(this.codeFor(session.id, w));
      return expected.length === typed.length && timingSafeEqual(expected, typed);
    });
  }

  private codeFor(sessionId: string, window: number): string {
    const mac = createHmac('sha256', this.key).update(`${sessionId}:${window}`).digest();
    let code = '';
    for (let i = 0; i < CODE_LENGTH; i += 1) code += ALPHABET[(mac[i] as number) % ALPHABET.length];
    return code;
  }
}

export function isCheckInOpen(session: SessionTimes, now: Date): boolean {
  const t = now.getTime();
  return t >= session.startsAt.getTime() - CHECK_IN_MARGIN_MS && t <= session.endsAt.getTime() + CHECK_IN_MARGIN_MS;
}
