import 'reflect-metadata';
import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../core/config';
import { createLogger } from '../infra/logger';
import { createApiServer } from '../http/server';
import { runApiPrimary } from '../app/api-processes';
import { runCli, runProcess } from '../app/run';

/** `npm run api`: the API alone, for production (run `npm run migrate` first, workers apart); API_PROCESSES of them on one port. */
function serve(): void {
  runProcess({ migrate: false, redisPurpose: 'api' }, async ({ config, log, runtime, shutdown }) => {
    const api = await createApiServer(runtime);
    shutdown.add(() => api.stop());
    await new Promise<void>((resolve) => api.httpServer.listen(config.port, config.host, resolve));
    log.info({ port: (api.httpServer.address() as AddressInfo).port, pid: process.pid }, 'API ready');
  });
}

runCli(async () => {
  const config = loadConfig();
  if (cluster.isPrimary && config.apiProcesses > 1) runApiPrimary(config.apiProcesses, createLogger(config.logLevel));
  else serve();
});
