import type { EntityManager } from '@mikro-orm/postgresql';
import { StatementTrust } from '../auth/api-client.enums';
import { Account } from '../auth/account.entity';
import type { RequestContext } from '../core/context';
import { isUuid } from '../core/uuid';
import { Citizen } from '../people/citizens/citizen.entity';
import { LearningMapping } from '../learning/records/learning-mapping.entity';
import { XapiActivity } from './xapi-activity.entity';
import type { XapiStatement } from './xapi-statement.entity';
import { StatementLearning } from './xapi.enums';
import type { LearningHook, VoidingHook } from './statement-store';
import type { Json } from './statement-validation';

/** Who is sending, as far as learning records care. */
export interface BridgeClient {
  trust: StatementTrust;
}

const DURATION = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Hours of an ISO 8601 duration of days, hours, minutes and seconds; null for another shape or none. */
export function hoursOf(duration: unknown): number | null {
  if (typeof duration !== 'string') return null;
  const match = DURATION.exec(duration);
  if (!match) return null;
  const [, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  const total = (days ?? 0) * 24 + (hours ?? 0) + (minutes ?? 0) / 60 + (seconds ?? 0) / 3600;
  return total > 0 ? total : null;
}

function firstText(map: unknown): string | null {
  if (!map || typeof map !== 'object') return null;
  const values = map as Record<string, string>;
  return values.vi ?? values['vi-VN'] ?? Object.values(values)[0] ?? null;
}

/** The account a statement's actor names a citizen by: the id of an account on the platform's own home page, or an email. */
type ActorName = { citizenId: string } | { email: string } | null;

function actorName(actor: Json, homePages: string[]): ActorName {
  if (actor.objectType === 'Group') return null;
  const account = actor.account as Json | undefined;
  if (account) {
    const name = String(account.name);
    return homePages.includes(String(account.homePage).replace(/\/+$/, '')) && isUuid(name) ? { citizenId: name } : null;
  }
  return typeof actor.mbox === 'string' ? { email: actor.mbox.slice('mailto:'.length).toLowerCase() } : null;
}

/** The citizens the names stand for, by two `in` queries: ids that are citizens', and citizens of enabled accounts by email. */
async function citizensOf(em: EntityManager, names: ActorName[]): Promise<(string | null)[]> {
  const ids = [...new Set(names.flatMap((name) => (name && 'citizenId' in name ? [name.citizenId] : [])))];
  const emails = [...new Set(names.flatMap((name) => (name && 'email' in name ? [name.email] : [])))];
  const known = new Set(ids.length ? (await em.find(Citizen, { id: { $in: ids } }, { fields: ['id'] })).map((citizen) => citizen.id) : []);
  const byEmail = new Map<string, string>();
  const accounts = emails.length ? await em.find(Account, { email: { $in: emails }, disabledAt: null }, { fields: ['id', 'email'] }) : [];
  if (accounts.length) {
    const emailOf = new Map(accounts.map((account) => [account.id, account.email]));
    for (const citizen of await em.find(Citizen, { account: { $in: accounts.map((account) => account.id) } }, { fields: ['id', 'account'] })) {
      const email = citizen.account ? emailOf.get(citizen.account.id) : null;
      if (email) byEmail.set(email, citizen.id);
    }
  }
  return names.map((name) => (!name ? null : 'citizenId' in name ? (known.has(name.citizenId) ? name.citizenId : null) : (byEmail.get(name.email) ?? null)));
}

/** The activity types of the objects: the definition sent, else the stored activity's, read by one `in` query. */
async function activityTypesOf(em: EntityManager, targets: Json[]): Promise<(string | null)[]> {
  const sent = (target: Json) => (target.definition as Json | undefined)?.type;
  const unknown = [...new Set(targets.filter((target) => typeof sent(target) !== 'string').map((target) => target.id as string))];
  const stored = new Map(unknown.length ? (await em.find(XapiActivity, { id: { $in: unknown } })).map((activity) => [activity.id, activity.definition.type]) : []);
  return targets.map((target) => {
    const type = sent(target) ?? stored.get(target.id as string);
    return typeof type === 'string' ? type : null;
  });
}

/**
 * Turns new statements into learning, before the batch is inserted: a trusted client's statement about a known
 * citizen with a mapped verb and activity type becomes an IMPORT log (VERIFIED or PENDING by the client's trust);
 * everything else is only stored, with the reason recorded on the statement (and, when the log's rules refuse it,
 * the rule's code and message). The activity types, mappings and citizens of a batch are read by one query each.
 */
export function learningHook(ctx: RequestContext, client: BridgeClient, homePages: string[]): LearningHook {
  return async (em, rows) => {
    const activities = rows.filter((row) => {
      const target = row.statement.object as Json;
      return target.objectType === undefined || target.objectType === 'Activity';
    });
    const types = await activityTypesOf(em, activities.map((row) => row.statement.object as Json));
    const typed = types.filter((type): type is string => type !== null);
    const mappings = typed.length ? await em.find(LearningMapping, { verbId: { $in: [...new Set(activities.map((row) => row.verbId))] }, activityType: { $in: [...new Set(typed)] } }) : [];
    const mappingOf = (row: XapiStatement, type: string | null) => mappings.find((mapping) => mapping.verbId === row.verbId && mapping.activityType === type);
    const mapped = activities.flatMap((row, index) => {
      const mapping = mappingOf(row, types[index] ?? null);
      if (!mapping) row.learning = StatementLearning.UNMAPPED;
      else if (client.trust === StatementTrust.UNTRUSTED) row.learning = StatementLearning.UNTRUSTED_CLIENT;
      return mapping && client.trust !== StatementTrust.UNTRUSTED ? [{ row, mapping }] : [];
    });
    const citizens = await citizensOf(em, mapped.map(({ row }) => actorName(row.statement.actor as Json, homePages)));
    for (const [index, { row }] of mapped.entries()) if (!citizens[index]) row.learning = StatementLearning.UNKNOWN_PERSON;
    // The logs last: their rules flush, inserting the batch with what each statement has become so far.
    for (const [index, { row, mapping }] of mapped.entries()) {
      const citizenId = citizens[index];
      if (!citizenId) continue;
      const statement = row.statement;
      const result = statement.result as Json | undefined;
      const scaled = (result?.score as Json | undefined)?.scaled;
      const outcome = await ctx.services.learning.statementLogs.record({ ...ctx, em }, {
        statementId: row.id,
        citizenId,
        occurredAt: new Date(String(statement.timestamp)),
        hours: hoursOf(result?.duration) ?? mapping.defaultHours,
        topic: mapping.topic,
        result: mapping.result,
        activityTitle: firstText(((statement.object as Json).definition as Json | undefined)?.name),
        score: typeof scaled === 'number' && scaled >= 0 ? Math.round(scaled * 10_000) / 100 : null,
        verified: client.trust === StatementTrust.VERIFIED,
      });
      if ('refused' in outcome) Object.assign(row, { learning: StatementLearning.REFUSED, learningReason: outcome.refused });
      else Object.assign(row, { learning: StatementLearning.LOGGED, learningLogId: outcome.log.id });
    }
  };
}

export function voidingHook(ctx: RequestContext): VoidingHook {
  return async (em, voided: XapiStatement, voiding: XapiStatement) => {
    if (voided.learningLogId) await ctx.services.learning.statementLogs.voidForStatement({ ...ctx, em }, voided.learningLogId, voiding.id);
  };
}
