import type { Logger } from './logger';

export interface PeriodicTask {
  /** Stops the timer and waits for the pass in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `pass` every `intervalMs` while the process runs, one pass at a time: a pass waiting for
 * Redis is not joined by others. A failing pass is logged when the failures start and when a pass
 * works again, not at every tick of an outage. `pass` is told whether the task was stopped, so a
 * pass that loops over batches ends early at shutdown.
 */
export function startPeriodic(pass: (stopped: () => boolean) => Promise<void>, intervalMs: number, log: Logger, messages: { failing: string; recovered: string }): PeriodicTask {
  let stopped = false;
  let running: Promise<void> | null = null;
  let failing = false;
  const tick = async () => {
    try {
      await pass(() => stopped);
      if (failing) log.info(messages.recovered);
      failing = false;
    } catch (error) {
      if (!failing) log.warn({ err: error }, messages.failing);
      failing = true;
    }
  };
  const timer = setInterval(() => {
    if (running) return;
    running = tick().finally(() => {
      running = null;
    });
  }, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
