import { createHash } from 'node:crypto';
import type { SignInLimits } from '../core/config';
import { UserInputError } from '../core/errors';
import type { AttemptLimiter, AttemptPolicy } from '../infra/attempt-limiter';
import type { Login } from './credentials';

/** A sign-in attempt let through; if its password is wrong, it is the login's failure number `failures`. */
export interface SignInAttempt {
  subject: string;
  address: string | null;
  /** Null when Redis did not answer and the attempt went ahead uncounted. */
  failures: number | null;
}

/**
 * Failed sign-ins limited per login and per address: after a few failures each attempt waits a
 * growing delay, then the login is locked for a while. The same for a login that has no account,
 * so the answers never tell whether one exists.
 */
export class SignInGuard {
  private readonly policy: AttemptPolicy;

  constructor(
    private readonly limiter: AttemptLimiter,
    private readonly limits: SignInLimits,
  ) {
    this.policy = {
      freeFailures: limits.freeFailures,
      delayMs: limits.delaySeconds * 1000,
      lockFailures: limits.lockFailures,
      lockMs: limits.lockSeconds * 1000,
      sourceFailures: limits.addressFailures,
      windowMs: limits.windowSeconds * 1000,
    };
  }

  /** Refuses an attempt the limits stop, before any password is checked; the attempt is counted as failed until `succeeded`. */
  async begin(login: Login, address: string | null): Promise<SignInAttempt> {
    // Hashed, so Redis holds no email addresses or phone numbers.
    const subject = createHash('sha256').update(login.email === null ? login.phone : login.email).digest('hex');
    const verdict = await this.limiter.begin(subject, address, this.policy);
    if (!verdict) return { subject, address, failures: null };
    if (verdict.kind === 'allowed') return { subject, address, failures: verdict.failures };
    const seconds = Math.max(Math.ceil(verdict.retryAfterMs / 1000), 1);
    switch (verdict.kind) {
      case 'locked':
        throw new UserInputError('SIGN_IN_LOCKED', null, { seconds }).withRetryAfter(seconds);
      case 'delayed':
        throw new UserInputError('SIGN_IN_THROTTLED', null, { seconds }).withRetryAfter(seconds);
      case 'source-limited':
        throw new UserInputError('SIGN_IN_THROTTLED', null, { seconds }).withRetryAfter(seconds);
    }
  }

  /** The lock this attempt started by failing, or null when it started none. */
  lockStartedBy(attempt: SignInAttempt, now: Date): { failedAttempts: number; lockedUntil: Date } | null {
    if (attempt.failures !== this.limits.lockFailures) return null;
    return { failedAttempts: attempt.failures, lockedUntil: new Date(now.getTime() + this.limits.lockSeconds * 1000) };
  }

  /** The password was right: the login's failures are forgotten. */
  async succeeded(attempt: SignInAttempt): Promise<void> {
    if (attempt.failures !== null) await this.limiter.succeeded(attempt.subject, attempt.address);
  }
}
