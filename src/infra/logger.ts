import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'lifelong-learning' },
    redact: ['req.headers.authorization', '*.password', '*.nationalId'],
  });
}

const requestLogs = new AsyncLocalStorage<Logger>();

/** Runs a request's work with its own logger (bound to its request id) reachable from code that is not given a context. */
export function runWithRequestLog<T>(log: Logger, fn: () => T): T {
  return requestLogs.run(log, fn);
}

/** The logger of the request being served (it carries the request id), else the given one. */
export function requestLog(fallback: Logger): Logger {
  return requestLogs.getStore() ?? fallback;
}
