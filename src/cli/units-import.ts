import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { runDatabaseTool } from '../app/run';

/** `npm run units:import -- file.csv [more.csv]`: imports administrative units and prints the report. */
runDatabaseTool(async ({ orm, services }) => {
  const files = process.argv.slice(2);
  if (!files.length) throw new Error('usage: npm run units:import -- units.csv [more.csv …]');
  let rejected = 0;
  for (const file of files) {
    const report = await services.unitImport.importCsv(orm.em.fork(), await readFile(file, 'utf8'));
    console.log(
      `${file}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected, ${report.successorsLinked} successors linked`,
    );
    for (const row of report.rejected) console.log(`  line ${row.line}${row.code ? ` (${row.code})` : ''}: ${row.reason}`);
    rejected += report.rejected.length;
  }
  if (rejected) process.exitCode = 2;
}, 'warn');
