// The check a front-end team's build makes: the operations in tests/codegen/operations are valid against the published
// schema, @graphql-codegen generates their types, and code using those types compiles under `tsc --strict`.
import { codegen } from '@graphql-codegen/core';
import * as typescript from '@graphql-codegen/typescript';
import * as typescriptOperations from '@graphql-codegen/typescript-operations';
import { buildSchema, parse, validate } from 'graphql';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const folder = path.join(root, 'tests/codegen');
const schemaText = readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8');
const schema = buildSchema(schemaText);

const files = readdirSync(path.join(folder, 'operations')).filter((name) => name.endsWith('.graphql')).sort();
const documents = files.map((name) => {
  const location = path.join(folder, 'operations', name);
  return { location, document: parse(readFileSync(location, 'utf8')) };
});
const invalid = documents.flatMap(({ location, document }) => validate(schema, document).map((error) => `${path.relative(root, location)}: ${error.message}`));
if (invalid.length > 0) {
  console.error(`operations no longer valid against schema/schema.graphql:\n${invalid.join('\n')}`);
  process.exit(1);
}

const generated = await codegen({
  schema: parse(schemaText),
  documents,
  filename: 'operations.ts',
  plugins: [{ typescript: {} }, { typescriptOperations: {} }],
  pluginMap: { typescript, typescriptOperations },
  config: {
    strictScalars: true,
    scalars: { Date: 'string', DateTime: 'string', JSON: 'unknown', JSONObject: 'Record<string, unknown>' },
    useTypeImports: true,
    enumsAsTypes: true,
  },
});
mkdirSync(path.join(folder, 'generated'), { recursive: true });
writeFileSync(path.join(folder, 'generated/operations.ts'), generated);

const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
try {
  execFileSync(process.execPath, [tsc, '-p', path.join(folder, 'tsconfig.json')], { stdio: 'inherit' });
} catch {
  console.error('the generated operation types do not compile with the code that uses them (tests/codegen/journeys.ts)');
  process.exit(1);
}
const operations = documents.reduce((count, { document }) => count + document.definitions.filter((definition) => definition.kind === 'OperationDefinition').length, 0);
console.log(`codegen: ${operations} operations in ${files.length} files valid, typed and compiled under --strict`);
