/**
 * A PostgreSQL array literal for one bound parameter (`?::uuid[]`, `?::text[]`): the query layer
 * would otherwise expand a JS array into a list of parameters.
 */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** A piece of SQL with its `?` parameters, in order. */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

/** Collects `and`-joined conditions with their parameters, in order. */
export class Conditions {
  private readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  add(clause: string, ...params: unknown[]): this {
    this.clauses.push(clause);
    this.params.push(...params);
    return this;
  }

  addPart(part: SqlPart): this {
    return this.add(part.sql, ...part.params);
  }

  toSql(): string {
    return this.clauses.length ? this.clauses.join(' and ') : 'true';
  }
}

/** Escapes LIKE wildcards in text a person typed. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
