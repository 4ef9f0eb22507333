import { loadConfig } from '../src/config';
import { runCli } from '../src/cli/run';
import { Shutdown } from '../src/cli/shutdown';
import { createLogger } from '../src/infra/logger';
import { openRuntime } from '../src/runtime';
import { startWorkers } from './host';

/** `npm run worker`: the workers alone, for production (the API runs apart). */
runCli(async () => {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const shutdown = new Shutdown(log, config.shutdownGraceMs);
  const runtime = await openRuntime(config, { migrate: false, redisPurpose: 'worker', log });
  shutdown.add(() => runtime.close());
  const host = await startWorkers(runtime);
  shutdown.add(() => host.close());
});
