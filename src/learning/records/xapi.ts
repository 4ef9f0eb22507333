import type { LearningLog } from '../logs/learning-log.entity';
import { LogResult, LogSource } from '../learning.enums';

/** The platform's IRI: activity ids and the actor's account home page live under it. */
export const PLATFORM_IRI = 'https://hoctap.tayninh.gov.vn';

/** The verb and activity type a log's statement is exported with. */
export interface ExportTerms {
  verbId: string;
  activityType: string;
}

/** The province's mapping read backwards: the `exported` row of each result (learning-mapping.entity.ts). */
export type ExportMapping = Map<LogResult, ExportTerms>;

const VERBS: Record<LogResult, string> = {
  [LogResult.PARTICIPATED]: 'http://adlnet.gov/expapi/verbs/attended',
  [LogResult.COMPLETED]: 'http://adlnet.gov/expapi/verbs/completed',
};
const EXPERIENCED = 'http://adlnet.gov/expapi/verbs/experienced';

/** ISO 8601 duration of hours, e.g. 1.5 → PT1H30M. */
export function isoDuration(hours: number): string {
  const totalMinutes = Math.round(hours * 60);
  const h = Math.floor(totalMinutes / 60);
  const m = totalMinutes % 60;
  return `PT${h ? `${h}H` : ''}${m || !h ? `${m}M` : ''}`;
}

/**
 * The terms of a log's statement: the exported mapping row of its result; without one (the
 * province unmarked it), the platform's own: attended or completed (experienced for a resource's
 * study) on a meeting, a media or a course, as before the mapping existed.
 */
function termsOf(log: LearningLog, mapping: ExportMapping, ownType: string): ExportTerms {
  return mapping.get(log.result) ?? { verbId: log.source === LogSource.RESOURCE_STUDY ? EXPERIENCED : VERBS[log.result], activityType: ownType };
}

function activityOf(log: LearningLog): { id: string; name: string; type: string } {
  if (log.session) {
    return { id: `${PLATFORM_IRI}/activities/session/${log.session.id}`, name: log.session.programme?.title ?? 'Session', type: 'http://adlnet.gov/expapi/activities/meeting' };
  }
  if (log.resourceId) return { id: `${PLATFORM_IRI}/activities/resource/${log.resourceId}`, name: log.activityTitle ?? 'Resource', type: 'http://adlnet.gov/expapi/activities/media' };
  return { id: `${PLATFORM_IRI}/activities/external/${log.id}`, name: log.activityTitle ?? 'Learning activity', type: 'http://adlnet.gov/expapi/activities/course' };
}

/**
 * One xAPI 1.0.3 statement per log, its id the log's (sent back to /xapi it finds the log); the
 * actor is an `account` (no email), the timestamp the day it happened.
 */
export function toXapiStatement(log: LearningLog, citizenId: string, citizenName: string, mapping: ExportMapping): Record<string, unknown> {
  const activity = activityOf(log);
  const terms = termsOf(log, mapping, activity.type);
  return {
    id: log.id,
    actor: { objectType: 'Agent', name: citizenName, account: { homePage: PLATFORM_IRI, name: citizenId } },
    verb: { id: terms.verbId, display: { 'en-US': terms.verbId.replace(/^.*[/#]/, '') } },
    object: {
      objectType: 'Activity',
      id: activity.id,
      definition: { name: { vi: activity.name }, type: terms.activityType },
    },
    result: {
      completion: log.result === LogResult.COMPLETED,
      duration: isoDuration(log.hours),
      ...(log.score !== null ? { score: { scaled: log.score / 100, raw: log.score, min: 0, max: 100 } } : {}),
    },
    context: {
      platform: PLATFORM_IRI,
      extensions: {
        [`${PLATFORM_IRI}/xapi/source`]: log.source,
        [`${PLATFORM_IRI}/xapi/status`]: log.status,
        [`${PLATFORM_IRI}/xapi/topics`]: log.topics,
        ...(log.institution ? { [`${PLATFORM_IRI}/xapi/institution`]: `${PLATFORM_IRI}/institutions/${log.institution.id}` } : {}),
        ...(log.certificateNumber ? { [`${PLATFORM_IRI}/xapi/certificate`]: log.certificateNumber } : {}),
      },
    },
    timestamp: `${log.occurredOn}T00:00:00+07:00`,
    stored: log.createdAt.toISOString(),
  };
}

/** The plain JSON record of one log, with every field a citizen owns. */
export function toJsonRecord(log: LearningLog): Record<string, unknown> {
  return {
    id: log.id,
    source: log.source,
    status: log.status,
    statusReason: log.statusReason,
    occurredOn: log.occurredOn,
    recordedAt: log.createdAt.toISOString(),
    hours: log.hours,
    topics: log.topics,
    result: log.result,
    score: log.score,
    certificateNumber: log.certificateNumber,
    activityTitle: log.activityTitle,
    sessionId: log.session?.id ?? null,
    programmeTitle: log.session?.programme?.title ?? null,
    resourceId: log.resourceId,
    institution: log.institution ? { id: log.institution.id, name: log.institution.name } : null,
    evidenceKey: log.evidenceKey,
  };
}
