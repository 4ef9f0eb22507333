import { loadConfig } from '../config';
import { createLogger } from '../infra/logger';
import { openRuntime } from '../runtime';
import { createApiServer } from '../server';
import { runCli } from './run';
import { Shutdown } from './shutdown';

/** `npm run api`: the API alone, for production (run `npm run migrate` first, workers apart). */
runCli(async () => {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const shutdown = new Shutdown(log, config.shutdownGraceMs);
  const runtime = await openRuntime(config, { migrate: false, redisPurpose: 'api', log });
  shutdown.add(() => runtime.close());
  const api = await createApiServer(runtime);
  shutdown.add(() => api.stop());
  await new Promise<void>((resolve) => api.httpServer.listen(config.port, config.host, resolve));
  log.info({ port: config.port }, 'API ready');
});
