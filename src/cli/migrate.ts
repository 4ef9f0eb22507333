import { loadConfig } from '../config';
import { migrate, openDatabase } from '../infra/database';
import { createLogger } from '../infra/logger';
import { runCli } from './run';

/** `npm run migrate`: creates the database when missing and applies pending migrations. */
runCli(async () => {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const orm = await openDatabase(config, log);
  try {
    await migrate(orm, log);
    log.info('database is up to date');
  } finally {
    await orm.close();
  }
});
