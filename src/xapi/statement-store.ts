import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { XapiAttachment } from './xapi-attachment.entity';
import { XapiStatement } from './xapi-statement.entity';
import { StatementLearning } from './xapi.enums';
import { filterKeys, statementColumns } from './statement-index';
import { VOIDED_VERB, type Json } from './statement-validation';
import { XapiError } from './xapi-error';
import type { XapiVersion } from './xapi-versions';

/** An attachment's content as a request carried it. */
export interface AttachmentPart {
  sha2: string;
  contentType: string;
  content: Buffer;
}

/** Who sends statements: the API client, which becomes each statement's authority. */
export interface StatementAuthority {
  clientId: string;
  agent: Json;
}

/** Sets, inside the storing transaction, what new statements (none voiding) become in the learning records. */
export type LearningHook = (em: EntityManager, rows: XapiStatement[]) => Promise<void>;
/** Voids the learning log of a voided statement, inside the voiding transaction. */
export type VoidingHook = (em: EntityManager, voided: XapiStatement, voiding: XapiStatement) => Promise<void>;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Json)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The statement as sent, without what the LRS sets itself, hashed to compare a resent statement with the stored one. */
function sentHash(statement: Json): string {
  const { stored: _stored, authority: _authority, version: _version, ...rest } = statement;
  return createHash('sha256').update(canonical(rest)).digest('hex');
}

/** The timestamp in UTC (xAPI 2.0 asks the LRS to convert rather than refuse), keeping the precision sent. */
function utcTimestamp(text: string): string {
  if (/Z$/i.test(text)) return text.replace(' ', 'T').replace(/z$/, 'Z');
  const date = new Date(text.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

/** Context activities as arrays, as the LRS must return them even when one was sent alone. */
function withActivityArrays(statement: Json): Json {
  const result = { ...statement };
  const context = statement.context as Json | undefined;
  const activities = context?.contextActivities as Json | undefined;
  if (context && activities) {
    result.context = { ...context, contextActivities: Object.fromEntries(Object.entries(activities).map(([key, list]) => [key, Array.isArray(list) ? list : [list]])) };
  }
  const target = statement.object as Json;
  if (target.objectType === 'SubStatement') result.object = withActivityArrays(target);
  return result;
}

/**
 * Writes statements: the LRS's own properties, the filter columns, voiding, attachments and the
 * activities' definitions. Transactional (the caller's `em.transactional`); resending a statement
 * already stored is a no-op, a different statement with a stored id is a 409.
 */
export async function storeStatements(
  em: EntityManager,
  statements: Json[],
  options: { version: XapiVersion; authority: StatementAuthority; attachments: AttachmentPart[]; learning: LearningHook; voiding: VoidingHook },
): Promise<string[]> {
  const stored = new Date();
  const ids = statements.map((statement) => ((statement.id as string | undefined) ?? randomUUID()).toLowerCase());
  if (new Set(ids).size !== ids.length) throw new XapiError(400, 'A batch has two statements with the same id');
  const existing = new Map((await em.find(XapiStatement, { id: { $in: ids } })).map((row) => [row.id, row]));
  const rows: XapiStatement[] = [];
  for (const [index, sent] of statements.entries()) {
    const id = ids[index] as string;
    const hash = sentHash({ ...sent, id });
    const previous = existing.get(id);
    if (previous) {
      if (previous.sentHash !== hash) throw new XapiError(409, `A different statement with the id ${id} is stored`);
      continue;
    }
    const statement: Json = {
      ...withActivityArrays(sent),
      id,
      timestamp: typeof sent.timestamp === 'string' ? (options.version === '2.0.0' ? utcTimestamp(sent.timestamp) : sent.timestamp) : stored.toISOString(),
      stored: stored.toISOString(),
      authority: options.authority.agent,
      version: typeof sent.version === 'string' ? sent.version : options.version === '2.0.0' ? '2.0.0' : '1.0.0',
    };
    const row = em.create(XapiStatement, {
      id,
      statement,
      sentHash: hash,
      stored,
      ...statementColumns(statement),
      clientId: options.authority.clientId,
      learning: StatementLearning.NOT_LEARNING,
    });
    rows.push(row);
  }
  await checkVoidingTargets(em, rows);
  await linkTargets(em, rows);
  await options.learning(em, rows.filter((row) => !row.voidsId));
  await em.flush();
  for (const row of rows) if (row.voidsId) await voidTarget(em, row, options.voiding);
  await saveActivities(em, rows);
  await saveAttachments(em, options.attachments);
  await em.flush();
  return ids;
}

/** A statement that voids a voiding statement is refused; the spec keeps voiding statements themselves unvoidable. */
async function checkVoidingTargets(em: EntityManager, rows: XapiStatement[]): Promise<void> {
  const targets = rows.flatMap((row) => (row.voidsId ? [row.voidsId] : []));
  if (!targets.length) return;
  const found = await em.find(XapiStatement, { id: { $in: targets } });
  const inBatch = rows.filter((row) => targets.includes(row.id));
  if ([...found, ...inBatch].some((row) => row.verbId === VOIDED_VERB)) throw new XapiError(400, 'A voiding statement cannot be voided');
}

/**
 * A StatementRef's row keeps its target's filter keys: from a target stored before or in the batch, and, for rows
 * stored before that name a statement of this batch, set on them now. The target a concurrent transaction has not
 * committed yet is not seen: its StatementRef is then found by its own filters only.
 */
async function linkTargets(em: EntityManager, rows: XapiStatement[]): Promise<void> {
  const targets = new Map(rows.map((row) => [row.id, row]));
  const elsewhere = rows.flatMap((row) => (row.targetId && !targets.has(row.targetId) ? [row.targetId] : []));
  if (elsewhere.length) for (const target of await em.find(XapiStatement, { id: { $in: elsewhere } })) targets.set(target.id, target);
  for (const row of rows) {
    const target = row.targetId ? targets.get(row.targetId) : undefined;
    if (target) row.targetFilterKeys = filterKeys(target);
  }
  if (!rows.length) return;
  await em.execute(
    `update xapi_statement s set target_filter_keys = k.keys
       from jsonb_to_recordset(?::jsonb) as k(id uuid, keys text[])
      where s.target_id = k.id and s.target_filter_keys is null`,
    [JSON.stringify(rows.map((row) => ({ id: row.id, keys: filterKeys(row) })))],
  );
}

async function voidTarget(em: EntityManager, voiding: XapiStatement, hook: VoidingHook): Promise<void> {
  const target = await em.findOne(XapiStatement, { id: voiding.voidsId as string });
  if (!target || target.voided) return;
  target.voided = true;
  await hook(em, target, voiding);
}

/** A definition's maps merged key by key (so each language sent is kept); anything else the newer one replaces. */
const MERGED_MAPS = ['name', 'description', 'extensions'];

function mergeDefinitions(older: Json, newer: Json): Json {
  const merged: Json = { ...older, ...newer };
  for (const key of MERGED_MAPS) {
    const [a, b] = [older[key], newer[key]];
    if (a && b && typeof a === 'object' && typeof b === 'object') merged[key] = { ...(a as Json), ...(b as Json) };
  }
  return merged;
}

/** mergeDefinitions in SQL, for a stored definition and the one sent. */
const MERGED_MAPS_SQL = MERGED_MAPS.map(
  (key) => ` || case when jsonb_typeof(xapi_activity.definition->'${key}') = 'object' and jsonb_typeof(excluded.definition->'${key}') = 'object'
    then jsonb_build_object('${key}', (xapi_activity.definition->'${key}') || (excluded.definition->'${key}')) else '{}' end`,
).join('');

async function saveActivities(em: EntityManager, rows: XapiStatement[]): Promise<void> {
  const definitions = new Map<string, Json>();
  const collect = (activity: unknown) => {
    const value = activity as Json;
    if (value.definition) definitions.set(value.id as string, mergeDefinitions(definitions.get(value.id as string) ?? {}, value.definition as Json));
  };
  for (const row of rows) {
    const visit = (statement: Json) => {
      const target = statement.object as Json;
      if (target.objectType === undefined || target.objectType === 'Activity') collect(target);
      if (target.objectType === 'SubStatement') visit(target);
      const activities = (statement.context as Json | undefined)?.contextActivities as Json | undefined;
      for (const list of Object.values(activities ?? {})) for (const activity of Array.isArray(list) ? list : [list]) collect(activity);
    };
    visit(row.statement);
  }
  if (!definitions.size) return;
  // One statement, its rows in id order: concurrent batches naming the same activities then lock them in the same
  // order and cannot deadlock; definitions merge in SQL, never read and written back.
  await em.execute(
    `insert into xapi_activity (id, definition)
     select key, value from jsonb_each(?::jsonb) order by key
     on conflict (id) do update set definition = xapi_activity.definition || excluded.definition${MERGED_MAPS_SQL}`,
    [JSON.stringify(Object.fromEntries(definitions))],
  );
}

async function saveAttachments(em: EntityManager, parts: AttachmentPart[]): Promise<void> {
  for (const part of parts) {
    if (await em.findOne(XapiAttachment, { sha2: part.sha2 })) continue;
    em.create(XapiAttachment, { sha2: part.sha2, contentType: part.contentType, content: part.content });
  }
}
