import cluster from 'node:cluster';
import type { Logger } from '../infra/logger';

/**
 * V8 flags of an API process: semi-spaces of 32 MB (16 by default) halve the scavenges of a request-heavy young
 * generation — garbage collection went from 0.36 to 0.16 ms per point lookup. `npm run api`, docker/Dockerfile and
 * docker/compose.yml start the API with them too; node:cluster workers are given them here.
 */
export const API_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];

/** A process that ends this soon after it started is failing at start-up: forking it again would only loop. */
const START_UP_MS = 10_000;

/**
 * The primary of `count` API processes sharing one listening port (node:cluster hands each connection to one of them,
 * so a WebSocket stays with the process that accepted it; events reach every process through Redis). It forks them,
 * forks again one that dies after start-up, and on SIGTERM/SIGINT passes the signal on and exits when all have stopped
 * (each finishes its requests in flight under its own grace period).
 */
export function runApiPrimary(count: number, log: Logger): void {
  let stopping = false;
  const startedAt = new Map<number, number>();
  const fork = (): void => {
    startedAt.set(cluster.fork().id, Date.now());
  };
  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) {
      // With the code stop() set: 1 when a process could not start.
      if (startedAt.size === 0) process.exit();
      return;
    }
    log.error({ pid: worker.process.pid, code, signal }, 'an API process exited');
    if (lived < START_UP_MS) {
      log.error('it failed while starting; stopping the others');
      stop(1);
      return;
    }
    fork();
  });
  const stop = (exitCode: number): void => {
    if (stopping) return;
    stopping = true;
    process.exitCode = exitCode;
    if (startedAt.size === 0) process.exit();
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', () => stop(0));
  process.on('SIGINT', () => stop(0));
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...API_NODE_FLAGS.filter((flag) => !process.execArgv.includes(flag))] });
  log.info({ processes: count }, 'starting API processes');
  for (let index = 0; index < count; index += 1) fork();
}
