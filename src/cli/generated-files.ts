import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildApiSchema } from '../app/schema';
import { PROJECT_ROOT } from '../core/paths';
import { USER_ERROR_CODES } from '../core/user-error-codes';

/** A file (or a part of one) printed from the code: `schema:print` writes it, `schema:check` compares. */
export interface GeneratedFile {
  file: string;
  /** The file as the code would print it, given the file as it is now. */
  render: (current: string) => Promise<string>;
}

const CODES_START = '<!-- user-error-codes: printed by `npm run schema:print` from src/core/user-error-codes.ts -->';
const CODES_END = '<!-- end of user-error-codes -->';

export function userErrorCodeTable(): string {
  const rows = Object.entries(USER_ERROR_CODES)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, meaning]) => `| \`${code}\` | ${meaning} |`);
  return ['| code | meaning |', '|---|---|', ...rows].join('\n');
}

function withCodeTable(readme: string): string {
  const start = readme.indexOf(CODES_START);
  const end = readme.indexOf(CODES_END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${CODES_START} … ${CODES_END}`);
  return `${readme.slice(0, start + CODES_START.length)}\n${userErrorCodeTable()}\n${readme.slice(end)}`;
}

export const SCHEMA_FILE: GeneratedFile = {
  file: path.join(PROJECT_ROOT, 'schema', 'schema.graphql'),
  render: async () => `${printSchema(lexicographicSortSchema(await buildApiSchema()))}\n`,
};

export const README_CODE_TABLE: GeneratedFile = {
  file: path.join(PROJECT_ROOT, 'README.md'),
  render: async (current) => withCodeTable(current),
};
