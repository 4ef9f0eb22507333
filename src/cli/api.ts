import 'reflect-metadata';
import cluster from 'node:cluster';
import { loadConfig } from '../core/config';
import { createLogger } from '../infra/logger';
import { forkApiProcesses } from '../app/api-processes';
import { runCli } from '../app/run';
import { serveApi } from './serve-api';

/** `npm run api`: the API alone, for production (run `npm run migrate` first, workers apart); API_PROCESSES of them on one port. */
runCli(async () => {
  const config = loadConfig();
  if (!cluster.isPrimary || config.apiProcesses === 1) {
    serveApi();
    return;
  }
  const stopAndExit = (exitCode: number): void => {
    process.exitCode ??= exitCode;
    void processes.stop().then(() => process.exit());
  };
  const processes = forkApiProcesses(config.apiProcesses, createLogger(config.logLevel), () => stopAndExit(1));
  process.on('SIGTERM', () => stopAndExit(0));
  process.on('SIGINT', () => stopAndExit(0));
});
