/**
 * Windows of time a presigned URL is signed for. Every URL of one object signed within the same
 * window is signed with the window's start as its date, so it is byte for byte the same and a
 * cache (a CDN, the browser, an image cache of an app) keeps it; it stays valid for one more window
 * after the one it was signed in, so a URL handed out at the last second of a window still works
 * for a whole window.
 */
export interface SigningWindow {
  /** The signing date: the window's start. */
  signedAt: Date;
  /** Seconds from `signedAt` the URL is valid: two windows. */
  expirySeconds: number;
  /** When the URL stops working: the end of the window after this one. */
  validUntil: Date;
}

/** The window `now` falls in, windows of `windowSeconds` counted from the Unix epoch. */
export function signingWindowOf(now: Date, windowSeconds: number): SigningWindow {
  const windowMs = windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  return { signedAt: new Date(start), expirySeconds: 2 * windowSeconds, validUntil: new Date(start + 2 * windowMs) };
}
