import { loadConfig } from '../config';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemoData } from '../demo/demo-data';
import { openRuntime } from '../runtime';
import { createApiServer } from '../server';
import { startWorkers } from '../../workers/host';
import { runCli } from './run';
import { onShutdown } from './shutdown';

/** `npm start`: API and workers in one process on the embedded defaults, migrated, with demo data. */
runCli(async () => {
  const config = loadConfig();
  const runtime = await openRuntime(config, { migrate: true, redisPurpose: 'api' });
  if (config.loadDemoData) await loadDemoData(runtime.orm.em, runtime.services, runtime.log);
  const api = await createApiServer(runtime);
  const workers = await startWorkers(runtime);
  await new Promise<void>((resolve) => api.httpServer.listen(config.port, config.host, resolve));
  const url = `http://localhost:${config.port}/graphql`;
  runtime.log.info({ url }, 'API ready');
  console.log(`\nLifelong-learning API: ${url}${config.sandbox ? ' (open it in a browser for the Apollo Sandbox)' : ''}`);
  if (config.loadDemoData) {
    console.log(`Demo accounts (password "${DEMO_PASSWORD}"): ${Object.entries(DEMO_ACCOUNTS).map(([role, login]) => `${role} ${login}`).join(', ')}\n`);
  }
  onShutdown(runtime.log, async () => {
    await api.stop();
    await workers.close();
    await runtime.close();
  }, config.shutdownGraceMs + 5_000);
});
