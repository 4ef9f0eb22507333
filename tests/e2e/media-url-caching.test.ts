import { createHash } from 'node:crypto';
import { MediaAsset, MediaRendition } from '../../src/media/media-asset.entity';
import { RenditionFormat, RenditionKind } from '../../src/media/media.enums';
import { LearningResource } from '../../src/resources/resource.entity';
import { ResourceKind, ResourceStatus } from '../../src/resources/resource.enums';
import { Topic } from '../../src/catalogue/catalogue.enums';
import { Role } from '../../src/core/roles';
import { createInstitution, gid, seedUnits } from '../helpers/catalogue-fixtures';
import { COMPLETE_UPLOAD, makeJpeg, putUpload } from '../helpers/media-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

/** Short windows, so a test sees the URL change; the public max-age is longer than the URLs live, to see it cut. */
const WINDOW_SECONDS = 3;
const PUBLIC_CACHE_SECONDS = 60;

let api: TestApi;
let staffToken: string;
let jpeg: Buffer;

const THUMBNAILS = `query PublicThumbnails { learningResources(first: 5) { edges { node { title thumbnail(width: 320) mediaAsset { renditions { name url } } } } } }`;
const COUNT = `query ProgrammeCount { programmes(first: 1) { totalCount } }`;
const TOO_MANY = `query TooMany { learningResources(first: 1000) { totalCount } }`;

const hashOf = (query: string) => createHash('sha256').update(query).digest('hex');

interface Answer {
  status: number;
  cacheControl: string | null;
  vary: string | null;
  body: { data?: Record<string, any>; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** A persisted query over GET as a CDN-fronted client sends it: the hash alone once registered, with the query text the first time. */
async function persistedGet(query: string, options: { register?: boolean; token?: string } = {}): Promise<Answer> {
  const params = new URLSearchParams({ extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hashOf(query) } }) });
  if (options.register) params.set('query', query);
  const response = await fetch(`${api.url}/graphql?${params}`, {
    headers: { 'apollo-require-preflight': 'true', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
  });
  return answerOf(response);
}

async function answerOf(response: Response): Promise<Answer> {
  return { status: response.status, cacheControl: response.headers.get('cache-control'), vary: response.headers.get('vary'), body: JSON.parse(await response.text()) };
}

function thumbnailOf(body: Answer['body']): string {
  expect(body.errors).toBeUndefined();
  const node = body.data?.learningResources.edges[0].node;
  expect(node.thumbnail).toEqual(expect.stringContaining('X-Amz-Signature='));
  return node.thumbnail as string;
}

/** Waits until 100 ms into the next signing window, so the requests that follow fall in one window. */
async function startOfNextWindow(): Promise<void> {
  const windowMs = WINDOW_SECONDS * 1000;
  await new Promise((resolve) => setTimeout(resolve, windowMs - (Date.now() % windowMs) + 100));
}

beforeAll(async () => {
  api = await startTestApi({ MEDIA_DOWNLOAD_URL_WINDOW_SECONDS: String(WINDOW_SECONDS), PUBLIC_CACHE_SECONDS: String(PUBLIC_CACHE_SECONDS) });
  const admin = await api.adminContext();
  const units = await seedUnits(admin);
  const institution = await createInstitution(admin, units.longAn, 'Thư viện ảnh');
  staffToken = (await api.account(Role.INSTITUTION_STAFF, { institutionId: institution.id })).token;
  jpeg = await makeJpeg(640, 480);
  const uploadId = await putUpload(api, staffToken, gid('Institution', institution.id), jpeg, { contentType: 'image/jpeg', filename: 'anh.jpg' });
  const completed = await api.gql(COMPLETE_UPLOAD, { input: { uploadId } }, { token: staffToken });
  expect(completed.data?.completeUpload.errors).toEqual([]);
  // The workers are not running here: the thumbnail the image step would make is recorded by hand, on the original's bytes.
  const em = api.runtime.orm.em.fork();
  const asset = await em.findOneOrFail(MediaAsset, { institution: institution.id });
  em.create(MediaRendition, { asset, name: 'thumbnail-320', kind: RenditionKind.THUMBNAIL, format: RenditionFormat.JPEG, width: 320, height: 240, key: asset.originalKey, sizeBytes: jpeg.length });
  em.create(LearningResource, { institution: institution.id, title: 'Ảnh tư liệu', kind: ResourceKind.IMAGE, topics: [Topic.DIGITAL_SKILLS], status: ResourceStatus.PUBLISHED, asset, publishedAt: new Date() });
  await em.flush();
  expect((await persistedGet(THUMBNAILS, { register: true })).status).toBe(200);
  expect((await persistedGet(COUNT, { register: true })).status).toBe(200);
});

afterAll(async () => {
  await api.close();
});

test('answers the same URL of a rendition to every request within a signing window, and a new one in the next', async () => {
  await startOfNextWindow();
  const first = thumbnailOf((await persistedGet(THUMBNAILS)).body);
  const second = thumbnailOf(await api.gql(THUMBNAILS));
  const third = thumbnailOf((await persistedGet(THUMBNAILS)).body);
  expect(second).toBe(first);
  expect(third).toBe(first);

  await startOfNextWindow();
  const next = thumbnailOf((await persistedGet(THUMBNAILS)).body);
  expect(next).not.toBe(first);
  // The URL of the window before still works for this one: a cached page never holds a dead link.
  for (const url of [first, next]) {
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(jpeg)).toBe(true);
  }
});

test('signs every URL of a response for the same window, renditions and thumbnail alike', async () => {
  await startOfNextWindow();
  const answer = await persistedGet(THUMBNAILS);
  const node = answer.body.data?.learningResources.edges[0].node;
  expect(node.mediaAsset.renditions).toEqual([{ name: 'thumbnail-320', url: node.thumbnail }]);
  const url = new URL(node.thumbnail as string);
  const signedAt = url.searchParams.get('X-Amz-Date') as string;
  const signedMs = Date.UTC(+signedAt.slice(0, 4), +signedAt.slice(4, 6) - 1, +signedAt.slice(6, 8), +signedAt.slice(9, 11), +signedAt.slice(11, 13), +signedAt.slice(13, 15));
  expect(signedMs % (WINDOW_SECONDS * 1000)).toBe(0);
  expect(url.searchParams.get('X-Amz-Expires')).toBe(String(2 * WINDOW_SECONDS));
});

test('lets caches keep a signed-out persisted GET, for no longer than its URLs work', async () => {
  await startOfNextWindow();
  const answer = await persistedGet(THUMBNAILS);
  expect(answer.status).toBe(200);
  const maxAge = Number(/^public, max-age=(\d+)$/.exec(answer.cacheControl ?? '')?.[1]);
  // Signed at the start of this window, valid two windows: about two windows left, never the 60 s asked for.
  expect(maxAge).toBeGreaterThanOrEqual(WINDOW_SECONDS);
  expect(maxAge).toBeLessThanOrEqual(2 * WINDOW_SECONDS);
  expect(answer.vary?.split(/,\s*/)).toEqual(expect.arrayContaining(['Authorization', 'X-Api-Key', 'Accept-Language', 'Origin']));

  const withoutUrls = await persistedGet(COUNT);
  expect(withoutUrls.body.errors).toBeUndefined();
  expect(withoutUrls.cacheControl).toBe(`public, max-age=${PUBLIC_CACHE_SECONDS}`);
});

test('keeps everything else out of shared caches: signed in, POST, errors, refusals before GraphQL', async () => {
  const signedIn = await persistedGet(COUNT, { token: staffToken });
  expect(signedIn.body.errors).toBeUndefined();
  expect(signedIn.cacheControl).toBe('private, no-store');

  const withKey = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'not-a-key' }, body: JSON.stringify({ query: COUNT }) });
  expect(withKey.status).toBe(401);
  expect(withKey.headers.get('cache-control')).toBe('private, no-store');

  const posted = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: COUNT, extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(COUNT) } } }),
  }).then(answerOf);
  expect(posted.body.errors).toBeUndefined();
  expect(posted.cacheControl).toBe('private, no-store');

  const plainGet = await fetch(`${api.url}/graphql?${new URLSearchParams({ query: COUNT })}`, { headers: { 'apollo-require-preflight': 'true' } }).then(answerOf);
  expect(plainGet.body.errors).toBeUndefined();
  expect(plainGet.cacheControl).toBe('private, no-store');

  const failed = await persistedGet(TOO_MANY, { register: true });
  expect(failed.body.errors?.length).toBeGreaterThan(0);
  expect(failed.cacheControl).toBe('private, no-store');

  const unknownHash = await persistedGet('query Unregistered { programmes(first: 2) { totalCount } }');
  expect(unknownHash.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  expect(unknownHash.cacheControl).toBe('private, no-store');
});
