import 'reflect-metadata';
import { openRuntime } from '../app/runtime';
import { runCli } from '../app/run';
import { loadConfig } from '../core/config';
import { loadDemoData } from '../demo/demo-data';

/**
 * `npm run demo:load`: the reference units and, on an empty catalogue, the demo data. Its media
 * files wait in object storage for the workers (`npm run worker` or `npm start`) to process them.
 */
runCli(async () => {
  const runtime = await openRuntime(loadConfig(), { migrate: true, redisPurpose: 'api' });
  try {
    await loadDemoData(runtime);
  } finally {
    await runtime.close();
  }
});
