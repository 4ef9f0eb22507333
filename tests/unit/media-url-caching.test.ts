import { cacheControlOf, SignedUrlLifetime } from '../../src/http/cache-control';
import { signingWindowOf } from '../../src/infra/signing-window';

describe('signingWindowOf', () => {
  it('signs every moment of a window as of its start, valid to the end of the next window', () => {
    const start = Date.UTC(2026, 11, 7, 9, 0, 0);
    for (const offset of [0, 1, 450_000, 899_999]) {
      expect(signingWindowOf(new Date(start + offset), 900)).toEqual({ signedAt: new Date(start), expirySeconds: 1800, validUntil: new Date(start + 1_800_000) });
    }
    expect(signingWindowOf(new Date(start + 900_000), 900).signedAt).toEqual(new Date(start + 900_000));
  });
});

describe('cacheControlOf', () => {
  const anonymousGet = { method: 'GET', identified: false, persisted: true, failed: false };
  const now = Date.UTC(2026, 11, 7, 9, 0, 0);

  it('makes public only a signed-out persisted GET answered without errors', () => {
    expect(cacheControlOf(anonymousGet, 60, null, now)).toBe('public, max-age=60');
    for (const other of [{ method: 'POST' }, { identified: true }, { persisted: false }, { failed: true }]) {
      expect(cacheControlOf({ ...anonymousGet, ...other }, 60, null, now)).toBe('private, no-store');
    }
    expect(cacheControlOf(anonymousGet, 0, null, now)).toBe('private, no-store');
  });

  it('never keeps a response longer than its first signed URL works', () => {
    const urls = new SignedUrlLifetime();
    urls.expiresAt(new Date(now + 45_500));
    urls.expiresAt(new Date(now + 900_000));
    expect(cacheControlOf(anonymousGet, 60, urls.validUntilMs, now)).toBe('public, max-age=45');
    expect(cacheControlOf(anonymousGet, 60, now + 500, now)).toBe('private, no-store');
  });
});
