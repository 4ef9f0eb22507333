import { readFile } from 'node:fs/promises';
import { loadConfig } from '../config';
import { createLogger } from '../infra/logger';
import { migrate, openDatabase } from '../infra/database';
import { createServices } from '../services';
import { runCli } from './run';

/** `npm run units:import -- file.csv [more.csv]`: imports administrative units and prints the report. */
runCli(async () => {
  const files = process.argv.slice(2);
  if (!files.length) throw new Error('usage: npm run units:import -- units.csv [more.csv …]');
  const config = loadConfig();
  const orm = await openDatabase(config, createLogger('warn'));
  let rejected = 0;
  try {
    await migrate(orm);
    const importer = createServices(config).unitImport;
    for (const file of files) {
      const report = await importer.importCsv(orm.em.fork(), await readFile(file, 'utf8'));
      console.log(`${file}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected, ${report.successorsLinked} successors linked`);
      for (const row of report.rejected) console.log(`  line ${row.line}${row.code ? ` (${row.code})` : ''}: ${row.reason}`);
      rejected += report.rejected.length;
    }
  } finally {
    await orm.close();
  }
  if (rejected) process.exitCode = 2;
});
