import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../core/uuid';
import { agentKey } from './agent-keys';
import { filterKey } from './statement-index';
import { checkActor, checkTimestamp, type Json } from './statement-validation';
import { badRequest } from './xapi-error';
import { containsNul, IRI_RULE, isIri } from './xapi-text';
import type { XapiVersion } from './xapi-versions';

export type StatementFormat = 'ids' | 'exact' | 'canonical';

/** A GET of the statements resource without statementId, its parameters checked. */
export interface StatementFilter {
  agentKey: string | null;
  verb: string | null;
  activity: string | null;
  registration: string | null;
  relatedActivities: boolean;
  relatedAgents: boolean;
  since: string | null;
  until: string | null;
  limit: number;
  ascending: boolean;
}

/** Where the next page starts: after this row in the filter's order. */
export interface PagePosition {
  stored: string;
  id: string;
}

export const MAX_PAGE = 100;

function bool(value: string | undefined, name: string): boolean {
  if (value === undefined) return false;
  if (value !== 'true' && value !== 'false') badRequest(`${name} must be true or false`);
  return value === 'true';
}

/** An agent as a query parameter: JSON of an Agent (or identified Group), as its identifier key. */
export function agentParameter(text: string | undefined, name: string, version: XapiVersion, options: { agentOnly?: boolean } = {}): Json {
  if (text === undefined) badRequest(`${name} is required`);
  let agent: unknown;
  try {
    agent = JSON.parse(text);
  } catch {
    badRequest(`${name} must be JSON`);
  }
  if (containsNul(agent)) badRequest(`${name} cannot hold the character U+0000`);
  checkActor(agent, { version, path: name }, options);
  if (!agentKey(agent as Json)) badRequest(`${name} must be identified by mbox, mbox_sha1sum, openid or account`);
  return agent as Json;
}

export function timestampParameter(text: string | undefined, name: string, version: XapiVersion): string | null {
  if (text === undefined) return null;
  checkTimestamp(text, { version, path: name });
  const iso = new Date(text.replace(' ', 'T')).toISOString();
  // PostgreSQL has no year 0, and JavaScript writes the years after 9999 with a sign: neither is sent to a query.
  if (!/^(?!0000)\d{4}-/.test(iso)) badRequest(`${name} must fall in the years 1 to 9999`);
  return iso;
}

export function statementFilterOf(query: Record<string, string>, version: XapiVersion): StatementFilter {
  const limit = query.limit === undefined ? MAX_PAGE : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 0 || !/^\d+$/.test(query.limit ?? '0')) badRequest('limit must be a whole number');
  if (query.verb !== undefined && !isIri(query.verb)) badRequest(`verb must be ${IRI_RULE}`);
  if (query.activity !== undefined && !isIri(query.activity)) badRequest(`activity must be ${IRI_RULE}`);
  if (query.registration !== undefined && !isUuid(query.registration)) badRequest('registration must be a UUID');
  return {
    agentKey: query.agent === undefined ? null : agentKey(agentParameter(query.agent, 'agent', version)),
    verb: query.verb ?? null,
    activity: query.activity ?? null,
    registration: query.registration?.toLowerCase() ?? null,
    relatedActivities: bool(query.related_activities, 'related_activities'),
    relatedAgents: bool(query.related_agents, 'related_agents'),
    since: timestampParameter(query.since, 'since', version),
    until: timestampParameter(query.until, 'until', version),
    limit: limit === 0 || limit > MAX_PAGE ? MAX_PAGE : limit,
    ascending: bool(query.ascending, 'ascending'),
  };
}

export function formatOf(value: string | undefined): StatementFormat {
  if (value === undefined) return 'exact';
  if (value !== 'ids' && value !== 'exact' && value !== 'canonical') badRequest('format must be ids, exact or canonical');
  return value;
}

/** A SQL condition with its parameters. */
interface Condition {
  sql: string;
  values: unknown[];
}

/** The filters a statement meets itself (Communication 2.1.3). */
function matchConditions(filter: StatementFilter, alias: string): Condition[] {
  const conditions: Condition[] = [];
  const add = (sql: string, value: unknown) => conditions.push({ sql: `${alias}.${sql}`, values: [value] });
  if (filter.agentKey) add(filter.relatedAgents ? 'related_agent_keys @> array[?]::text[]' : 'agent_keys @> array[?]::text[]', filter.agentKey);
  if (filter.verb) add('verb_id = ?', filter.verb);
  if (filter.activity) add(filter.relatedActivities ? 'related_activity_ids @> array[?]::text[]' : 'activity_id = ?', filter.activity);
  if (filter.registration) add('registration = ?', filter.registration);
  return conditions;
}

/** The same filters as the keys of the statement a StatementRef targets, which its row keeps (statement-index.ts). */
function targetKeys(filter: StatementFilter): string[] {
  const keys: string[] = [];
  if (filter.agentKey) keys.push(filter.relatedAgents ? filterKey.relatedAgent(filter.agentKey) : filterKey.agent(filter.agentKey));
  if (filter.verb) keys.push(filterKey.verb(filter.verb));
  if (filter.activity) keys.push(filter.relatedActivities ? filterKey.relatedActivity(filter.activity) : filterKey.activity(filter.activity));
  if (filter.registration) keys.push(filterKey.registration(filter.registration));
  return keys;
}

/** What the statement returned meets itself: never voided, the time filters and the page's start. */
function ownConditions(filter: StatementFilter, after: PagePosition | null, alias: string): Condition[] {
  const conditions: Condition[] = [{ sql: `not ${alias}.voided`, values: [] }];
  if (filter.since) conditions.push({ sql: `${alias}.stored > ?`, values: [filter.since] });
  if (filter.until) conditions.push({ sql: `${alias}.stored <= ?`, values: [filter.until] });
  if (after) conditions.push({ sql: `(${alias}.stored, ${alias}.id) ${filter.ascending ? '>' : '<'} (?::timestamptz, ?::uuid)`, values: [after.stored, after.id] });
  return conditions;
}

const and = (conditions: Condition[]): Condition => ({ sql: conditions.map((condition) => condition.sql).join(' and '), values: conditions.flatMap((condition) => condition.values) });

/** One page of the statements a filter matches (never voided ones), and where the next starts. */
export async function findStatements(em: EntityManager, filter: StatementFilter, after: PagePosition | null): Promise<{ statements: Json[]; next: PagePosition | null }> {
  const direction = filter.ascending ? 'asc' : 'desc';
  const order = (alias: string) => `order by ${alias}.stored ${direction}, ${alias}.id ${direction} limit ${filter.limit + 1}`;
  const matches = matchConditions(filter, 's');
  const direct = and([...ownConditions(filter, after, 's'), ...matches]);
  let source: Condition = { sql: `select s.id, s.stored from xapi_statement s where ${direct.sql} ${order('s')}`, values: direct.values };
  if (matches.length) {
    // Each branch a page on its own indexes: the statements that match, and those whose StatementRef targets one that
    // does, found among the few StatementRefs by the target's keys on their rows.
    const keys = targetKeys(filter);
    const viaTarget = and([...ownConditions(filter, after, 's'), { sql: `s.target_filter_keys @> array[${keys.map(() => '?').join(', ')}]::text[]`, values: keys }]);
    // The page is cut from both branches before the join, so only its own rows are read for their statements.
    source = {
      sql: `select page.id, page.stored from ((${source.sql}) union (select s.id, s.stored from xapi_statement s where ${viaTarget.sql} ${order('s')})) page ${order('page')}`,
      values: [...source.values, ...viaTarget.values],
    };
  }
  const rows = await em.execute<{ statement: Json; stored: Date; id: string }[]>(
    `select s.statement, s.stored, s.id from xapi_statement s join (${source.sql}) page on page.id = s.id ${order('s')}`,
    source.values,
  );
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  return {
    statements: page.map((row) => row.statement),
    next: rows.length > filter.limit && last ? { stored: new Date(last.stored).toISOString(), id: last.id } : null,
  };
}
