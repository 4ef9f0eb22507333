import 'reflect-metadata';
import cluster from 'node:cluster';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo/demo-accounts';
import { loadDemoData } from '../demo/demo-data';
import { startWorkers } from '../../workers/host';
import { forkApiProcesses } from '../app/api-processes';
import { runProcess } from '../app/run';
import { listenApi, serveApi } from './serve-api';

/**
 * `npm start`: API and workers on the embedded defaults, migrated, with demo data; one process, or with API_PROCESSES
 * above 1 this one migrates and runs the workers while that many API processes serve one port.
 */
if (cluster.isWorker) serveApi();
else {
  runProcess({ migrate: true, redisPurpose: 'api' }, async (started) => {
    const { config, log, runtime, shutdown } = started;
    if (config.loadDemoData) await loadDemoData(runtime);
    const workers = await startWorkers(runtime);
    shutdown.add(() => workers.close());
    let port: number;
    if (config.apiProcesses > 1) {
      const processes = forkApiProcesses(config.apiProcesses, log, () => shutdown.stop(1, { reason: 'an API process failed to start' }));
      shutdown.add(() => processes.stop());
      port = await processes.listening;
    } else {
      port = await listenApi(started);
    }
    const url = `http://localhost:${port}/graphql`;
    log.info({ url, processes: config.apiProcesses }, 'API ready');
    console.log(`\nLifelong-learning API: ${url}${config.sandbox ? ' (open it in a browser for the Apollo Sandbox)' : ''}`);
    if (config.loadDemoData) {
      console.log(`Demo accounts (password "${DEMO_PASSWORD}"): ${Object.entries(DEMO_ACCOUNTS).map(([role, login]) => `${role} ${login}`).join(', ')}\n`);
    }
  });
}
