import { CHECK_IN_MARGIN_MS, CHECK_IN_WINDOW_MS, CheckInCodes } from '../../src/learning/attendance/check-in-code';
import { isoDuration } from '../../src/learning/records/xapi';

const codes = new CheckInCodes('unit-test-secret-unit-test-secret');
const startsAt = new Date('2026-03-02T01:00:00Z');
const session = { id: '11111111-1111-4111-8111-111111111111', startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3_600_000) };
const other = { ...session, id: '22222222-2222-4222-8222-222222222222' };

describe('check-in codes', () => {
  it('are issued only from 30 minutes before the start to 30 minutes after the end', () => {
    expect(codes.current(session, new Date(startsAt.getTime() - CHECK_IN_MARGIN_MS - 1))).toBeNull();
    expect(codes.current(session, new Date(startsAt.getTime() - CHECK_IN_MARGIN_MS))).not.toBeNull();
    expect(codes.current(session, new Date(session.endsAt.getTime() + CHECK_IN_MARGIN_MS + 1))).toBeNull();
  });

  it('are accepted in their window and the next one, then expire, and never for another session', () => {
    const now = new Date(startsAt.getTime() + 10 * 60_000);
    const { code, validUntil } = codes.current(session, now) as { code: string; validUntil: Date };
    expect(codes.verify(session, code, now)).toBe(true);
    expect(codes.verify(session, code, new Date(now.getTime() + CHECK_IN_WINDOW_MS))).toBe(true);
    expect(codes.verify(session, code, validUntil)).toBe(false);
    expect(codes.verify(other, code, now)).toBe(false);
    expect(codes.verify(session, 'AAAAAAAA', now)).toBe(false);
  });
});

describe('xAPI durations', () => {
  it.each([
    [4, 'PT4H'],
    [1.5, 'PT1H30M'],
    [0.25, 'PT15M'],
  ])('writes %p hours as %s', (hours, expected) => {
    expect(isoDuration(hours)).toBe(expected);
  });
});
