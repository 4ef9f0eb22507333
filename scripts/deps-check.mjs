#!/usr/bin/env node
// Before a build: the installed packages must be the ones package-lock.json names. After a pull that added a
// dependency, tsc would otherwise fail on a missing module (and schema:check report a drift) instead of saying
// what is wrong: node_modules is older than the lock file.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const own = lock.packages[''];
const direct = Object.keys({ ...own.dependencies, ...own.devDependencies });

const stale = direct.flatMap((name) => {
  const locked = lock.packages[`node_modules/${name}`]?.version;
  const manifest = path.join(root, 'node_modules', name, 'package.json');
  if (!existsSync(manifest)) return [`${name} ${locked} is not installed`];
  const installed = JSON.parse(readFileSync(manifest, 'utf8')).version;
  return installed === locked ? [] : [`${name} is ${installed}, the lock file says ${locked}`];
});

if (stale.length) {
  console.error(`node_modules does not match package-lock.json (${stale.join('; ')}): run \`npm ci\``);
  process.exit(1);
}
