import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/core/config';
import { startEmbeddedS3, type EmbeddedS3 } from '../../src/infra/embedded-s3';
import { Storage } from '../../src/infra/storage';

let directory: string;
let s3: EmbeddedS3;
let storage: Storage;

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'embedded-s3-'));
  const config = loadConfig({ NODE_ENV: 'test' });
  s3 = await startEmbeddedS3(directory, 0, config.s3.bucket);
  storage = Storage.connect(config.s3, s3.endpoint, true);
  await storage.put('evidence/private.txt', Buffer.from('chứng cứ'), 'text/plain');
});

afterAll(async () => {
  await s3.close();
  await rm(directory, { recursive: true, force: true });
});

it('refuses an unsigned GET of an object with 403', async () => {
  const response = await fetch(`${s3.endpoint}/${storage.bucket}/evidence/private.txt`);
  expect(response.status).toBe(403);
  expect(await response.text()).toContain('<Code>AccessDenied</Code>');
});

it('serves the object at its presigned URL, and refuses that URL once it has expired', async () => {
  const url = await storage.presignGet('evidence/private.txt', 60);
  const served = await fetch(url);
  expect(served.status).toBe(200);
  expect(await served.text()).toBe('chứng cứ');

  const expired = new URL(url);
  expired.searchParams.set('X-Amz-Date', '20200101T000000Z');
  const refused = await fetch(expired);
  expect(refused.status).toBe(403);
  expect(await refused.text()).toContain('Request has expired');
});

it('keeps signed calls of the product working: upload, size, partial read', async () => {
  expect(await storage.sizeOf('evidence/private.txt')).toBe(Buffer.byteLength('chứng cứ'));
  expect((await storage.head('evidence/private.txt', 3)).length).toBe(3);
});
