import { MediaAsset, MediaStep } from '../../src/media/media-asset.entity';
import { MediaKind, MediaStatus, MediaStepName } from '../../src/media/media.enums';
import { Upload } from '../../src/media/upload.entity';
import type { RequestContext } from '../../src/core/context';
import type { Institution } from '../../src/catalogue/institutions/institution.entity';
import { createInstitution, seedUnits } from '../helpers/catalogue-fixtures';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let admin: RequestContext;
let institution: Institution;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.adminContext();
  institution = await createInstitution(admin, (await seedUnits(admin)).longAn, 'Thư viện');
});

afterAll(async () => {
  await api.close();
});

it('re-queues a step left PENDING with no job behind new uploads, and leaves one whose job is alive or waiting in the outbox', async () => {
  const em = api.runtime.orm.em.fork();
  const asset = em.create(MediaAsset, { institution, uploadedBy: admin.actor?.accountId as string, kind: MediaKind.DOCUMENT, originalKey: 'k', contentType: 'application/pdf', filename: 'a.pdf', sizeBytes: 1 });
  em.create(MediaStep, { asset, name: MediaStepName.DOCUMENT_PREVIEW, status: MediaStatus.PROCESSING, attempts: 1 });
  em.create(MediaStep, { asset, name: MediaStepName.DOCUMENT_TEXT });
  await em.flush();
  await em.execute(`update media_step set updated_at = now() - interval '10 minutes'`);
  const alive = new Set([MediaStepName.DOCUMENT_TEXT]);

  const requeued = await em.fork().transactional((tx) => api.runtime.services.processing.reconcile(tx, 5 * 60_000, async (step) => alive.has(step.name)));
  expect(requeued).toBe(1);
  const check = api.runtime.orm.em.fork();
  expect(await check.execute(`select name, status, attempts, dispatch from media_step order by name`)).toEqual([
    { name: 'DOCUMENT_PREVIEW', status: 'PENDING', attempts: 0, dispatch: 2 },
    { name: 'DOCUMENT_TEXT', status: 'PENDING', attempts: 0, dispatch: 1 },
  ]);
  const [job] = await check.execute<{ job_id: string; priority: number }[]>(`select job_id, priority from job_outbox`);
  expect(job?.job_id).toBe(`${asset.id}.DOCUMENT_PREVIEW.2`);
  expect(job?.priority).toBeGreaterThan(1_000_000);

  // Its job now waits in the outbox: a second pass does not queue it twice.
  await check.execute(`update media_step set updated_at = now() - interval '10 minutes'`);
  expect(await check.fork().transactional((tx) => api.runtime.services.processing.reconcile(tx, 5 * 60_000, async () => false))).toBe(1);
  expect(await check.execute(`select count(*)::int as n from job_outbox`)).toEqual([{ n: 2 }]);
});

it('deletes uploads never completed after a day, with their files, and keeps recent ones', async () => {
  const em = api.runtime.orm.em.fork();
  const make = (key: string, createdAt: Date) =>
    em.create(Upload, { institution, accountId: admin.actor?.accountId as string, filename: 'a.jpg', contentType: 'image/jpeg', kind: MediaKind.IMAGE, sizeBytes: 3, key, expiresAt: createdAt, createdAt });
  make('uploads/old', new Date(Date.now() - 25 * 3_600_000));
  make('uploads/new', new Date());
  await em.flush();
  await api.runtime.storage.put('uploads/old', Buffer.from('abc'), 'image/jpeg');
  await api.runtime.storage.put('uploads/new', Buffer.from('abc'), 'image/jpeg');

  expect(await api.runtime.services.uploads.cleanupAbandoned(em.fork(), new Date())).toBe(1);
  expect(await api.runtime.storage.sizeOf('uploads/old')).toBeNull();
  expect(await api.runtime.storage.sizeOf('uploads/new')).toBe(3);
  expect((await api.runtime.orm.em.fork().find(Upload, {})).map((upload) => upload.key)).toEqual(['uploads/new']);
});
