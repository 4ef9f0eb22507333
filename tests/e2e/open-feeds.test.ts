import ical, { type VEvent } from 'node-ical';
import { validate } from '@openactive/data-model-validator';
import { RpdeValidator } from '@openactive/rpde-validator';
import type { RequestContext } from '../../src/core/context';
import { ProgrammeKind, Topic } from '../../src/catalogue/catalogue.enums';
import type { Institution } from '../../src/catalogue/institutions/institution.entity';
import type { Programme } from '../../src/catalogue/programmes/programme.entity';
import type { ProgrammeSession } from '../../src/catalogue/programmes/session.entity';
import { createInstitution, createProgramme, daysFromNow, scheduleSession, seedUnits, type UnitsFixture } from '../helpers/catalogue-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let admin: RequestContext;
let units: UnitsFixture;
let library: Institution;
let course: Programme;
let talk: Programme;
let draft: Programme;
let courseSessions: ProgrammeSession[];
let talkSession: ProgrammeSession;

interface FeedPage {
  next: string;
  license: string;
  items: { state: string; kind: string; id: string; modified: number; data?: Record<string, any> }[];
}

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(path.startsWith('http') ? path : `${api.url}${path}`, { headers });
}

/** How the feeds write a time: Vietnam's clock with its offset. */
function vietnam(date: Date): string {
  return `${new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}

function eventsOf(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter((component): component is VEvent => component?.type === 'VEVENT');
}

/**
 * What OpenActive's model validator fails in an item, but for the activity list. A learning programme's topics cannot
 * come from OpenActive's activity list, which names physical activities only, so they come from the platform's own
 * scheme at /topics; the validator, run offline, cannot fetch it and objects to any list but the official one.
 * topicsInScheme checks those concepts instead.
 */
async function modelFailures(item: FeedPage['items'][number]): Promise<string[]> {
  const results = await validate(item.data!, { loadRemoteJson: false, rpdeItemKind: item.kind });
  return results
    .filter((result) => result.severity === 'failure' && !result.path.startsWith('$.activity['))
    .map((failure) => `${failure.path}: ${failure.message.split('\n')[0]}`);
}

async function topicsInScheme(activity: { '@id': string; prefLabel: string; inScheme: string }[]): Promise<void> {
  expect(activity.length).toBeGreaterThan(0);
  for (const concept of activity) {
    const scheme = (await (await get(concept.inScheme)).json()) as { '@type': string; concept: { '@id': string; prefLabel: string }[] };
    expect(scheme['@type']).toBe('ConceptScheme');
    expect(scheme.concept).toContainEqual(expect.objectContaining({ '@id': concept['@id'], prefLabel: concept.prefLabel }));
  }
}

async function page(url: string): Promise<{ body: FeedPage; cacheControl: string | null }> {
  const response = await get(url);
  expect(response.status).toBe(200);
  // Parsed here, not by fetch: the validator's `instanceof Array` needs arrays of the test's own realm.
  return { body: JSON.parse(await response.text()) as FeedPage, cacheControl: response.headers.get('cache-control') };
}

/** Every item from a position to the end of a feed, following `next`, and the last page's `next`. */
async function walk(first: string): Promise<{ items: FeedPage['items']; last: string; pages: number }> {
  const items: FeedPage['items'] = [];
  let url = first;
  for (let pages = 1; pages < 100; pages += 1) {
    const { body, cacheControl } = await page(url);
    items.push(...body.items);
    if (!body.items.length) {
      expect(body.next).toBe(url);
      expect(cacheControl).toBe('public, max-age=8');
      return { items, last: url, pages };
    }
    expect(cacheControl).toBe('public, max-age=3600');
    expect(new URL(body.next).searchParams.get('afterChangeNumber')).toBe(String(body.items.at(-1)?.modified));
    url = body.next;
  }
  throw new Error('the feed never ended');
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.adminContext();
  units = await seedUnits(admin);
  const ctx = { ...admin, em: admin.em.fork() };
  library = await createInstitution(ctx, units.longAn, 'Thư viện tỉnh Long An', { address: '02 Võ Văn Tần, Phường Long An' });
  course = await createProgramme(ctx, library, 'Tin học văn phòng cho người cao tuổi', { description: 'Soạn thảo, bảng tính; mang theo máy, nếu có.', topics: [Topic.DIGITAL_SKILLS] });
  talk = await createProgramme(ctx, library, 'Nói chuyện chuyên đề: Lịch sử Long An', { kind: ProgrammeKind.TALK, topics: [Topic.CULTURE_HISTORY] });
  draft = await createProgramme(ctx, library, 'Bản nháp chưa công bố', { publish: false });
  courseSessions = [await scheduleSession(ctx, course, daysFromNow(3, 1), 1.5), await scheduleSession(ctx, course, daysFromNow(10, 1), 1.5)];
  talkSession = await scheduleSession(ctx, talk, daysFromNow(5, 12));
  await scheduleSession(ctx, draft, daysFromNow(6));
});

afterAll(async () => {
  await api.close();
});

describe('RPDE feeds of programmes and sessions', () => {
  it('publish every public programme once, in change-number order, with OpenActive data that validates', async () => {
    const { items, pages } = await walk('/feeds/programmes?limit=1');
    expect(pages).toBe(3);
    // Items changed before one read are numbered together, in no particular order; the draft is not there.
    expect(items.map((item) => [item.state, item.kind, item.id]).sort()).toEqual([
      ['updated', 'SessionSeries', course.id],
      ['updated', 'SessionSeries', talk.id],
    ].sort());
    expect(items[1]!.modified).toBeGreaterThan(items[0]!.modified);
    expect(items.find((item) => item.id === course.id)?.data).toMatchObject({
      '@context': 'https://openactive.io/',
      '@type': 'SessionSeries',
      '@id': `${api.url}/programmes/${course.id}`,
      name: 'Tin học văn phòng cho người cao tuổi',
      organizer: { '@type': 'Organization', name: 'Thư viện tỉnh Long An' },
      location: { '@type': 'Place', name: 'Thư viện tỉnh Long An', geo: { latitude: 10.5363, longitude: 106.4109 } },
      activity: [{ '@type': 'Concept', prefLabel: 'Kỹ năng số' }],
      offers: [{ '@type': 'Offer', price: 0, priceCurrency: 'VND' }],
    });
    for (const item of items) {
      expect(await modelFailures(item)).toEqual([]);
      await topicsInScheme(item.data!.activity);
    }
  });

  it('pass the OpenActive RPDE validator walking the whole feed', async () => {
    for (const feed of ['programmes', 'sessions']) {
      const log = await RpdeValidator(`${api.url}/feeds/${feed}?limit=2`, { pageLimit: 20 });
      const failures = log.pages.flatMap((logged) => logged.errors).filter((error) => error.severity === 'failure');
      expect({ feed, failures: failures.map((failure) => failure.message) }).toEqual({ feed, failures: [] });
      expect(log.pages.length).toBeGreaterThan(1);
    }
  });

  it('carry sessions with their series, times and status; a change puts the item after everything read so far', async () => {
    const start = await walk('/feeds/sessions');
    expect(start.items.map((item) => item.id).sort()).toEqual([...courseSessions.map((session) => session.id), talkSession.id].sort());
    const first = start.items.find((item) => item.id === courseSessions[0]!.id);
    expect(first?.data).toMatchObject({
      '@type': 'ScheduledSession',
      superEvent: `${api.url}/programmes/${course.id}`,
      startDate: vietnam(courseSessions[0]!.startsAt),
      duration: 'PT1H30M',
      eventStatus: 'https://schema.org/EventScheduled',
    });
    for (const item of start.items) expect(await modelFailures(item)).toEqual([]);

    // Cancelling the talk changes the series and its session; nothing else comes again.
    await admin.services.programmes.cancel({ ...admin, em: admin.em.fork() }, talk.id, 'Diễn giả bận');
    const sessionsAfter = await walk(start.last);
    expect(sessionsAfter.items.map((item) => [item.id, item.data?.eventStatus])).toEqual([[talkSession.id, 'https://schema.org/EventCancelled']]);
    const programmes = await walk('/feeds/programmes');
    expect(programmes.items.map((item) => item.id).sort()).toEqual([course.id, talk.id].sort());
    expect(programmes.items.at(-1)?.id).toBe(talk.id);
    expect(programmes.items.at(-1)?.data?.eventStatus).toBe('https://schema.org/EventCancelled');
  });

  it('show a deleted session as a tombstone without data', async () => {
    const before = await walk('/feeds/sessions');
    const em = api.runtime.orm.em.fork();
    const extra = await scheduleSession({ ...admin, em }, course, daysFromNow(20, 1));
    const added = await walk(before.last);
    expect(added.items.map((item) => [item.state, item.id])).toEqual([['updated', extra.id]]);
    await em.execute('delete from programme_session where id = ?', [extra.id]);
    const gone = await walk(added.last);
    expect(gone.items).toEqual([{ state: 'deleted', kind: 'ScheduledSession', id: extra.id, modified: expect.any(Number) }]);
    expect(gone.items[0]!.modified).toBeGreaterThan(added.items[0]!.modified);
  });

  it('never let a consumer skip a change committed after it read past a later one', async () => {
    const before = await walk('/feeds/programmes');
    const em = api.runtime.orm.em.fork();
    let seenWhileOpen: FeedPage['items'] = [];
    let lastWhileOpen = '';
    await em.transactional(async (tx) => {
      // A slow edit of the course: its transaction stays open while the talk is edited and the feed is read.
      await tx.execute("update programme set title = title || ' (đã sửa)' where id = ?", [course.id]);
      await api.runtime.orm.em.fork().execute("update programme set description = 'Buổi nói chuyện đã hoãn' where id = ?", [talk.id]);
      const read = await walk(before.last);
      seenWhileOpen = read.items;
      lastWhileOpen = read.last;
    });
    expect(seenWhileOpen.map((item) => item.id)).toEqual([talk.id]);
    const afterCommit = await walk(lastWhileOpen);
    expect(afterCommit.items.map((item) => [item.id, item.data?.name])).toEqual([[course.id, 'Tin học văn phòng cho người cao tuổi (đã sửa)']]);
  });

  it('refuse a bad position with 400, an unknown feed with 404 and an unknown API key with 401', async () => {
    expect((await get('/feeds/programmes?afterChangeNumber=abc')).status).toBe(400);
    expect(await (await get('/feeds/programmes?limit=0')).json()).toEqual({ error: 'limit must be a whole number from 1 to 1000' });
    expect((await get('/feeds/orders')).status).toBe(404);
    const badKey = await get('/feeds/programmes', { 'x-api-key': 'not-a-key', 'accept-language': 'en' });
    expect(badKey.status).toBe(401);
    expect(await badKey.json()).toEqual({ errors: [{ message: 'The API key is not valid or was revoked', extensions: { code: 'UNAUTHENTICATED' } }] });
  });
});

describe('iCalendar files', () => {
  it('list an institution\'s public sessions in Vietnam time, cancellations included, and parse back', async () => {
    const response = await get(`/feeds/institutions/${library.id}/sessions.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await response.text();
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
    expect(text).toContain('X-WR-CALNAME:Thư viện tỉnh Long An');
    const events = eventsOf(text);
    // The draft's session is not public.
    expect(events.map((event) => event.summary).sort()).toEqual([
      'Nói chuyện chuyên đề: Lịch sử Long An',
      'Tin học văn phòng cho người cao tuổi (đã sửa)',
      'Tin học văn phòng cho người cao tuổi (đã sửa)',
    ]);
    const first = events.find((event) => event.uid.startsWith(courseSessions[0]!.id))!;
    expect(first.start.toISOString()).toBe(courseSessions[0]!.startsAt.toISOString());
    expect(first.start.tz).toBe('Asia/Ho_Chi_Minh');
    expect(first.end.toISOString()).toBe(courseSessions[0]!.endsAt.toISOString());
    expect(first.description).toBe('Soạn thảo, bảng tính; mang theo máy, nếu có.');
    expect(first.status).toBe('CONFIRMED');
    expect(events.find((event) => event.uid.startsWith(talkSession.id))?.status).toBe('CANCELLED');
  });

  it('list a commune\'s sessions from every institution in it, and 404 for an unknown one', async () => {
    expect(eventsOf(await (await get(`/feeds/units/${units.longAn.id}/sessions.ics`)).text())).toHaveLength(3);
    expect(eventsOf(await (await get(`/feeds/units/${units.tanAn.id}/sessions.ics`)).text())).toHaveLength(0);
    expect((await get('/feeds/units/00000000-0000-4000-8000-000000000000/sessions.ics')).status).toBe(404);
    expect((await get('/feeds/units/not-an-id/sessions.ics')).status).toBe(404);
  });
});

describe('schema.org pages', () => {
  it('give a page with JSON-LD for an institution, a course and a talk; JSON-LD alone when asked for', async () => {
    const html = await (await get(`/institutions/${library.id}`, { accept: 'text/html' })).text();
    const script = /<script type="application\/ld\+json">(.*)<\/script>/.exec(html)?.[1];
    expect(JSON.parse(script!)).toMatchObject({ '@context': 'https://schema.org', '@type': 'Library', name: 'Thư viện tỉnh Long An', address: { streetAddress: '02 Võ Văn Tần, Phường Long An' } });
    expect(html).toContain('<h1>Thư viện tỉnh Long An</h1>');

    const courseData = await (await get(`/programmes/${course.id}`, { accept: 'application/ld+json' })).json();
    expect(courseData).toMatchObject({
      '@type': 'Course',
      provider: { '@type': 'Library', name: 'Thư viện tỉnh Long An' },
      hasCourseInstance: [
        { '@type': 'CourseInstance', startDate: vietnam(courseSessions[0]!.startsAt) },
        { '@type': 'CourseInstance', startDate: vietnam(courseSessions[1]!.startsAt) },
      ],
    });
    const talkData = await (await get(`/programmes/${talk.id}`, { accept: 'application/ld+json' })).json();
    expect(talkData).toMatchObject({
      '@type': 'Event',
      eventStatus: 'https://schema.org/EventCancelled',
      eventSchedule: { '@type': 'Schedule', scheduleTimezone: 'Asia/Ho_Chi_Minh' },
      subEvent: [{ '@type': 'Event', startDate: vietnam(talkSession.startsAt) }],
    });
  });

  it('answer 404 for a draft, so its existence does not leak, and escape what staff typed', async () => {
    expect((await get(`/programmes/${draft.id}`)).status).toBe(404);
    const ctx = { ...admin, em: admin.em.fork() };
    const tricky = await createProgramme(ctx, library, 'A </script><script>alert(1)</script>');
    const html = await (await get(`/programmes/${tricky.id}`, { accept: 'text/html' })).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html.match(/<script/g)).toHaveLength(1);
  });
});
