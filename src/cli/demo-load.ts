import { loadConfig } from '../config';
import { loadDemoData } from '../demo/demo-data';
import { createLogger } from '../infra/logger';
import { migrate, openDatabase } from '../infra/database';
import { createServices } from '../services';
import { runCli } from './run';

/** `npm run demo:load`: the reference units and, on an empty catalogue, the demo data. */
runCli(async () => {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const orm = await openDatabase(config, log);
  try {
    await migrate(orm, log);
    await loadDemoData(orm.em, createServices(config), log);
  } finally {
    await orm.close();
  }
});
