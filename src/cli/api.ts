import { loadConfig } from '../config';
import { openRuntime } from '../runtime';
import { createApiServer } from '../server';
import { runCli } from './run';
import { onShutdown } from './shutdown';

/** `npm run api`: the API alone, for production (run `npm run migrate` first, workers apart). */
runCli(async () => {
  const config = loadConfig();
  const runtime = await openRuntime(config, { migrate: false, redisPurpose: 'api' });
  const api = await createApiServer(runtime);
  await new Promise<void>((resolve) => api.httpServer.listen(config.port, config.host, resolve));
  runtime.log.info({ port: config.port }, 'API ready');
  onShutdown(runtime.log, async () => {
    await api.stop();
    await runtime.close();
  }, config.shutdownGraceMs + 5_000);
});
