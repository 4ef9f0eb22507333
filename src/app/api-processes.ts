import cluster from 'node:cluster';
import type { Logger } from '../infra/logger';

/**
 * V8 flags of an API process: semi-spaces of 32 MB (16 by default) halve the scavenges of a request-heavy young
 * generation — garbage collection went from 0.36 to 0.16 ms per point lookup. `npm start`, `npm run api`, docker/Dockerfile and
 * docker/compose.yml start the API with them too; node:cluster workers are given them here.
 */
export const API_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];

/** A process that ends this soon after it started is failing at start-up: forking it again would only loop. */
const START_UP_MS = 10_000;

export interface ApiProcesses {
  /** Resolves with the port once every process listens on it. */
  listening: Promise<number>;
  /** Passes SIGTERM to every process (each finishes its requests in flight) and resolves when all have exited. */
  stop(): Promise<void>;
}

/**
 * Forks `count` API processes sharing one listening port (node:cluster hands each connection to one of them, so a
 * WebSocket stays with the process that accepted it; events reach every process through Redis), and forks again one
 * that dies after start-up. One that dies while starting calls `onFailedStart` instead: forking it again would loop.
 */
export function forkApiProcesses(count: number, log: Logger, onFailedStart: () => void): ApiProcesses {
  const startedAt = new Map<number, number>();
  let stopped: Promise<void> | null = null;
  let allExited = (): void => undefined;
  let listened = 0;
  let portListened = (_port: number): void => undefined;
  const listening = new Promise<number>((resolve) => (portListened = resolve));
  const fork = (): void => {
    startedAt.set(cluster.fork().id, Date.now());
  };
  cluster.on('listening', (_worker, address) => {
    listened += 1;
    if (listened === count) portListened(address.port);
  });
  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopped) {
      if (startedAt.size === 0) allExited();
      return;
    }
    log.error({ pid: worker.process.pid, code, signal }, 'an API process exited');
    if (lived < START_UP_MS) {
      log.error('it failed while starting; stopping the others');
      onFailedStart();
      return;
    }
    fork();
  });
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...API_NODE_FLAGS.filter((flag) => !process.execArgv.includes(flag))] });
  log.info({ processes: count }, 'starting API processes');
  for (let index = 0; index < count; index += 1) fork();
  return {
    listening,
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        allExited = resolve;
        if (startedAt.size === 0) resolve();
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
      });
      return stopped;
    },
  };
}
