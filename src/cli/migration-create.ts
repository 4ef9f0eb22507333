import { loadConfig } from '../config';
import { migrate, openDatabase } from '../infra/database';
import { runCli } from './run';

/** `npm run migration:create -- name`: applies pending migrations, then writes the difference between entities and schema. */
runCli(async () => {
  const orm = await openDatabase(loadConfig());
  try {
    await migrate(orm);
    const result = await orm.getMigrator().createMigration(undefined, false, false, process.argv[2]);
    console.log(result.fileName ? `wrote migrations/${result.fileName}; read it before committing` : 'no schema changes');
  } finally {
    await orm.close();
  }
});
