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

/** The citizen a statement's actor names: an account on the platform's own home page, or the email of a citizen's account. */
async function citizenOf(em: EntityManager, actor: Json, homePages: string[]): Promise<string | null> {
  if (actor.objectType === 'Group') return null;
  const account = actor.account as Json | undefined;
  if (account) {
    const homePage = String(account.homePage).replace(/\/+$/, '');
    const name = String(account.name);
    return homePages.includes(homePage) && isUuid(name) && (await em.count(Citizen, { id: name })) > 0 ? name : null;
  }
  if (typeof actor.mbox === 'string') {
    const email = actor.mbox.slice('mailto:'.length).toLowerCase();
    const owner = await em.findOne(Account, { email, disabledAt: null });
    const citizen = owner ? await em.findOne(Citizen, { account: owner }, { fields: ['id'] }) : null;
    return citizen?.id ?? null;
  }
  return null;
}

async function activityTypeOf(em: EntityManager, target: Json): Promise<string | null> {
  const definition = target.definition as Json | undefined;
  if (typeof definition?.type === 'string') return definition.type;
  const known = await em.findOne(XapiActivity, { id: target.id as string });
  return typeof known?.definition.type === 'string' ? known.definition.type : null;
}

/**
 * Turns stored statements into learning: a trusted client's statement about a known citizen with a
 * mapped verb and activity type becomes an IMPORT log (VERIFIED or PENDING by the client's trust);
 * everything else is only stored, with the reason recorded on the statement (and, when the log's
 * rules refuse it, the rule's code and message).
 */
export function learningHook(ctx: RequestContext, client: BridgeClient, homePages: string[]): LearningHook {
  return async (em, row) => {
    const statement = row.statement;
    const target = statement.object as Json;
    if (target.objectType !== undefined && target.objectType !== 'Activity') return { learning: StatementLearning.NOT_LEARNING, learningLogId: null };
    const type = await activityTypeOf(em, target);
    const mapping = type ? await em.findOne(LearningMapping, { verbId: row.verbId, activityType: type }) : null;
    if (!mapping) return { learning: StatementLearning.UNMAPPED, learningLogId: null };
    if (client.trust === StatementTrust.UNTRUSTED) return { learning: StatementLearning.UNTRUSTED_CLIENT, learningLogId: null };
    const citizenId = await citizenOf(em, statement.actor as Json, homePages);
    if (!citizenId) return { learning: StatementLearning.UNKNOWN_PERSON, learningLogId: null };
    const result = statement.result as Json | undefined;
    const scaled = (result?.score as Json | undefined)?.scaled;
    const outcome = await ctx.services.learning.statementLogs.record({ ...ctx, em }, {
      statementId: row.id,
      citizenId,
      occurredAt: new Date(String(statement.timestamp)),
      hours: hoursOf(result?.duration) ?? mapping.defaultHours,
      topic: mapping.topic,
      result: mapping.result,
      activityTitle: firstText((target.definition as Json | undefined)?.name),
      score: typeof scaled === 'number' && scaled >= 0 ? Math.round(scaled * 10_000) / 100 : null,
      verified: client.trust === StatementTrust.VERIFIED,
    });
    if ('refused' in outcome) return { learning: StatementLearning.REFUSED, learningLogId: null, learningReason: outcome.refused };
    return { learning: StatementLearning.LOGGED, learningLogId: outcome.log.id };
  };
}

export function voidingHook(ctx: RequestContext): VoidingHook {
  return async (em, voided: XapiStatement, voiding: XapiStatement) => {
    if (voided.learningLogId) await ctx.services.learning.statementLogs.voidForStatement({ ...ctx, em }, voided.learningLogId, voiding.id);
  };
}
