import path from 'node:path';
import { MikroORM, type EntityClass, type LogContext, type Logger as OrmLogger, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { Client } from 'pg';
import type { Config } from '../core/config';
import { AfterCommitSubscriber } from './after-commit';
import { countSqlStatement } from './query-stats';
import { PROJECT_ROOT, RUNNING_COMPILED } from '../core/paths';
import type { Logger } from './logger';


export const WORD_SIMILARITY_THRESHOLD = 0.5;

/** Socket errors, and PostgreSQL's classes 08 (connection exception) and 57P (operator intervention: shutdown, cannot connect now). */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);

/**
 * Whether an error says PostgreSQL could not be reached (refused, cut, or no pooled connection
 * within the acquire timeout), looking through the causes MikroORM and knex wrap it in.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08') || code.startsWith('57P'))) return true;
    if (current.name === 'KnexTimeoutError' || current.name === 'ConnectionException') return true;
    if (/^Connection terminated|Timeout acquiring a connection/.test(current.message)) return true;
  }
  return false;
}

/** The product's entities are given by the composition root (app/entities.ts): infra knows no domain. */
export type Entities = EntityClass<object>[];

export function ormOptions(config: Pick<Config, 'databaseUrl' | 'exposeQueryStats'>, entities: Entities, databaseUrl = config.databaseUrl): Options {
  return {
    clientUrl: databaseUrl,
    entities,
    extensions: [Migrator],
    // Work waiting for a commit (events of what it changed) runs after it, and never after a rollback.
    subscribers: [new AfterCommitSubscriber()],
    forceUtcTimezone: true,
    // Compiled code runs compiled migrations, even when started from jest (which MikroORM would take for TS).
    preferTs: !RUNNING_COMPILED,
    // MikroORM's own messages are dropped; its query log only counts the statements of each request.
    debug: false,
    loggerFactory: () => (config.exposeQueryStats ? new StatementCounter() : new SilentLogger()),
    colors: false,
    pool: {
      min: 0,
      max: 10,
      // During a database outage a request fails after 5 s instead of hanging for a minute.
      acquireTimeoutMillis: 5_000,
      // Free text forgives one typo in a short word ("thu vein" finds "Thư viện") at 0.5; the default 0.6 does not.
      afterCreate: (connection: Client, done: (error: Error | null, connection: Client) => void) => {
        connection.query(`set pg_trgm.word_similarity_threshold = ${WORD_SIMILARITY_THRESHOLD}`, (error: Error | null) => done(error, connection));
      },
    },
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: RUNNING_COMPILED ? path.join(PROJECT_ROOT, 'dist', 'migrations') : path.join(PROJECT_ROOT, 'migrations'),
      pathTs: path.join(PROJECT_ROOT, 'migrations'),
      glob: '!(*.d).{js,ts}',
      transactional: true,
      allOrNothing: true,
      emit: 'ts',
      snapshot: false,
    },
  };
}

/** Drops every message of MikroORM. */
class SilentLogger implements OrmLogger {
  log(): void {}

  error(): void {}

  warn(): void {}

  logQuery(_context: LogContext): void {}

  setDebugMode(): void {}

  /** Nothing is logged, so MikroORM need not format any query for the log. */
  isEnabled(): boolean {
    return false;
  }
}

/**
 * Counts each statement MikroORM reports (queries, and begin/commit/rollback of transactions) in
 * the request's query stats, as its DefaultLogger with `debug: ['query']` would log them, without
 * formatting a message for each.
 */
class StatementCounter extends SilentLogger {
  override logQuery(context: LogContext): void {
    // A query run with `logging: { enabled: false }` is not logged, so not counted.
    if (context.enabled ?? true) countSqlStatement();
  }
}

/** Creates the database named in the URL when it does not exist yet (the embedded default). */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return true;
  } finally {
    await client.end();
  }
}

export async function openDatabase(config: Config, entities: Entities, log?: Logger): Promise<MikroORM> {
  if (await ensureDatabase(config.databaseUrl)) log?.info('created database');
  return MikroORM.init(ormOptions(config, entities));
}

export async function migrate(orm: MikroORM, log?: Logger): Promise<void> {
  const applied = await orm.getMigrator().up();
  if (applied.length) log?.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
}

export async function pingDatabase(orm: MikroORM): Promise<void> {
  await orm.em.getConnection().execute('SELECT 1');
}
