import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Read when used: global setup chooses the run id before anything asks for the name. */
export function templateDatabase(): string {
  return `lifelong_test_template_${process.env.TEST_RUN_ID ?? 'local'}`;
}

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database for one test file, cloned from the migrated template. */
export async function cloneTemplate(): Promise<string> {
  const name = `lifelong_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`create database "${name}" template "${templateDatabase()}"`));
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((client) => client.query(`drop database if exists "${name}" with (force)`));
}
