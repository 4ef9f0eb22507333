import type { Json } from './statement-validation';

/**
 * The key of an agent's (or identified group's) inverse functional identifier, which the filters
 * and documents match on: two agents are the same when these keys are equal. Null for an anonymous group.
 */
export function agentKey(agent: Json): string | null {
  if (typeof agent.mbox === 'string') return `mbox:${agent.mbox.toLowerCase()}`;
  if (typeof agent.mbox_sha1sum === 'string') return `sha1:${agent.mbox_sha1sum.toLowerCase()}`;
  if (typeof agent.openid === 'string') return `openid:${agent.openid}`;
  const account = agent.account as Json | undefined;
  if (account && typeof account.homePage === 'string' && typeof account.name === 'string') return `account:${account.homePage}|${account.name}`;
  return null;
}

/** The keys of an actor: its own and, for a group, its members'. */
export function actorKeys(actor: unknown): string[] {
  if (typeof actor !== 'object' || actor === null) return [];
  const value = actor as Json;
  const own = agentKey(value);
  const members = Array.isArray(value.member) ? value.member.flatMap((member) => actorKeys(member)) : [];
  return [...(own ? [own] : []), ...members];
}

/** Only the identifying properties of an agent or group, as format=ids returns them. */
export function identifiersOnly(agent: Json): Json {
  const kept: Json = {};
  for (const key of ['objectType', 'mbox', 'mbox_sha1sum', 'openid', 'account']) if (agent[key] !== undefined) kept[key] = agent[key];
  if (Array.isArray(agent.member)) kept.member = agent.member.map((member) => identifiersOnly(member as Json));
  return kept;
}
