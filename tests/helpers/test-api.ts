import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../../src/core/config';
import { Account } from '../../src/auth/account.entity';
import type { Actor } from '../../src/core/actor';
import { Role } from '../../src/core/roles';
import { signAccessToken } from '../../src/auth/tokens';
import { openRuntime, type Runtime } from '../../src/app/runtime';
import { createApiServer, type ApiServer } from '../../src/http/server';
import { systemContext } from '../../src/app/system-context';
import type { RequestContext } from '../../src/core/context';
import { cloneTemplate, databaseUrl, dropDatabase } from './database';
import { deleteKeysWithPrefix } from './redis-keys';

export interface GraphQLResponse<T = Record<string, any>> {
  // `any` in tests: responses are checked field by field against what a front end would read.
  data?: T;
  errors?: { message: string; extensions?: Record<string, any>; path?: (string | number)[] }[];
  extensions?: Record<string, any>;
}

export interface TestApi {
  url: string;
  runtime: Runtime;
  server: ApiServer;
  config: Config;
  databaseName: string;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: { token?: string; headers?: Record<string, string> }): Promise<GraphQLResponse<T>>;
  /** An account with one role (and its scope), and a bearer token for it. */
  account(role: Role, scope?: { institutionId?: string; unitId?: string }): Promise<{ id: string; token: string }>;
  /** A service context acting as a province administrator, to arrange data. */
  adminContext(): Promise<RequestContext>;
  close(): Promise<void>;
}

/** Starts the API on an ephemeral port, with its own database, its own S3 server and queue prefix. */
export async function startTestApi(
  env: Record<string, string> = {},
  options: { databaseUrlFor?: (databaseName: string) => string } = {},
): Promise<TestApi> {
  const databaseName = await cloneTemplate();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lifelong-test-'));
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: (options.databaseUrlFor ?? databaseUrl)(databaseName),
    DATA_DIR: dataDir,
    EMBEDDED_S3_PORT: '0',
    QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: 'silent',
    GRAPHQL_QUERY_STATS: 'true',
    RATE_LIMIT_PER_MINUTE: '0',
    RATE_LIMIT_PER_MINUTE_SIGNED_IN: '0',
    ...env,
  });
  const runtime = await openRuntime(config, { migrate: false, redisPurpose: 'api' });
  const server: ApiServer = await createApiServer(runtime);
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
  let accounts = 0;

  const api: TestApi = {
    url,
    runtime,
    server,
    config,
    databaseName,
    async gql(query, variables = {}, options = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse<never>;
    },
    async account(role, scope = {}) {
      const em = runtime.orm.em.fork();
      accounts += 1;
      const account = em.create(Account, { email: `user${accounts}-${randomBytes(3).toString('hex')}@test.vn`, passwordHash: 'x', displayName: `Test ${role} ${accounts}` });
      await em.flush();
      await em.execute('insert into role_grant (id, created_at, updated_at, account_id, role, institution_id, unit_id) values (gen_random_uuid(), now(), now(), ?, ?, ?, ?)', [
        account.id,
        role,
        scope.institutionId ?? null,
        scope.unitId ?? null,
      ]);
      return { id: account.id, token: signAccessToken(config.jwtSecret, account.id, 600) };
    },
    async adminContext() {
      const admin = await api.account(Role.PROVINCE_ADMIN);
      const em = runtime.orm.em.fork();
      const actor = (await runtime.services.auth.loadActor(em, admin.id)) as Actor;
      return systemContext(em, runtime.services, runtime.log, actor);
    },
    async close() {
      await server.stop();
      await deleteKeysWithPrefix(runtime.redis, config.queuePrefix);
      await runtime.close();
      await dropDatabase(databaseName);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return api;
}

/** A second API process on the same database, Redis channels and storage as `api`, with caches of its own. */
export async function startAnotherApiProcess(api: TestApi): Promise<{ url: string; close(): Promise<void> }> {
  const runtime = await openRuntime(api.config, { migrate: false, redisPurpose: 'api' });
  const server = await createApiServer(runtime);
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`,
    async close() {
      await server.stop();
      await runtime.close();
    },
  };
}
