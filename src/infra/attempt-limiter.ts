import type { Redis } from 'ioredis';
import type { Logger } from './logger';

/** How failed attempts at a secret are limited, per subject (a login) and per source (an address). */
export interface AttemptPolicy {
  /** Failures of a subject after which every further attempt waits `delayMs`, doubling with each failure. */
  freeFailures: number;
  delayMs: number;
  /** Failures of a subject that lock it for `lockMs`. */
  lockFailures: number;
  lockMs: number;
  /** Failures of a source across subjects that stop it; 0 for no limit. */
  sourceFailures: number;
  /** A count is forgotten once this long passes without a failure. */
  windowMs: number;
}

export type AttemptVerdict =
  /** Go ahead; if the attempt fails, it is the subject's failure number `failures` (already counted). */
  | { kind: 'allowed'; failures: number }
  | { kind: 'delayed' | 'locked' | 'source-limited'; retryAfterMs: number };

/*
 * One round trip decides and reserves: the attempt is counted as a failure before the secret is
 * checked, so parallel attempts cannot all slip through the same gap; `succeeded` takes it back.
 * Time is Redis's own, so every API process agrees. KEYS: subject hash, source counter.
 * ARGV: freeFailures, delayMs, lockFailures, lockMs, sourceFailures (0: none), windowMs, hasSource.
 */
const BEGIN_ATTEMPT = `
local freeFailures, delayMs, lockFailures, lockMs = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local sourceFailures, windowMs, hasSource = tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7] == '1'
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local function ttl(key) return math.max(redis.call('PTTL', key), 1) end
if hasSource and sourceFailures > 0 and tonumber(redis.call('GET', KEYS[2]) or '0') >= sourceFailures then
  return {'source-limited', ttl(KEYS[2])}
end
local failures = tonumber(redis.call('HGET', KEYS[1], 'failures') or '0')
if failures >= lockFailures then return {'locked', ttl(KEYS[1])} end
local retryAt = tonumber(redis.call('HGET', KEYS[1], 'retryAt') or '0')
if retryAt > now then return {'delayed', retryAt - now} end
failures = failures + 1
local wait = 0
if failures >= lockFailures then
  wait = lockMs
elseif failures >= freeFailures then
  wait = math.min(delayMs * 2 ^ (failures - freeFailures), lockMs)
end
redis.call('HSET', KEYS[1], 'failures', failures, 'retryAt', now + wait)
redis.call('PEXPIRE', KEYS[1], failures >= lockFailures and lockMs or math.max(windowMs, wait))
if hasSource then
  redis.call('INCR', KEYS[2])
  redis.call('PEXPIRE', KEYS[2], windowMs)
end
return {'allowed', failures}
`;

/** The attempt was right: the subject starts afresh, and the source's count loses the failure reserved for it. */
const ATTEMPT_SUCCEEDED = `
redis.call('DEL', KEYS[1])
if ARGV[1] == '1' and tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then redis.call('DECR', KEYS[2]) end
return 1
`;

/**
 * Counts failed attempts in Redis so that every API process shares them. When Redis does not
 * answer, attempts go ahead unlimited (an outage of the limiter must not become one of signing
 * in); such an outage is logged when it starts and when it ends, not for every attempt.
 */
export class AttemptLimiter {
  private openSince: Date | null = null;

  constructor(
    private readonly redis: Redis,
    /** Prefix of the keys, naming what is limited: `lifelong:sign-in`. */
    private readonly prefix: string,
    private readonly log: Logger,
  ) {}

  /** Decides whether an attempt may go ahead, counting it as a failure if so; null when Redis does not answer. */
  async begin(subject: string, source: string | null, policy: AttemptPolicy): Promise<AttemptVerdict | null> {
    const args = [policy.freeFailures, policy.delayMs, policy.lockFailures, policy.lockMs, policy.sourceFailures, policy.windowMs, source ? 1 : 0];
    const answer = await this.run(BEGIN_ATTEMPT, subject, source, args);
    if (!answer) return null;
    const [kind, value] = answer as [string, number];
    switch (kind) {
      case 'allowed':
        return { kind, failures: value };
      case 'delayed':
      case 'locked':
      case 'source-limited':
        return { kind, retryAfterMs: value };
      default:
        throw new Error(`unexpected answer of the attempt limiter: ${kind}`);
    }
  }

  /** The attempt begun was right: forgets the subject's failures. */
  async succeeded(subject: string, source: string | null): Promise<void> {
    await this.run(ATTEMPT_SUCCEEDED, subject, source, [source ? 1 : 0]);
  }

  private async run(script: string, subject: string, source: string | null, args: number[]): Promise<unknown> {
    try {
      const answer: unknown = await this.redis.eval(script, 2, `${this.prefix}:subject:${subject}`, `${this.prefix}:source:${source ?? ''}`, ...args);
      if (this.openSince) {
        this.log.info({ since: this.openSince, limiter: this.prefix }, 'failed attempts are limited again: Redis answers');
        this.openSince = null;
      }
      return answer;
    } catch (error) {
      if (!this.openSince) {
        this.openSince = new Date();
        this.log.warn({ err: error, limiter: this.prefix }, 'failed attempts are not limited: Redis does not answer, attempts go ahead uncounted');
      }
      return null;
    }
  }
}
