import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../core/paths';
import { README_CODE_TABLE, SCHEMA_FILE } from './generated-files';
import { runCli } from '../app/run';

/**
 * `schema:print` writes schema/schema.graphql and README's table of UserError codes;
 * `schema:check` fails when either differs from the code. A second argument names another file to
 * print or check the schema in, and leaves the README alone.
 */
runCli(async () => {
  const [mode, other] = process.argv.slice(2);
  const targets = other ? [{ ...SCHEMA_FILE, file: path.resolve(other) }] : [SCHEMA_FILE, README_CODE_TABLE];
  for (const { file, render } of targets) {
    const name = path.relative(PROJECT_ROOT, file);
    const committed = await readFile(file, 'utf8').catch(() => '');
    const printed = await render(committed);
    if (mode === 'print') {
      if (printed !== committed) await writeFile(file, printed);
      console.log(`wrote ${name}`);
      continue;
    }
    if (committed !== printed) {
      const committedLines = committed.split('\n');
      const firstDifference = printed.split('\n').findIndex((line, index) => line !== committedLines[index]);
      throw new Error(`${name} differs from the code (first at line ${firstDifference + 1}); run \`npm run schema:print\` and commit the file`);
    }
    console.log(`${name} matches the code`);
  }
});
