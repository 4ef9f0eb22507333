import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { databaseUrl, dropDatabase, templateDatabase } from './database';

/** Migrates a template database once per run (with the compiled migrations); each test file clones it. */
export default async function globalSetup(): Promise<void> {
  process.env.TEST_RUN_ID = process.env.TEST_RUN_ID ?? randomBytes(4).toString('hex');
  const migrate = path.resolve(__dirname, '..', '..', 'dist', 'src', 'cli', 'migrate.js');
  if (!existsSync(migrate)) throw new Error('dist/ is missing: run the tests with `npm test` (it builds first)');
  await dropDatabase(templateDatabase());
  execFileSync(process.execPath, [migrate], {
    env: { ...process.env, DATABASE_URL: databaseUrl(templateDatabase()), LOG_LEVEL: 'warn', NODE_ENV: 'test' },
    stdio: 'inherit',
  });
}
