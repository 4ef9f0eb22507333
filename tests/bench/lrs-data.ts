import type { Client } from 'pg';

/**
 * Synthetic xAPI statements generated in SQL, as the LRS's store would have written them had
 * they been POSTed (statement-store.ts, statement-index.ts): the statement with `stored`,
 * `authority` and `version`, the SHA-256 of the sent statement's canonical JSON, and every filter
 * column. Statement i (1…N) is a function of i and the salt alone, so the same SQL gives the
 * bodies the bench POSTs (another salt: new ids).
 *
 * The spread: `agents` learners (every fifth by mbox, the others by an account on the LMS), a
 * few thousand activities of five types with 50 parent courses and 5 programmes as context, eight
 * verbs, registrations on 70 % of statements, an instructor on 10 %, `stored` spread evenly over
 * a year with the timestamp up to an hour before; every 100th statement voids the 7th before it,
 * every 200th (offset 50) refers to the 3rd before it with a StatementRef. Both keep their target's filter keys
 * (statement-index.ts): the select reads the 7 statements before its range too.
 */

/** Changes when the statements generated change: a reused dataset of another version is regenerated. */
export const LRS_DATA_VERSION = 4;

export const LMS = 'https://lms.bench.vn';
export const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';
export const VERBS = [
  'http://adlnet.gov/expapi/verbs/completed',
  'http://adlnet.gov/expapi/verbs/passed',
  'http://adlnet.gov/expapi/verbs/attended',
  'http://adlnet.gov/expapi/verbs/experienced',
  'http://adlnet.gov/expapi/verbs/answered',
  'http://adlnet.gov/expapi/verbs/launched',
  'http://adlnet.gov/expapi/verbs/initialized',
  'http://adlnet.gov/expapi/verbs/terminated',
];
export const ACTIVITY_TYPES = [
  'http://adlnet.gov/expapi/activities/course',
  'http://adlnet.gov/expapi/activities/module',
  'http://adlnet.gov/expapi/activities/meeting',
  'http://adlnet.gov/expapi/activities/lesson',
  'http://adlnet.gov/expapi/activities/assessment',
];
const SHARED = 'http://adlnet.gov/expapi/verbs/shared';
export const COURSES = 50;
export const PROGRAMMES = 5;
export const TEACHERS = 300;

export interface LrsDataShape {
  /** Salt of the statement ids (from md5(salt:i)). */
  salt: string;
  agents: number;
  activities: number;
  registrations: number;
  /** `stored` of statement 1 and of statement `total`. */
  firstStored: Date;
  lastStored: Date;
  /** How many statements the spread of `stored` is laid over. */
  total: number;
  /** The client whose statements they are, and its authority agent as the LRS writes it. */
  clientId: string;
  authority: { objectType: 'Agent'; name: string; account: { homePage: string; name: string } };
}

export function agentIri(agent: number): { key: string; actor: Record<string, unknown> } {
  return agent % 5 === 0
    ? { key: `mbox:mailto:learner-${agent}@bench.vn`, actor: { objectType: 'Agent', mbox: `mailto:learner-${agent}@bench.vn` } }
    : { key: `account:${LMS}|learner-${agent}`, actor: { objectType: 'Agent', account: { homePage: LMS, name: `learner-${agent}` } } };
}
export const activityIri = (activity: number) => `${LMS}/activities/${activity}`;
export const courseIri = (course: number) => `${LMS}/courses/${course}`;
export const teacherMbox = (teacher: number) => `mailto:teacher-${teacher}@bench.vn`;

/** A version-4-shaped UUID (as the spec requires of ids) from the MD5 of a text expression. */
const uuidOf = (text: string) => `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;

const array = (values: string[]) => `array[${values.map((value) => `'${value}'`).join(',')}]`;

/**
 * A select of statements from..to (bound parameters $1 from, $2 to; the shape is inlined): for
 * each, `id`, `sent` (the canonical JSON text of the statement as sent), `sent_hash`, `stored`,
 * the filter columns and `learning` as the store would set them.
 */
export function statementsSelect(shape: LrsDataShape): string {
  const spanMs = shape.lastStored.getTime() - shape.firstStored.getTime();
  const authorityKey = `account:${shape.authority.account.homePage}|${shape.authority.account.name}`;
  // Every value is ASCII or Vietnamese letters without quotes or backslashes: concatenation is JSON.stringify.
  return `
  with base as (
    select i,
           ${uuidOf(`'${shape.salt}:' || i`)}::text as id,
           1 + (i * 2654435761) % ${shape.agents} as agent,
           1 + (i * 7919) % ${shape.activities} as activity,
           (i * 31 + i / 7) % ${VERBS.length} as verb_no,
           case when i % 10 >= 3 then ${uuidOf(`'reg:' || (1 + (i * 97) % ${shape.registrations})`)}::text end as registration,
           case when i % 10 = 0 then (i / 10) % ${TEACHERS} end as teacher,
           case when i % 100 = 0 and i > 7 then 'void' when i % 200 = 50 and i > 3 then 'ref' else 'activity' end as kind,
           to_timestamp(${shape.firstStored.getTime() / 1000}::float8 + (i - 1)::float8 * ${spanMs / 1000 / Math.max(1, shape.total - 1)}::float8)::timestamptz(3) as stored
      from generate_series(greatest(1, $1::bigint - 7), $2::bigint) as i
  ), parts as (
    select b.*,
           (${array(ACTIVITY_TYPES)})[1 + b.activity % ${ACTIVITY_TYPES.length}] as activity_type,
           case b.kind when 'void' then '${VOIDED}' when 'ref' then '${SHARED}' else (${array(VERBS)})[1 + b.verb_no] end as verb_id,
           case when b.kind = 'activity' then '${LMS}/activities/' || b.activity end as activity_id,
           case b.kind when 'void' then ${uuidOf(`'${shape.salt}:' || (b.i - 7)`)}::text when 'ref' then ${uuidOf(`'${shape.salt}:' || (b.i - 3)`)}::text end as ref_id,
           '${LMS}/courses/' || (1 + b.activity % ${COURSES}) as course,
           '${LMS}/programmes/' || (1 + b.activity % ${PROGRAMMES}) as programme,
           case when b.agent % 5 = 0 then 'mbox:mailto:learner-' || b.agent || '@bench.vn' else 'account:${LMS}|learner-' || b.agent end as agent_key,
           to_char(b.stored - ((b.i * 13) % 3600) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as timestamp_text
      from base b
  ), texts as (
    select p.*,
           '{' ||
             '"actor":' || case when p.agent % 5 = 0
               then '{"mbox":"mailto:learner-' || p.agent || '@bench.vn","name":"Người học ' || p.agent || '","objectType":"Agent"}'
               else '{"account":{"homePage":"${LMS}","name":"learner-' || p.agent || '"},"name":"Người học ' || p.agent || '","objectType":"Agent"}' end ||
             ',"context":{"contextActivities":{"grouping":[{"id":"' || p.programme || '"}],"parent":[{"id":"' || p.course || '"}]}' ||
               coalesce(',"instructor":{"mbox":"mailto:teacher-' || p.teacher || '@bench.vn","objectType":"Agent"}', '') ||
               case when p.kind = 'activity' then ',"platform":"Bench LMS"' else '' end ||
               coalesce(',"registration":"' || p.registration || '"', '') || '}' ||
             ',"id":"' || p.id || '"' ||
             ',"object":' || case when p.kind = 'activity'
               then '{"definition":{"name":{"vi":"Hoạt động ' || p.activity || '"},"type":"' || p.activity_type || '"},"id":"' || p.activity_id || '","objectType":"Activity"}'
               else '{"id":"' || p.ref_id || '","objectType":"StatementRef"}' end ||
             case when p.kind = 'activity' and p.verb_no < 2
               then ',"result":{"completion":true,"duration":"PT' || (1 + p.i % 4) || 'H' || (p.i % 4) * 15 || 'M","score":{"scaled":' || ((50 + p.i % 51) / 100.0)::float8::text || '}}'
               else '' end ||
             ',"timestamp":"' || p.timestamp_text || '"' ||
             ',"verb":{"display":{"en-US":"' || regexp_replace(p.verb_id, '^.*/', '') || '"},"id":"' || p.verb_id || '"}' ||
           '}' as sent
      from parts p
  ), columns as (
  select t.i, t.id::uuid as id, t.sent,
         encode(sha256(convert_to(t.sent, 'UTF8')), 'hex') as sent_hash,
         t.stored,
         t.verb_id,
         t.activity_id,
         t.registration::uuid as registration,
         array[t.agent_key] as agent_keys,
         array[t.agent_key] || case when t.teacher is not null then array['mbox:mailto:teacher-' || t.teacher || '@bench.vn'] else '{}' end || array['${authorityKey}'] as related_agent_keys,
         case when t.activity_id is not null then array[t.activity_id] else '{}' end || array[t.programme, t.course] as related_activity_ids,
         case when t.kind = 'void' then t.ref_id::uuid end as voids_id,
         t.ref_id::uuid as target_id,
         case when t.kind = 'activity' then (case when m.id is null then 'UNMAPPED' else 'UNTRUSTED_CLIENT' end) else 'NOT_LEARNING' end as learning
    from texts t
    left join xapi_learning_mapping m on m.verb_id = t.verb_id and m.activity_type = t.activity_type
  )
  select c.*,
         case when c.target_id is not null then
           array['verb ' || tc.verb_id]
           || case when tc.activity_id is not null then array['activity ' || tc.activity_id] else '{}' end
           || case when tc.registration is not null then array['registration ' || tc.registration] else '{}' end
           || array(select 'agent ' || k from unnest(tc.agent_keys) k)
           || array(select 'related_agent ' || k from unnest(tc.related_agent_keys) k)
           || array(select 'related_activity ' || k from unnest(tc.related_activity_ids) k)
         end as target_filter_keys
    from columns c
    left join columns tc on tc.id = c.target_id
   where c.i >= $1`;
}

/**
 * Inserts statements from..to of the shape into xapi_statement as the store writes them (the
 * authority is an untrusted client's: mapped statements are UNTRUSTED_CLIENT), marking voided
 * the targets of the shape's voiding statements (all `total` are inserted, whichever range comes first).
 */
export async function insertStatements(client: Client, shape: LrsDataShape, from: number, to: number): Promise<number> {
  const result = await client.query(
    `insert into xapi_statement (id, statement, sent_hash, stored, verb_id, activity_id, registration, agent_keys, related_agent_keys, related_activity_ids, voids_id, target_id, target_filter_keys, voided, client_id, learning, learning_log_id)
     select id,
            sent::jsonb || jsonb_build_object('stored', to_char(stored at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'authority', $3::jsonb, 'version', '2.0.0'),
            sent_hash, stored, verb_id, activity_id, registration, agent_keys, related_agent_keys, related_activity_ids, voids_id, target_id, target_filter_keys,
            (i % 100 = 93 and i + 7 <= ${shape.total}), $4::uuid, learning, null
       from (${statementsSelect(shape)}) s`,
    [from, to, JSON.stringify(shape.authority), shape.clientId],
  );
  return result.rowCount ?? 0;
}

/** The activities' definitions as the store keeps them (the object's; context activities are sent without). */
export async function insertActivities(client: Client, activities: number): Promise<void> {
  await client.query(
    `insert into xapi_activity (id, definition)
     select '${LMS}/activities/' || k, jsonb_build_object('name', jsonb_build_object('vi', 'Hoạt động ' || k), 'type', (${array(ACTIVITY_TYPES)})[1 + k % ${ACTIVITY_TYPES.length}])
       from generate_series(1, $1::int) k
     on conflict (id) do nothing`,
    [activities],
  );
}

/** The sent JSON of statements from..to, in batches of `size`, as POST bodies. */
export async function statementBodies(client: Client, shape: LrsDataShape, from: number, to: number, size: number): Promise<string[]> {
  const { rows } = await client.query<{ body: string }>(
    `select '[' || string_agg(sent, ',' order by i) || ']' as body from (${statementsSelect(shape)}) s group by (i - $1) / $3 order by (i - $1) / $3`,
    [from, to, size],
  );
  return rows.map((row) => row.body);
}
