import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { PROJECT_ROOT } from '../../../src/core/paths';
import { freePort, startServedProcess, type ServedProcess } from '../served-process';

/**
 * PostGraphile 4, the peer of `bench:catalogue -- --peer postgraphile`: installed with npm in a
 * scratch folder of the OS's temporary directory (never a dependency of the project; kept between
 * runs, one folder per pinned version), serving the functions of postgraphile.sql as a process of
 * its own.
 */

const VERSIONS = { postgraphile: '4.14.1', '@graphile-contrib/pg-simplify-inflector': '6.1.0' } as const;
const SCHEMA = 'bench_peer';
const SQL_FILE = path.join(PROJECT_ROOT, 'tests', 'bench', 'peer', 'postgraphile.sql');
const FOLDER = path.join(os.tmpdir(), `lifelong-bench-peer-postgraphile-${VERSIONS.postgraphile}`);
/** The connections PostGraphile keeps to PostgreSQL: as many as the product's MikroORM pool. */
const POOL_SIZE = 10;

const run = promisify(execFile);

/** Installs the pinned packages unless this folder already holds them; returns PostGraphile's version. */
export async function installPostGraphile(): Promise<{ folder: string; version: string }> {
  const installed = path.join(FOLDER, 'node_modules', 'postgraphile', 'package.json');
  if (!existsSync(installed)) {
    await mkdir(FOLDER, { recursive: true });
    await writeFile(path.join(FOLDER, 'package.json'), `${JSON.stringify({ private: true, dependencies: VERSIONS }, null, 2)}\n`);
    await run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: FOLDER, maxBuffer: 16 * 1024 * 1024 });
  }
  const { version } = JSON.parse(await readFile(installed, 'utf8')) as { version: string };
  if (version !== VERSIONS.postgraphile) throw new Error(`${FOLDER} holds PostGraphile ${version}, ${VERSIONS.postgraphile} is expected: remove the folder`);
  return { folder: FOLDER, version };
}

/** Creates the bench_peer schema (dropped first) in the database. */
export async function applyPeerSql(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(await readFile(SQL_FILE, 'utf8'));
  } finally {
    await client.end();
  }
}

/** PostGraphile on a free port, exposing only the bench_peer schema, without its query log (the product logs nothing either). */
export async function startPostGraphile(databaseUrl: string): Promise<ServedProcess> {
  const { folder, version } = await installPostGraphile();
  const port = await freePort();
  const args = [
    '--connection',
    databaseUrl,
    '--schema',
    SCHEMA,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--append-plugins',
    '@graphile-contrib/pg-simplify-inflector',
    '--max-pool-size',
    String(POOL_SIZE),
    '--disable-query-log',
  ];
  return startServedProcess(`PostGraphile ${version}`, `http://127.0.0.1:${port}/graphql`, path.join(folder, 'node_modules', 'postgraphile', 'cli.js'), args, {
    cwd: folder,
    env: { ...process.env, NODE_ENV: 'production' },
    startSeconds: 60,
  });
}
