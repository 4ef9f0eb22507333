import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApiServer } from '../http/server';
import { runProcess } from '../app/run';

/** `npm run api`: the API alone, for production (run `npm run migrate` first, workers apart). */
runProcess({ migrate: false, redisPurpose: 'api' }, async ({ config, log, runtime, shutdown }) => {
  const api = await createApiServer(runtime);
  shutdown.add(() => api.stop());
  await new Promise<void>((resolve) => api.httpServer.listen(config.port, config.host, resolve));
  log.info({ port: (api.httpServer.address() as AddressInfo).port }, 'API ready');
});
