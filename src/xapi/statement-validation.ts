import { badRequest } from './xapi-error';
import { fitsKey, IRI_RULE, isIri, KEY_BYTES } from './xapi-text';
import type { XapiVersion } from './xapi-versions';

/** A JSON object as parsed from a request. */
export type Json = Record<string, unknown>;

// Stricter than isUuid (src/core/uuid.ts), which the query parameters use: a statement's UUIDs carry RFC 4122's version and variant.
const RFC4122_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const MAILTO = /^mailto:[^\s@]+@[^\s@]+$/i;
const SHA1 = /^[0-9a-f]{40}$/i;
const SHA2 = /^[0-9a-f]{56,128}$/i;
const LANGUAGE_TAG = /^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?$|^x(?:-[a-z\d]{1,8})+$|^i-[a-z]+$/i;
// ISO 8601 durations; weeks only stand alone (P4W, never P4W1D), as the standard has it.
const DURATION = /^P(?:\d+(?:\.\d+)?W|(?!$)(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?D)?(?:T(?!$)(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?)$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const INTERACTION_TYPES = new Set(['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other']);
const COMPONENT_LISTS: Record<string, string[]> = {
  choice: ['choices'],
  sequencing: ['choices'],
  likert: ['scale'],
  matching: ['source', 'target'],
  performance: ['steps'],
};
export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';

interface Where {
  version: XapiVersion;
  path: string;
}

const at = (where: Where, key: string | number): Where => ({ ...where, path: typeof key === 'number' ? `${where.path}[${key}]` : `${where.path}.${key}` });

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function object(value: unknown, where: Where): Json {
  if (!isObject(value)) badRequest(`${where.path} must be an object`);
  return value;
}

function onlyKeys(value: Json, allowed: string[], where: Where): void {
  for (const key of Object.keys(value)) if (!allowed.includes(key)) badRequest(`${where.path} has an unknown property ${key}`);
}

function string(value: unknown, where: Where): string {
  if (typeof value !== 'string') badRequest(`${where.path} must be a string`);
  return value;
}

function iri(value: unknown, where: Where): string {
  const text = string(value, where);
  if (!isIri(text)) badRequest(`${where.path} must be ${IRI_RULE}`);
  return text;
}

function uuid(value: unknown, where: Where): string {
  const text = string(value, where);
  if (!RFC4122_UUID.test(text)) badRequest(`${where.path} must be a UUID`);
  return text;
}

function boolean(value: unknown, where: Where): void {
  if (typeof value !== 'boolean') badRequest(`${where.path} must be true or false`);
}

function number(value: unknown, where: Where): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) badRequest(`${where.path} must be a number`);
  return value;
}

export function isLanguageTag(tag: string): boolean {
  return LANGUAGE_TAG.test(tag);
}

function languageMap(value: unknown, where: Where): void {
  const map = object(value, where);
  for (const [tag, text] of Object.entries(map)) {
    if (!isLanguageTag(tag)) badRequest(`${where.path} has a key that is not a language tag: ${tag}`);
    string(text, at(where, tag));
  }
}

function extensions(value: unknown, where: Where): void {
  for (const key of Object.keys(object(value, where))) if (!isIri(key)) badRequest(`${where.path} has a key that is not an IRI: ${key}`);
}

/** A timestamp as xAPI takes it: ISO 8601 with a time zone that is not -00:00. */
export function checkTimestamp(value: unknown, where: Where): void {
  const text = string(value, where);
  if (!TIMESTAMP.test(text) || /-00(:?00)?$/.test(text) || Number.isNaN(Date.parse(text.replace(' ', 'T')))) badRequest(`${where.path} must be an ISO 8601 timestamp`);
}

/** The identifying property of an agent (or identified group), checked: exactly one of mbox, mbox_sha1sum, openid, account. */
function inverseFunctionalIdentifier(value: Json, where: Where, required: boolean): void {
  const present = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((key) => value[key] !== undefined);
  if (present.length > 1) badRequest(`${where.path} has more than one identifier`);
  if (present.length === 0) {
    if (required) badRequest(`${where.path} needs one identifier: mbox, mbox_sha1sum, openid or account`);
    return;
  }
  if (value.mbox !== undefined) {
    const mbox = string(value.mbox, at(where, 'mbox'));
    if (!MAILTO.test(mbox) || !fitsKey(mbox)) badRequest(`${where.path}.mbox must be a mailto: IRI of at most ${KEY_BYTES} bytes`);
  }
  if (value.mbox_sha1sum !== undefined && !SHA1.test(string(value.mbox_sha1sum, at(where, 'mbox_sha1sum')))) badRequest(`${where.path}.mbox_sha1sum must be a SHA-1 hex digest`);
  if (value.openid !== undefined) iri(value.openid, at(where, 'openid'));
  if (value.account !== undefined) {
    const account = object(value.account, at(where, 'account'));
    onlyKeys(account, ['homePage', 'name'], at(where, 'account'));
    iri(account.homePage, at(at(where, 'account'), 'homePage'));
    string(account.name, at(at(where, 'account'), 'name'));
    if (!fitsKey(`${String(account.homePage)}|${String(account.name)}`)) badRequest(`${where.path}.account is longer than ${KEY_BYTES} bytes`);
  }
}

const AGENT_KEYS = ['objectType', 'name', 'mbox', 'mbox_sha1sum', 'openid', 'account'];

/** An Agent or Group; `objectType` is required when a Group could be mistaken for something else. */
export function checkActor(value: unknown, where: Where, options: { agentOnly?: boolean } = {}): void {
  const actor = object(value, where);
  if (actor.name !== undefined) string(actor.name, at(where, 'name'));
  if (actor.objectType === 'Group') {
    if (options.agentOnly) badRequest(`${where.path} must be an Agent`);
    onlyKeys(actor, [...AGENT_KEYS, 'member'], where);
    const identified = ['mbox', 'mbox_sha1sum', 'openid', 'account'].some((key) => actor[key] !== undefined);
    inverseFunctionalIdentifier(actor, where, false);
    if (actor.member !== undefined || !identified) {
      if (!Array.isArray(actor.member)) badRequest(`${where.path}.member must be an array of agents`);
      if (!identified && actor.member.length === 0) badRequest(`${where.path}: an anonymous group needs members`);
      actor.member.forEach((member, index) => checkActor(member, at(at(where, 'member'), index), { agentOnly: true }));
    }
    return;
  }
  if (actor.objectType !== undefined && actor.objectType !== 'Agent') badRequest(`${where.path}.objectType must be Agent or Group`);
  onlyKeys(actor, AGENT_KEYS, where);
  inverseFunctionalIdentifier(actor, where, true);
}

function checkVerb(value: unknown, where: Where): void {
  const verb = object(value, where);
  onlyKeys(verb, ['id', 'display'], where);
  iri(verb.id, at(where, 'id'));
  if (verb.display !== undefined) languageMap(verb.display, at(where, 'display'));
}

function checkInteractionComponents(value: unknown, where: Where): void {
  if (!Array.isArray(value)) badRequest(`${where.path} must be an array`);
  const ids = new Set<string>();
  value.forEach((item, index) => {
    const component = object(item, at(where, index));
    onlyKeys(component, ['id', 'description'], at(where, index));
    const id = string(component.id, at(at(where, index), 'id'));
    if (ids.has(id)) badRequest(`${where.path} has the id ${id} twice`);
    ids.add(id);
    if (component.description !== undefined) languageMap(component.description, at(at(where, index), 'description'));
  });
}

function checkDefinition(value: unknown, where: Where): void {
  const definition = object(value, where);
  onlyKeys(definition, ['name', 'description', 'type', 'moreInfo', 'extensions', 'interactionType', 'correctResponsesPattern', 'choices', 'scale', 'source', 'target', 'steps'], where);
  if (definition.name !== undefined) languageMap(definition.name, at(where, 'name'));
  if (definition.description !== undefined) languageMap(definition.description, at(where, 'description'));
  if (definition.type !== undefined) iri(definition.type, at(where, 'type'));
  if (definition.moreInfo !== undefined) iri(definition.moreInfo, at(where, 'moreInfo'));
  if (definition.extensions !== undefined) extensions(definition.extensions, at(where, 'extensions'));
  const interaction = definition.interactionType;
  if (interaction !== undefined && !INTERACTION_TYPES.has(string(interaction, at(where, 'interactionType')))) badRequest(`${where.path}.interactionType is not an interaction type`);
  if (definition.correctResponsesPattern !== undefined) {
    if (interaction === undefined) badRequest(`${where.path}.correctResponsesPattern needs an interactionType`);
    if (!Array.isArray(definition.correctResponsesPattern)) badRequest(`${where.path}.correctResponsesPattern must be an array of strings`);
    definition.correctResponsesPattern.forEach((pattern, index) => string(pattern, at(at(where, 'correctResponsesPattern'), index)));
  }
  const allowedLists = typeof interaction === 'string' ? (COMPONENT_LISTS[interaction] ?? []) : [];
  for (const list of ['choices', 'scale', 'source', 'target', 'steps']) {
    if (definition[list] === undefined) continue;
    if (!allowedLists.includes(list)) badRequest(`${where.path}.${list} does not go with interactionType ${String(interaction)}`);
    checkInteractionComponents(definition[list], at(where, list));
  }
}

export function checkActivity(value: unknown, where: Where): void {
  const activity = object(value, where);
  onlyKeys(activity, ['objectType', 'id', 'definition'], where);
  if (activity.objectType !== undefined && activity.objectType !== 'Activity') badRequest(`${where.path}.objectType must be Activity`);
  iri(activity.id, at(where, 'id'));
  if (activity.definition !== undefined) checkDefinition(activity.definition, at(where, 'definition'));
}

function checkStatementRef(value: Json, where: Where): void {
  onlyKeys(value, ['objectType', 'id'], where);
  uuid(value.id, at(where, 'id'));
}

function checkObject(value: unknown, where: Where, inSubStatement: boolean): void {
  const target = object(value, where);
  switch (target.objectType) {
    case undefined:
    case 'Activity':
      return checkActivity(target, where);
    case 'Agent':
    case 'Group':
      return checkActor(target, where);
    case 'StatementRef':
      return checkStatementRef(target, where);
    case 'SubStatement':
      if (inSubStatement) badRequest(`${where.path}: a SubStatement cannot hold another`);
      return checkStatementBody(target, where, true);
    default:
      badRequest(`${where.path}.objectType is not Activity, Agent, Group, StatementRef or SubStatement`);
  }
}

function checkScore(value: unknown, where: Where): void {
  const score = object(value, where);
  onlyKeys(score, ['scaled', 'raw', 'min', 'max'], where);
  const scaled = score.scaled === undefined ? null : number(score.scaled, at(where, 'scaled'));
  if (scaled !== null && (scaled < -1 || scaled > 1)) badRequest(`${where.path}.scaled must be between -1 and 1`);
  const min = score.min === undefined ? null : number(score.min, at(where, 'min'));
  const max = score.max === undefined ? null : number(score.max, at(where, 'max'));
  const raw = score.raw === undefined ? null : number(score.raw, at(where, 'raw'));
  if (min !== null && max !== null && min >= max) badRequest(`${where.path}.min must be below max`);
  if (raw !== null && ((min !== null && raw < min) || (max !== null && raw > max))) badRequest(`${where.path}.raw must be between min and max`);
}

function checkResult(value: unknown, where: Where): void {
  const result = object(value, where);
  onlyKeys(result, ['score', 'success', 'completion', 'response', 'duration', 'extensions'], where);
  if (result.score !== undefined) checkScore(result.score, at(where, 'score'));
  if (result.success !== undefined) boolean(result.success, at(where, 'success'));
  if (result.completion !== undefined) boolean(result.completion, at(where, 'completion'));
  if (result.response !== undefined) string(result.response, at(where, 'response'));
  if (result.duration !== undefined && !DURATION.test(string(result.duration, at(where, 'duration')))) badRequest(`${where.path}.duration must be an ISO 8601 duration`);
  if (result.extensions !== undefined) extensions(result.extensions, at(where, 'extensions'));
}

function checkActivityList(value: unknown, where: Where): void {
  const list = Array.isArray(value) ? value : [value];
  list.forEach((activity, index) => checkActivity(activity, Array.isArray(value) ? at(where, index) : where));
}

function checkRelevantTypes(value: unknown, where: Where): void {
  if (!Array.isArray(value) || value.length === 0) badRequest(`${where.path} must be a non-empty array of IRIs`);
  value.forEach((type, index) => iri(type, at(where, index)));
}

function checkContextAgents(value: unknown, where: Where, kind: 'contextAgent' | 'contextGroup'): void {
  if (!Array.isArray(value)) badRequest(`${where.path} must be an array`);
  value.forEach((item, index) => {
    const here = at(where, index);
    const entry = object(item, here);
    onlyKeys(entry, ['objectType', kind === 'contextAgent' ? 'agent' : 'group', 'relevantTypes'], here);
    if (entry.objectType !== kind) badRequest(`${here.path}.objectType must be ${kind}`);
    if (kind === 'contextAgent') checkActor(entry.agent, at(here, 'agent'), { agentOnly: true });
    else {
      if (!isObject(entry.group) || entry.group.objectType !== 'Group') badRequest(`${here.path}.group must be a Group`);
      checkActor(entry.group, at(here, 'group'));
    }
    if (entry.relevantTypes !== undefined) checkRelevantTypes(entry.relevantTypes, at(here, 'relevantTypes'));
  });
}

function checkContext(value: unknown, where: Where, objectIsActivity: boolean): void {
  const context = object(value, where);
  const keys = ['registration', 'instructor', 'team', 'contextActivities', 'revision', 'platform', 'language', 'statement', 'extensions'];
  onlyKeys(context, where.version === '2.0.0' ? [...keys, 'contextAgents', 'contextGroups'] : keys, where);
  if (context.registration !== undefined) uuid(context.registration, at(where, 'registration'));
  if (context.instructor !== undefined) checkActor(context.instructor, at(where, 'instructor'));
  if (context.team !== undefined) {
    if (!isObject(context.team) || context.team.objectType !== 'Group') badRequest(`${where.path}.team must be a Group`);
    checkActor(context.team, at(where, 'team'));
  }
  if (context.contextActivities !== undefined) {
    const activities = object(context.contextActivities, at(where, 'contextActivities'));
    onlyKeys(activities, ['parent', 'grouping', 'category', 'other'], at(where, 'contextActivities'));
    for (const [key, list] of Object.entries(activities)) checkActivityList(list, at(at(where, 'contextActivities'), key));
  }
  for (const key of ['revision', 'platform']) {
    if (context[key] === undefined) continue;
    string(context[key], at(where, key));
    if (!objectIsActivity) badRequest(`${where.path}.${key} is only for a statement about an activity`);
  }
  if (context.language !== undefined && !isLanguageTag(string(context.language, at(where, 'language')))) badRequest(`${where.path}.language must be a language tag`);
  if (context.statement !== undefined) {
    const ref = object(context.statement, at(where, 'statement'));
    if (ref.objectType !== 'StatementRef') badRequest(`${where.path}.statement must be a StatementRef`);
    checkStatementRef(ref, at(where, 'statement'));
  }
  if (context.extensions !== undefined) extensions(context.extensions, at(where, 'extensions'));
  if (context.contextAgents !== undefined) checkContextAgents(context.contextAgents, at(where, 'contextAgents'), 'contextAgent');
  if (context.contextGroups !== undefined) checkContextAgents(context.contextGroups, at(where, 'contextGroups'), 'contextGroup');
}

function checkAttachments(value: unknown, where: Where): void {
  if (!Array.isArray(value)) badRequest(`${where.path} must be an array`);
  value.forEach((item, index) => {
    const here = at(where, index);
    const attachment = object(item, here);
    onlyKeys(attachment, ['usageType', 'display', 'description', 'contentType', 'length', 'sha2', 'fileUrl'], here);
    iri(attachment.usageType, at(here, 'usageType'));
    languageMap(attachment.display, at(here, 'display'));
    if (attachment.description !== undefined) languageMap(attachment.description, at(here, 'description'));
    if (!/^[\w.+-]+\/[\w.+-]+/.test(string(attachment.contentType, at(here, 'contentType')))) badRequest(`${here.path}.contentType must be a media type`);
    const length = number(attachment.length, at(here, 'length'));
    if (!Number.isInteger(length) || length < 0) badRequest(`${here.path}.length must be a whole number of octets`);
    if (!SHA2.test(string(attachment.sha2, at(here, 'sha2')))) badRequest(`${here.path}.sha2 must be a SHA-2 hex digest`);
    if (attachment.fileUrl !== undefined) iri(attachment.fileUrl, at(here, 'fileUrl'));
  });
}

function checkVersion(value: unknown, where: Where): void {
  const text = string(value, where);
  const pattern = where.version === '2.0.0' ? /^(1\.0(\.\d+)?|2\.0(\.\d+)?)$/ : /^1\.0(\.\d+)?$/;
  if (!pattern.test(text)) badRequest(`${where.path} is not a version of xAPI this LRS takes`);
}

function checkStatementBody(statement: Json, where: Where, sub: boolean): void {
  const keys = ['actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments'];
  onlyKeys(statement, sub ? [...keys, 'objectType'] : [...keys, 'id', 'stored', 'authority', 'version', 'objectType'], where);
  if (!sub && statement.objectType !== undefined) badRequest(`${where.path}.objectType is not a statement property`);
  if (statement.actor === undefined) badRequest(`${where.path}.actor is required`);
  checkActor(statement.actor, at(where, 'actor'));
  if (statement.verb === undefined) badRequest(`${where.path}.verb is required`);
  checkVerb(statement.verb, at(where, 'verb'));
  if (statement.object === undefined) badRequest(`${where.path}.object is required`);
  checkObject(statement.object, at(where, 'object'), sub);
  if (statement.result !== undefined) checkResult(statement.result, at(where, 'result'));
  if (statement.context !== undefined) {
    const target = statement.object as Json;
    checkContext(statement.context, at(where, 'context'), target.objectType === undefined || target.objectType === 'Activity');
  }
  if (statement.timestamp !== undefined) checkTimestamp(statement.timestamp, at(where, 'timestamp'));
  if (statement.attachments !== undefined) checkAttachments(statement.attachments, at(where, 'attachments'));
}

/** Throws a 400 XapiError naming the first way a statement breaks the spec's MUSTs. */
export function validateStatement(value: unknown, version: XapiVersion): Json {
  const where: Where = { version, path: 'statement' };
  const statement = object(value, where);
  checkStatementBody(statement, where, false);
  if (statement.id !== undefined) uuid(statement.id, at(where, 'id'));
  if (statement.stored !== undefined) checkTimestamp(statement.stored, at(where, 'stored'));
  if (statement.version !== undefined) checkVersion(statement.version, at(where, 'version'));
  if (statement.authority !== undefined) {
    checkActor(statement.authority, at(where, 'authority'));
    const authority = statement.authority as Json;
    // A group authority stands for OAuth's consumer and user: anonymous, with exactly those two members.
    const identified = ['mbox', 'mbox_sha1sum', 'openid', 'account'].some((key) => authority[key] !== undefined);
    if (authority.objectType === 'Group' && (identified || !Array.isArray(authority.member) || authority.member.length !== 2)) badRequest('statement.authority: a group authority is an anonymous group of exactly two members');
  }
  const verb = statement.verb as Json;
  if (verb.id === VOIDED_VERB && (statement.object as Json).objectType !== 'StatementRef') badRequest('A voiding statement’s object must be a StatementRef');
  return statement;
}
