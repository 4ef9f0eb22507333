import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cloneTemplate, databaseUrl, dropDatabase } from '../helpers/database';

const ROOT = path.resolve(__dirname, '..', '..');

/** Starts a compiled entry point and resolves with its exit code and output once it exits. */
function runUntilReady(script: string, env: Record<string, string>, readyLine: RegExp): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, script)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let signalled = false;
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (!signalled && readyLine.test(output)) {
        signalled = true;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
    setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
  });
}

let databaseName: string;
let dataDir: string;

beforeAll(async () => {
  databaseName = await cloneTemplate();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'lifelong-process-'));
});

afterAll(async () => {
  await dropDatabase(databaseName);
  await rm(dataDir, { recursive: true, force: true });
});

const env = (): Record<string, string> => ({
  NODE_ENV: 'test',
  LOG_LEVEL: 'info',
  DATABASE_URL: databaseUrl(databaseName),
  DATA_DIR: dataDir,
  EMBEDDED_S3_PORT: '0',
  PORT: '0',
  QUEUE_PREFIX: `process-${process.pid}`,
});

it.each([
  ['the API', 'dist/src/cli/api.js', /API ready/],
  ['the workers', 'dist/workers/main.js', /workers started/],
])('%s stop cleanly on SIGTERM with exit code 0', async (_name, script, ready) => {
  const { code, output } = await runUntilReady(script, env(), ready);
  expect({ code, stopped: output.includes('"msg":"stopped"') }).toEqual({ code: 0, stopped: true });
});

it('refuses to start with a bad setting and names the variable', async () => {
  const { code, output } = await runUntilReady('dist/src/cli/api.js', { ...env(), PORT: 'eighty' }, /never/);
  expect(code).toBe(1);
  expect(output.trim()).toBe('PORT must be an integer from 0 to 65535, got "eighty"');
});
