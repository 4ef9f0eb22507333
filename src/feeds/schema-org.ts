import { InstitutionKind, ProgrammeKind, ProgrammeStatus } from '../catalogue/catalogue.enums';
import type { InstitutionRow, ProgrammeRow, SessionRow } from './feed.sql';
import { compact, isoDuration, placeOf, sessionCancelled, topicConcept, vietnamDateTime, type JsonObject } from './opportunity-data';
import { VIETNAM_TIME_ZONE } from '../core/time';
import type { PublicUrls } from './public-urls';

/** schema.org JSON-LD for search engines, on each institution's, programme's and session's public page. */
const CONTEXT = 'https://schema.org';

const INSTITUTION_TYPE: Partial<Record<InstitutionKind, string>> = {
  [InstitutionKind.LIBRARY]: 'Library',
  [InstitutionKind.MUSEUM]: 'Museum',
  [InstitutionKind.SCHOOL]: 'School',
};

const COURSE_KINDS = new Set([ProgrammeKind.COURSE, ProgrammeKind.ONLINE_COURSE]);

export function institutionJsonLd(urls: PublicUrls, institution: InstitutionRow, programmes: { id: string; title: string }[]): JsonObject {
  const place = placeOf(institution);
  return compact({
    '@context': CONTEXT,
    '@type': INSTITUTION_TYPE[institution.kind] ?? 'EducationalOrganization',
    '@id': urls.institution(institution.id),
    url: urls.institution(institution.id),
    name: institution.name,
    description: institution.description,
    address: institution.address ? { '@type': 'PostalAddress', streetAddress: institution.address, addressLocality: institution.unitName, addressCountry: 'VN' } : null,
    geo: place.geo,
    telephone: institution.phone,
    email: institution.email,
    sameAs: institution.website,
    openingHours: institution.openingHours,
    event: programmes.map((programme) => ({ '@id': urls.programme(programme.id), name: programme.title, url: urls.programme(programme.id) })),
  });
}

function sessionEvent(urls: PublicUrls, session: SessionRow, location: JsonObject): JsonObject {
  return compact({
    '@type': 'Event',
    '@id': urls.session(session.id),
    url: urls.session(session.id),
    name: session.programmeTitle,
    startDate: vietnamDateTime(session.startsAt),
    endDate: vietnamDateTime(session.endsAt),
    duration: isoDuration(session.startsAt, session.endsAt),
    eventStatus: sessionCancelled(session) ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    location: session.place ? { '@type': 'Place', name: session.place, address: location.address } : location,
    maximumAttendeeCapacity: session.capacity,
  });
}

/** The dates a programme's sessions span, as an EventSchedule says them. */
function schedule(sessions: SessionRow[]): JsonObject | null {
  const first = sessions[0];
  const last = sessions.at(-1);
  if (!first || !last) return null;
  return { '@type': 'Schedule', startDate: vietnamDateTime(first.startsAt).slice(0, 10), endDate: vietnamDateTime(last.endsAt).slice(0, 10), scheduleTimezone: VIETNAM_TIME_ZONE };
}

/** A course is a `Course` with its sessions as instances; anything else an `Event` with its schedule and sessions. */
export function programmeJsonLd(urls: PublicUrls, programme: ProgrammeRow, sessions: SessionRow[]): JsonObject {
  const { institution } = programme;
  const location = placeOf(institution);
  const provider = { '@type': INSTITUTION_TYPE[institution.kind] ?? 'EducationalOrganization', '@id': urls.institution(institution.id), name: institution.name, url: urls.institution(institution.id) };
  const offers = { '@type': 'Offer', price: programme.feeVnd, priceCurrency: 'VND', url: urls.programme(programme.id) };
  const about = programme.topics.map((topic) => ({ ...topicConcept(urls, topic), '@type': 'DefinedTerm' }));
  const common = {
    '@context': CONTEXT,
    '@id': urls.programme(programme.id),
    url: urls.programme(programme.id),
    name: programme.title,
    description: programme.description,
    inLanguage: programme.language,
    offers,
    about,
  };
  const events = sessions.map((session) => sessionEvent(urls, session, location));
  if (COURSE_KINDS.has(programme.kind)) {
    return compact({
      ...common,
      '@type': 'Course',
      provider,
      hasCourseInstance: events.map((event) => ({ ...event, '@type': 'CourseInstance', courseMode: programme.format })),
    });
  }
  return compact({
    ...common,
    '@type': 'Event',
    organizer: provider,
    location,
    eventStatus: programme.status === ProgrammeStatus.CANCELLED ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventSchedule: schedule(sessions),
    subEvent: events,
  });
}

export function sessionJsonLd(urls: PublicUrls, session: SessionRow): JsonObject {
  const location = compact({ '@type': 'Place', name: session.institutionName, address: session.institutionAddress });
  return { '@context': CONTEXT, ...sessionEvent(urls, session, location), superEvent: { '@id': urls.programme(session.programmeId), name: session.programmeTitle } };
}
