import 'reflect-metadata';
import { runProcess } from '../src/app/run';
import { startWorkers } from './host';

/** `npm run worker`: the workers alone, for production (the API runs apart). */
runProcess({ migrate: false, redisPurpose: 'worker' }, async ({ runtime, shutdown }) => {
  const host = await startWorkers(runtime);
  shutdown.add(() => host.close());
});
