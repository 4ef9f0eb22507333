import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildApiSchema } from '../app/schema';
import { PROJECT_ROOT } from '../core/paths';
import { runCli } from './run';

const SCHEMA_FILE = path.join(PROJECT_ROOT, 'schema', 'schema.graphql');

async function printApiSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildApiSchema()))}\n`;
}

/**
 * `schema:print` writes schema/schema.graphql; `schema:check` fails when the file differs from the
 * code. Both take another file as a second argument.
 */
runCli(async () => {
  const [mode, other] = process.argv.slice(2);
  const file = other ? path.resolve(other) : SCHEMA_FILE;
  const name = path.relative(PROJECT_ROOT, file);
  const printed = await printApiSchema();
  if (mode === 'print') {
    await writeFile(file, printed);
    console.log(`wrote ${name}`);
    return;
  }
  const committed = await readFile(file, 'utf8').catch(() => '');
  if (committed !== printed) {
    const committedLines = committed.split('\n');
    const firstDifference = printed.split('\n').findIndex((line, index) => line !== committedLines[index]);
    throw new Error(
      `${name} differs from the code (first at line ${firstDifference + 1}); run \`npm run schema:print\` and commit the file`,
    );
  }
  console.log(`${name} matches the code`);
});
