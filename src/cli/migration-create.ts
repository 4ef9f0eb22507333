import 'reflect-metadata';
import { runDatabaseTool } from '../app/run';

/** `npm run migration:create -- name`: applies pending migrations, then writes the difference between entities and schema. */
runDatabaseTool(async ({ orm }) => {
  const result = await orm.getMigrator().createMigration(undefined, false, false, process.argv[2]);
  console.log(result.fileName ? `wrote migrations/${result.fileName}; read it before committing` : 'no schema changes');
}, 'warn');
