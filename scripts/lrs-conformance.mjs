#!/usr/bin/env node
// Runs ADL's xAPI LRS conformance suite (the peers' copy, unchanged) for xAPI 2.0.0 (against /xapi) and 1.0.3 (against
// /xapi/1.0.3) side by side, each on an API with a fresh database of its own, and prints the passed/failed counts and
// the time. Needs `npm run build`, PostgreSQL and Redis (the embedded setup's defaults). The suite is installed once
// into a cache folder outside the repository (LRS_SUITE_CACHE, default the OS temp dir).
// Usage: node scripts/lrs-conformance.mjs [--version 2.0.0|1.0.3] [--grep pattern] [--keep-log] [--failures]
// It fails when more tests fail than the known failures below (none today: every test passes).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
// The peers' suites sit in ../shared next to the checkout (one level further up from a worktree under wt/).
const SUITE_CANDIDATES = process.env.LRS_SUITE_SOURCE
  ? [path.resolve(root, process.env.LRS_SUITE_SOURCE)]
  : ['../shared', '../../shared'].map((shared) => path.resolve(root, shared, 'peers/lrs-conformance-test-suite'));
const SUITE_SOURCE = SUITE_CANDIDATES.find((candidate) => existsSync(path.join(candidate, 'package.json')));
/** Failures of the current LRS per version, each to be named in the README; a run with more is a regression. */
const KNOWN_FAILURES = { '2.0.0': 0, '1.0.3': 0 };
const CACHE = process.env.LRS_SUITE_CACHE ?? path.join(os.tmpdir(), 'lrs-conformance-suite');

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const versions = option('--version') ? [option('--version')] : ['2.0.0', '1.0.3'];
const grep = option('--grep');

function installSuite() {
  const marker = path.join(CACHE, 'node_modules', '.package-lock.json');
  const source = path.join(SUITE_SOURCE, 'package.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(source).mtimeMs) return;
  rmSync(CACHE, { recursive: true, force: true });
  cpSync(SUITE_SOURCE, CACHE, { recursive: true });
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: CACHE, stdio: 'inherit' });
}

/** An API on a fresh database of its own, with an API client for the suite. */
async function startApi(name) {
  require('reflect-metadata');
  const { loadConfig } = require(path.join(root, 'dist/src/core/config.js'));
  const { openRuntime } = require(path.join(root, 'dist/src/app/runtime.js'));
  const { createApiServer } = require(path.join(root, 'dist/src/http/server.js'));
  const { systemContext } = require(path.join(root, 'dist/src/app/system-context.js'));
  const adminUrl = process.env.LRS_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseName = `lrs_conformance_${process.pid}_${name}`;
  const pg = require('pg');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${databaseName}`);
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${databaseName}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lrs-conformance-data-'));
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl.toString(),
    DATA_DIR: dataDir,
    EMBEDDED_S3_PORT: '0',
    QUEUE_PREFIX: `lrs-conformance-${process.pid}-${name}`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    RATE_LIMIT_PER_MINUTE_SIGNED_IN: '0',
  });
  const runtime = await openRuntime(config, { migrate: true, redisPurpose: 'api' });
  const server = await createApiServer(runtime);
  await new Promise((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  const em = runtime.orm.em.fork();
  const { key } = await runtime.services.apiClients.create(systemContext(em, runtime.services, runtime.log, null), { name: 'Conformance suite', contactEmail: 'conformance@example.vn', rateLimitPerMinute: 100000 });
  return {
    url: `http://127.0.0.1:${server.httpServer.address().port}/xapi`,
    key,
    async close() {
      await server.stop();
      await runtime.close();
      await admin.query(`drop database if exists ${databaseName} with (force)`);
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// The 1.0.3 battery talks to /xapi/1.0.3, the endpoint for 1.0.3 clients (src/xapi/README.md says why).
const ENDPOINT_PATH = { '2.0.0': '', '1.0.3': '/1.0.3' };

function runSuite(api, version) {
  return new Promise((resolve) => {
    const runnerArgs = ['bin/console_runner.js', '-e', `${api.url}${ENDPOINT_PATH[version] ?? ''}`, '-a', '-u', api.key.slice(0, 10), '-p', api.key, '-x', version, '-z'];
    if (grep) runnerArgs.push('-g', grep);
    const child = spawn(process.execPath, runnerArgs, { cwd: CACHE, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', () => {
      const summaryLine = output.split('\n').reverse().find((line) => line.trim().startsWith('{') && line.includes('"passed"'));
      const summary = summaryLine ? JSON.parse(summaryLine) : null;
      const logPath = /Full run log written to (\S+)/.exec(output)?.[1] ?? null;
      resolve({ version, summary, logPath, output });
    });
  });
}

function failedTitles(logPath) {
  if (!logPath || !existsSync(logPath)) return [];
  const titles = [];
  const walk = (node, trail) => {
    const here = node.title ? [...trail, node.title] : trail;
    if (node.status === 'failed' && (!node.tests || node.tests.length === 0)) titles.push(`${here.join(' › ')}\n      ${String(node.error ?? '').split('\n')[0]}`);
    for (const child of node.tests ?? []) if (child) walk(child, here);
  };
  walk(JSON.parse(readFileSync(logPath, 'utf8')).log ?? {}, []);
  return titles;
}

const started = Date.now();
if (!SUITE_SOURCE) {
  console.log(`xAPI conformance: skipped, the suite is not at ${SUITE_CANDIDATES.join(' or ')} (set LRS_SUITE_SOURCE)`);
  process.exit(0);
}
installSuite();
// The versions run side by side, each against its own API and database: the suite mostly waits on its own requests.
const apis = await Promise.all(versions.map((version) => startApi(version.replaceAll('.', '_'))));
let regressions = 0;
try {
  const results = await Promise.all(versions.map(async (version, index) => {
    const t0 = Date.now();
    const result = await runSuite(apis[index], version);
    return { ...result, seconds: ((Date.now() - t0) / 1000).toFixed(0) };
  }));
  for (const result of results) {
    const { version, seconds } = result;
    if (!result.summary) {
      console.log(`xAPI ${version}: the suite did not finish\n${result.output.slice(-3000)}`);
      regressions += 1;
      continue;
    }
    console.log(`xAPI ${version}: ${result.summary.passed} passed, ${result.summary.failed} failed (${seconds} s)`);
    const allowed = KNOWN_FAILURES[version] ?? 0;
    if (result.summary.failed > allowed) {
      console.log(`xAPI ${version}: ${result.summary.failed - allowed} more failed than the ${allowed} known failures`);
      regressions += 1;
    }
    if (args.includes('--failures')) for (const title of failedTitles(result.logPath)) console.log(`  ✗ ${title}`);
    if (result.logPath && !args.includes('--keep-log')) rmSync(result.logPath, { force: true });
  }
} finally {
  await Promise.all(apis.map((api) => api.close()));
}
console.log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exitCode = regressions > 0 ? 1 : 0;
