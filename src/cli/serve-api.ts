import type { AddressInfo } from 'node:net';
import { createApiServer } from '../http/server';
import { runProcess, type LongRunningProcess } from '../app/run';

/** Starts the API on the runtime, stopped on shutdown, and resolves with the port it listens on. */
export async function listenApi({ config, runtime, shutdown }: LongRunningProcess): Promise<number> {
  const api = await createApiServer(runtime);
  shutdown.add(() => api.stop());
  await new Promise<void>((resolve) => api.httpServer.listen(config.port, config.host, resolve));
  return (api.httpServer.address() as AddressInfo).port;
}

/** One API process (without workers), on a migrated database: `npm run api`'s, and each forked by a primary. */
export function serveApi(): void {
  runProcess({ migrate: false, redisPurpose: 'api' }, async (started) => {
    started.log.info({ port: await listenApi(started), pid: process.pid }, 'API ready');
  });
}
