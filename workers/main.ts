import { loadConfig } from '../src/config';
import { onShutdown } from '../src/cli/shutdown';
import { openRuntime } from '../src/runtime';
import { startWorkers } from './host';

/** `npm run worker`: the workers alone, for production (the API runs apart). */
async function main(): Promise<void> {
  const runtime = await openRuntime(loadConfig(), { migrate: false, redisPurpose: 'worker' });
  const host = await startWorkers(runtime);
  onShutdown(runtime.log, async () => {
    await host.close();
    await runtime.close();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
