import { identifiersOnly } from './agent-keys';
import type { Json } from './statement-validation';
import type { StatementFormat } from './statement-query';

const LANGUAGE_MAPS = ['display', 'name', 'description'];

/** The language a reader prefers among a map's, by their Accept-Language list (most preferred first). */
function pickLanguage(map: Json, preferred: string[]): Json {
  const tags = Object.keys(map);
  if (tags.length <= 1) return map;
  for (const wanted of preferred) {
    const tag = tags.find((candidate) => candidate.toLowerCase() === wanted) ?? tags.find((candidate) => candidate.toLowerCase().split('-')[0] === wanted.split('-')[0]);
    if (tag) return { [tag]: map[tag] };
  }
  const first = tags[0] as string;
  return { [first]: map[first] };
}

function canonicalise(value: unknown, preferred: string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => canonicalise(item, preferred));
  if (!value || typeof value !== 'object') return value;
  const result: Json = {};
  for (const [key, inner] of Object.entries(value as Json)) {
    const isMap = LANGUAGE_MAPS.includes(key) && inner && typeof inner === 'object' && !Array.isArray(inner) && Object.values(inner).every((text) => typeof text === 'string');
    result[key] = isMap ? pickLanguage(inner as Json, preferred) : key === 'extensions' ? inner : canonicalise(inner, preferred);
  }
  return result;
}

function idsOnly(statement: Json): Json {
  const reduceAgent = (agent: unknown) => (agent && typeof agent === 'object' ? identifiersOnly(agent as Json) : agent);
  const reduceObject = (target: Json): Json => {
    if (target.objectType === 'Agent' || target.objectType === 'Group') return identifiersOnly(target);
    if (target.objectType === 'SubStatement') return idsOnly(target);
    if (target.objectType === undefined || target.objectType === 'Activity') return { id: target.id };
    return target;
  };
  const result: Json = { ...statement, actor: reduceAgent(statement.actor), object: reduceObject(statement.object as Json) };
  if (statement.authority) result.authority = reduceAgent(statement.authority);
  const verb = statement.verb as Json;
  result.verb = { id: verb.id };
  const context = statement.context as Json | undefined;
  if (context) {
    const reduced: Json = { ...context };
    if (context.instructor) reduced.instructor = reduceAgent(context.instructor);
    if (context.team) reduced.team = reduceAgent(context.team);
    if (context.contextActivities) {
      reduced.contextActivities = Object.fromEntries(Object.entries(context.contextActivities as Json).map(([key, list]) => [key, (list as Json[]).map((activity) => reduceObject(activity))]));
    }
    result.context = reduced;
  }
  return result;
}

/** A stored statement as a GET's `format` asks for it. */
export function formatStatement(statement: Json, format: StatementFormat, languages: string[]): Json {
  switch (format) {
    case 'exact':
      return statement;
    case 'ids':
      return idsOnly(statement);
    case 'canonical':
      return canonicalise(statement, languages) as Json;
  }
}

/** Accept-Language as a list of lower-case tags, most preferred first. */
export function preferredLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && entry.tag !== '*')
    .sort((a, b) => b.q - a.q)
    .map((entry) => entry.tag);
}
