import cluster from 'node:cluster';
import type { Logger } from '../infra/logger';

/**
 * Graceful shutdown on SIGTERM/SIGINT, installed before anything starts so that a signal never
 * meets the default handler. Steps run last-added first (stop serving before closing the pools);
 * a second signal, or the grace period running out, exits at once with code 1.
 */
export class Shutdown {
  private readonly steps: (() => Promise<void>)[] = [];
  private closing = false;

  constructor(
    private readonly log: Logger,
    private readonly graceMs: number,
  ) {
    process.on('SIGTERM', this.handle);
    process.on('SIGINT', this.handle);
  }

  /** Adds a step to run on shutdown, before the steps added earlier. */
  add(step: () => Promise<void>): void {
    this.steps.unshift(step);
  }

  private readonly handle = (signal: NodeJS.Signals): void => {
    // Ctrl+C in a terminal reaches the whole process group: an API process forked by a primary waits for the SIGTERM
    // the primary passes on, which would otherwise be a second signal and end it at once.
    if (signal === 'SIGINT' && cluster.isWorker) return;
    this.stop(0, { signal });
  };

  /** Runs the steps as a signal would, then exits with `exitCode` (1 when the process cannot go on). */
  stop(exitCode: number, why: Record<string, unknown>): void {
    if (this.closing) process.exit(1);
    this.closing = true;
    this.log.info(why, 'shutting down: finishing requests and jobs in flight');
    const timer = setTimeout(() => {
      this.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, this.graceMs);
    timer.unref();
    this.runSteps().then(
      () => {
        this.log.info('stopped');
        process.exit(exitCode);
      },
      (error: unknown) => {
        this.log.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  }

  private async runSteps(): Promise<void> {
    for (const step of this.steps) await step();
  }
}
