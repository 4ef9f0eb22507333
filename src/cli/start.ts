import 'reflect-metadata';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo/demo-accounts';
import { loadDemoData } from '../demo/demo-data';
import { createApiServer } from '../http/server';
import { startWorkers } from '../../workers/host';
import { runProcess } from '../app/run';

/** `npm start`: API and workers in one process on the embedded defaults, migrated, with demo data. */
runProcess({ migrate: true, redisPurpose: 'api' }, async ({ config, log, runtime, shutdown }) => {
  if (config.loadDemoData) await loadDemoData(runtime);
  const workers = await startWorkers(runtime);
  shutdown.add(() => workers.close());
  const api = await createApiServer(runtime);
  shutdown.add(() => api.stop());
  await new Promise<void>((resolve) => api.httpServer.listen(config.port, config.host, resolve));
  const url = `http://localhost:${config.port}/graphql`;
  log.info({ url }, 'API ready');
  console.log(`\nLifelong-learning API: ${url}${config.sandbox ? ' (open it in a browser for the Apollo Sandbox)' : ''}`);
  if (config.loadDemoData) {
    console.log(`Demo accounts (password "${DEMO_PASSWORD}"): ${Object.entries(DEMO_ACCOUNTS).map(([role, login]) => `${role} ${login}`).join(', ')}\n`);
  }
});
