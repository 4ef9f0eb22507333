import { ProgrammeFormat, ProgrammeStatus, SessionStatus, Topic } from '../catalogue/catalogue.enums';
import { labelOf } from '../core/labels';
import { VIETNAM_TIME_ZONE, vietnamClock } from '../core/time';
import type { InstitutionRow, ProgrammeRow, SessionRow } from './feed.sql';
import type { PublicUrls } from './public-urls';
import { FEED_LICENSE, type JsonObject } from './rpde';

export type { JsonObject };

/** OpenActive's Modelling Opportunity Data 2.0 (schema.org with the `oa:` vocabulary), as the feeds' items carry it. */
const CONTEXT = 'https://openactive.io/';

const ATTENDANCE_MODE: Record<ProgrammeFormat, string> = {
  [ProgrammeFormat.IN_PERSON]: 'https://schema.org/OfflineEventAttendanceMode',
  [ProgrammeFormat.ONLINE]: 'https://schema.org/OnlineEventAttendanceMode',
  [ProgrammeFormat.HYBRID]: 'https://schema.org/MixedEventAttendanceMode',
};

/** Leaves out what is null, so an item never says `"address": null`. */
export function compact(object: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== null && value !== undefined));
}

/**
 * The address as text: a PostalAddress would need a postal code, which the catalogue does not hold (and Vietnam's
 * changed with the 2025 merger of provinces).
 */
export function placeOf(institution: InstitutionRow): JsonObject {
  return compact({
    '@type': 'Place',
    name: institution.name,
    address: [institution.address, institution.unitName].filter(Boolean).join(', '),
    geo: institution.latitude === null ? null : { '@type': 'GeoCoordinates', latitude: institution.latitude, longitude: institution.longitude },
  });
}

/** A time as Vietnam's clocks show it, with its offset and without fractions of a second: 2026-12-10T08:00:00+07:00. */
export function vietnamDateTime(date: Date): string {
  return `${vietnamClock(date)}+07:00`;
}

/** A topic as a concept of the platform's own scheme, served at /topics (OpenActive's activity list has physical activities only). */
export function topicConcept(urls: PublicUrls, topic: Topic): JsonObject {
  return { '@type': 'Concept', '@id': `${urls.topics()}#${topic}`, prefLabel: labelOf('Topic', topic, 'vi'), inScheme: urls.topics() };
}

/** The topics as a SKOS concept scheme, the form OpenActive describes activity lists in. */
export function topicScheme(urls: PublicUrls): JsonObject {
  return {
    '@context': CONTEXT,
    '@type': 'ConceptScheme',
    '@id': urls.topics(),
    url: urls.topics(),
    title: 'Lĩnh vực học tập',
    description: 'Lĩnh vực của các chương trình học tập suốt đời (Topics of lifelong-learning programmes).',
    license: FEED_LICENSE,
    concept: Object.values(Topic).map((topic) => ({ ...topicConcept(urls, topic), altLabel: [labelOf('Topic', topic, 'en')] })),
  };
}

export function sessionSeriesData(urls: PublicUrls, programme: ProgrammeRow): JsonObject {
  const { institution } = programme;
  return compact({
    '@context': CONTEXT,
    '@type': 'SessionSeries',
    '@id': urls.programme(programme.id),
    identifier: programme.id,
    url: urls.programme(programme.id),
    name: programme.title,
    description: programme.description,
    organizer: compact({ '@type': 'Organization', '@id': urls.institution(institution.id), name: institution.name, url: urls.institution(institution.id), telephone: institution.phone, email: institution.email }),
    location: placeOf(institution),
    activity: programme.topics.map((topic) => topicConcept(urls, topic)),
    inLanguage: [programme.language],
    eventAttendanceMode: ATTENDANCE_MODE[programme.format],
    eventStatus: programme.status === ProgrammeStatus.CANCELLED ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    // The sessions are their own feed; this says in which time zone their times are.
    eventSchedule: [{ '@type': 'PartialSchedule', scheduleTimezone: VIETNAM_TIME_ZONE }],
    offers: [{ '@type': 'Offer', '@id': `${urls.programme(programme.id)}#offer`, price: programme.feeVnd, priceCurrency: 'VND' }],
  });
}

/** ISO 8601 duration of whole minutes: PT1H30M. */
export function isoDuration(from: Date, to: Date): string {
  const minutes = Math.round((to.getTime() - from.getTime()) / 60_000);
  const hours = Math.floor(minutes / 60);
  return `PT${hours ? `${hours}H` : ''}${minutes % 60 || !hours ? `${minutes % 60}M` : ''}`;
}

/** Whether people should not come: the session or its whole programme is called off. */
export function sessionCancelled(session: SessionRow): boolean {
  return session.status === SessionStatus.CANCELLED || session.programmeStatus === ProgrammeStatus.CANCELLED;
}

export function scheduledSessionData(urls: PublicUrls, session: SessionRow): JsonObject {
  return compact({
    '@context': CONTEXT,
    '@type': 'ScheduledSession',
    '@id': urls.session(session.id),
    identifier: session.id,
    url: urls.session(session.id),
    superEvent: urls.programme(session.programmeId),
    startDate: vietnamDateTime(session.startsAt),
    endDate: vietnamDateTime(session.endsAt),
    duration: isoDuration(session.startsAt, session.endsAt),
    eventStatus: sessionCancelled(session) ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    maximumAttendeeCapacity: session.capacity,
  });
}
