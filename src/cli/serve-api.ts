import type { AddressInfo } from 'node:net';
import { createApiServer } from '../http/server';
import { runProcess } from '../app/run';

/** One API process (without workers), on a migrated database: `npm run api`'s, and each forked by a primary. */
export function serveApi(): void {
  runProcess({ migrate: false, redisPurpose: 'api' }, async ({ config, log, runtime, shutdown }) => {
    const api = await createApiServer(runtime);
    shutdown.add(() => api.stop());
    await new Promise<void>((resolve) => api.httpServer.listen(config.port, config.host, resolve));
    log.info({ port: (api.httpServer.address() as AddressInfo).port, pid: process.pid }, 'API ready');
  });
}
