import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildApiSchema } from '../graphql/schema';
import { PROJECT_ROOT } from '../paths';
import { runCli } from './run';

const SCHEMA_FILE = path.join(PROJECT_ROOT, 'schema', 'schema.graphql');

export async function printApiSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildApiSchema()))}\n`;
}

/** `schema:print` writes schema/schema.graphql; `schema:check` fails when the file differs from the code. */
runCli(async () => {
  const mode = process.argv[2];
  const printed = await printApiSchema();
  if (mode === 'print') {
    await writeFile(SCHEMA_FILE, printed);
    console.log(`wrote ${path.relative(PROJECT_ROOT, SCHEMA_FILE)}`);
    return;
  }
  const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
  if (committed !== printed) {
    const committedLines = committed.split('\n');
    const firstDifference = printed.split('\n').findIndex((line, index) => line !== committedLines[index]);
    throw new Error(
      `schema/schema.graphql differs from the code (first at line ${firstDifference + 1}); run \`npm run schema:print\` and commit the file`,
    );
  }
  console.log('schema/schema.graphql matches the code');
});
