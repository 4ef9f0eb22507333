import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { isUuid } from '../core/uuid';
import { FeedKind } from './feed-item.entity';
import { numberPendingItems } from './feed-numbering';
import {
  calendarName, calendarSessions, institutionById, institutionProgrammes, programmeFeedRows, programmeSessions,
  publicProgrammeById, publicSessionById, sessionFeedRows, type CalendarScope, type FeedRow,
} from './feed.sql';
import { renderCalendar } from './icalendar';
import { scheduledSessionData, sessionCancelled, sessionSeriesData, topicScheme, type JsonObject } from './opportunity-data';
import { publicPage } from './public-page';
import { PublicUrls } from './public-urls';
import { feedPositionOf, rpdePage, type FeedPosition, type RpdePage } from './rpde';
import { institutionJsonLd, programmeJsonLd, sessionJsonLd } from './schema-org';

/** Where the open data is served; anonymous, from any origin. */
export const OPEN_DATA_PATHS = ['/feeds', '/institutions', '/programmes', '/sessions', '/topics'];

/** A calendar shows what is coming and the last month, so a cancellation stays visible a while. */
const CALENDAR_PAST_DAYS = 30;
const CALENDAR_MAX_EVENTS = 2_000;
const PAGE_MAX_SESSIONS = 50;

export interface FeedRouteOptions {
  orm: MikroORM;
  /** The public base URL of the API for a request: configured, or in development the request's own origin. */
  publicUrlOf: (request: Request) => string;
  /** Spends the caller's request budget; answers 429 itself when it is spent. */
  budget: RequestHandler;
}

/** A feed's page at a position: its rows, each turned into its item's data. */
type FeedReader = (em: EntityManager, urls: PublicUrls, position: FeedPosition) => Promise<RpdePage>;

function feedReader<T>(name: string, kind: FeedKind, rows: (em: EntityManager, after: number, limit: number) => Promise<FeedRow<T>[]>, data: (urls: PublicUrls, item: T) => JsonObject): FeedReader {
  return async (em, urls, position) => {
    await numberPendingItems(em, kind);
    return rpdePage(urls.feed(name), kind, position, await rows(em, position.afterChangeNumber, position.limit), (item) => data(urls, item));
  };
}

const FEEDS: Record<string, FeedReader> = {
  programmes: feedReader('programmes', FeedKind.SessionSeries, programmeFeedRows, sessionSeriesData),
  sessions: feedReader('sessions', FeedKind.ScheduledSession, sessionFeedRows, scheduledSessionData),
};

function notFound(response: Response, what: string): void {
  response.status(404).type('text/plain; charset=utf-8').set('cache-control', 'public, max-age=60').send(`${what} not found`);
}

/** Open data for other apps and search engines: RPDE feeds, iCalendar files and schema.org pages, all anonymous. */
export function feedRoutes(options: FeedRouteOptions): Router {
  const router = express.Router();
  const { orm } = options;
  const urlsOf = (request: Request) => new PublicUrls(options.publicUrlOf(request));

  router.use(OPEN_DATA_PATHS, options.budget);

  router.get('/feeds/:feed', async (request, response) => {
    const feed = Object.hasOwn(FEEDS, request.params.feed as string) ? FEEDS[request.params.feed as string] : undefined;
    if (!feed) return notFound(response, 'Feed');
    const position = feedPositionOf(request.query);
    if ('error' in position) {
      response.status(400).json({ error: position.error });
      return;
    }
    const page = await feed(orm.em.fork(), urlsOf(request), position);
    // RPDE's advice: the last page changes as soon as anything does; pages before it never change.
    response.set('cache-control', page.items.length ? 'public, max-age=3600' : 'public, max-age=8');
    response.json(page);
  });

  router.get('/topics', (request, response) => {
    response.set('cache-control', 'public, max-age=86400').type('application/ld+json; charset=utf-8').send(JSON.stringify(topicScheme(urlsOf(request))));
  });

  const calendar = (scopeOf: (id: string) => CalendarScope, calendarUrl: (urls: PublicUrls, id: string) => string): RequestHandler => async (request, response) => {
    const id = request.params.id as string;
    if (!isUuid(id)) return notFound(response, 'Calendar');
    const em = orm.em.fork();
    const scope = scopeOf(id);
    const name = await calendarName(em, scope);
    if (name === null) return notFound(response, 'Calendar');
    const urls = urlsOf(request);
    const now = new Date();
    const sessions = await calendarSessions(em, scope, new Date(now.getTime() - CALENDAR_PAST_DAYS * 86_400_000), CALENDAR_MAX_EVENTS);
    const text = renderCalendar({
      name,
      url: calendarUrl(urls, id),
      events: sessions.map((session) => ({
        uid: `${session.id}@${urls.host()}`,
        // Seconds since the last change: grows with every change, as SEQUENCE must.
        sequence: Math.max(0, Math.floor(session.updatedAt.getTime() / 1000) - 1_700_000_000),
        stamp: session.updatedAt,
        start: session.startsAt,
        end: session.endsAt,
        summary: session.programmeTitle,
        description: session.programmeDescription,
        location: [session.place, session.institutionName, session.institutionAddress].filter(Boolean).join(', '),
        url: urls.session(session.id),
        cancelled: sessionCancelled(session),
      })),
    });
    response.set('cache-control', 'public, max-age=300').type('text/calendar; charset=utf-8').send(text);
  };
  router.get('/feeds/institutions/:id/sessions.ics', calendar((id) => ({ institutionId: id }), (urls, id) => urls.institutionCalendar(id)));
  router.get('/feeds/units/:id/sessions.ics', calendar((id) => ({ unitId: id }), (urls, id) => urls.unitCalendar(id)));

  const page = (what: string, load: (em: EntityManager, urls: PublicUrls, id: string) => Promise<{ title: string; description: string | null; data: JsonObject } | null>): RequestHandler => async (request, response) => {
    const id = request.params.id as string;
    const found = isUuid(id) ? await load(orm.em.fork(), urlsOf(request), id) : null;
    if (!found) return notFound(response, what);
    response.set('cache-control', 'public, max-age=300').vary('Accept');
    if (request.accepts(['text/html', 'application/ld+json', 'application/json']) === 'text/html') {
      response.type('text/html; charset=utf-8').send(publicPage(found.title, found.description, found.data));
    } else {
      response.type('application/ld+json; charset=utf-8').send(JSON.stringify(found.data));
    }
  };
  router.get('/institutions/:id', page('Institution', async (em, urls, id) => {
    const institution = await institutionById(em, id);
    if (!institution) return null;
    return { title: institution.name, description: institution.description, data: institutionJsonLd(urls, institution, await institutionProgrammes(em, id, PAGE_MAX_SESSIONS)) };
  }));
  router.get('/programmes/:id', page('Programme', async (em, urls, id) => {
    const programme = await publicProgrammeById(em, id);
    if (!programme) return null;
    const sessions = await programmeSessions(em, id, new Date(Date.now() - CALENDAR_PAST_DAYS * 86_400_000), PAGE_MAX_SESSIONS);
    return { title: programme.title, description: programme.description, data: programmeJsonLd(urls, programme, sessions) };
  }));
  router.get('/sessions/:id', page('Session', async (em, urls, id) => {
    const session = await publicSessionById(em, id);
    return session ? { title: session.programmeTitle, description: session.programmeDescription, data: sessionJsonLd(urls, session) } : null;
  }));
  return router;
}
