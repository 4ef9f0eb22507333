import 'reflect-metadata';
import { runDatabaseTool } from '../app/run';

/** `npm run migrate`: creates the database when missing and applies pending migrations. */
runDatabaseTool(async ({ log }) => {
  log.info('database is up to date');
});
