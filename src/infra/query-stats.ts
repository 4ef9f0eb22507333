import { AsyncLocalStorage } from 'node:async_hooks';

/** Counts the SQL statements issued inside one request, so a response can report them. */
export interface QueryStats {
  sqlStatements: number;
}

const storage = new AsyncLocalStorage<QueryStats>();

export function runWithQueryStats<T>(stats: QueryStats, fn: () => T): T {
  return storage.run(stats, fn);
}

export function countSqlStatement(): void {
  const stats = storage.getStore();
  if (stats) stats.sqlStatements += 1;
}
