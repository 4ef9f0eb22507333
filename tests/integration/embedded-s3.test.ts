import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'minio';
import { loadConfig } from '../../src/core/config';
import { startEmbeddedS3, type EmbeddedS3 } from '../../src/infra/embedded-s3';
import { Storage } from '../../src/infra/storage';

const config = loadConfig({ NODE_ENV: 'test' });
let directory: string;
let s3: EmbeddedS3;
let storage: Storage;

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'embedded-s3-'));
  s3 = await startEmbeddedS3(directory, 0, config.s3);
  storage = Storage.connect(config.s3, s3.endpoint, true);
  await storage.put('evidence/private.txt', Buffer.from('chứng cứ'), 'text/plain');
  await storage.put('evidence/other.txt', Buffer.from('khác'), 'text/plain');
});

afterAll(async () => {
  await s3.close();
  await rm(directory, { recursive: true, force: true });
});

/** The S3 error code of a 403 answer; fails the test on any other status. */
async function refusalCode(response: Response): Promise<string> {
  const body = await response.text();
  expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({ status: 403, type: 'application/xml' });
  return /<Code>([^<]*)<\/Code>/.exec(body)?.[1] ?? body;
}

it('refuses an unsigned GET of an object with 403', async () => {
  const response = await fetch(`${s3.endpoint}/${storage.bucket}/evidence/private.txt`);
  expect(await refusalCode(response)).toBe('AccessDenied');
});

it('serves the object at its presigned URL', async () => {
  const served = await fetch(await storage.presignGet('evidence/private.txt', 60));
  expect(served.status).toBe(200);
  expect(await served.text()).toBe('chứng cứ');
});

it('refuses a URL presigned with another secret, or with its signature changed', async () => {
  const forger = Storage.connect({ ...config.s3, secretKey: 'not-the-secret' }, s3.endpoint, true);
  expect(await refusalCode(await fetch(await forger.presignGet('evidence/private.txt', 60)))).toBe('SignatureDoesNotMatch');

  const url = new URL(await storage.presignGet('evidence/private.txt', 60));
  const signature = url.searchParams.get('X-Amz-Signature') as string;
  url.searchParams.set('X-Amz-Signature', `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`);
  expect(await refusalCode(await fetch(url))).toBe('SignatureDoesNotMatch');
});

it('refuses a presigned URL whose key, query or signed Host header was changed', async () => {
  const url = await storage.presignGet('evidence/private.txt', 60);
  expect(await refusalCode(await fetch(url.replace('/evidence/private.txt?', '/evidence/other.txt?')))).toBe('SignatureDoesNotMatch');
  expect(await refusalCode(await fetch(url.replace('X-Amz-Expires=60', 'X-Amz-Expires=600')))).toBe('SignatureDoesNotMatch');
  expect(await refusalCode(await fetch(`${url}&response-content-type=text%2Fhtml`))).toBe('SignatureDoesNotMatch');

  // The same URL sent with Host localhost:<port> instead of the 127.0.0.1:<port> it was signed for.
  const status = await new Promise<number | undefined>((resolve, reject) => {
    const target = new URL(url);
    http.get({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, headers: { host: `localhost:${target.port}` } }, (response) => {
      response.resume();
      resolve(response.statusCode);
    }).on('error', reject);
  });
  expect(status).toBe(403);
});

it('refuses a presigned URL once it has expired', async () => {
  const url = await storage.presignGet('evidence/private.txt', 1);
  await sleep(2100);
  const response = await fetch(url);
  expect(await refusalCode(response.clone())).toBe('AccessDenied');
  expect(await response.text()).toContain('Request has expired');
});

it('stores what is PUT to a presigned URL, and refuses the URL for another key', async () => {
  const url = await storage.presignPut('uploads/new.txt', 60);
  expect(await refusalCode(await fetch(url.replace('/uploads/new.txt?', '/uploads/forged.txt?'), { method: 'PUT', body: 'forged' }))).toBe('SignatureDoesNotMatch');
  expect(await storage.exists('uploads/forged.txt')).toBe(false);

  const stored = await fetch(url, { method: 'PUT', body: 'mới tải lên' });
  expect(stored.status).toBe(200);
  expect((await storage.head('uploads/new.txt', 100)).toString()).toBe('mới tải lên');
});

it('keeps signed calls of the product working (upload, size, partial read, removal), and refuses them with another secret', async () => {
  expect(await storage.sizeOf('evidence/private.txt')).toBe(Buffer.byteLength('chứng cứ'));
  expect((await storage.head('evidence/private.txt', 3)).length).toBe(3);
  await storage.put('evidence/to-remove.txt', Buffer.from('x'), 'text/plain');
  await storage.remove(['evidence/to-remove.txt']);
  expect(await storage.exists('evidence/to-remove.txt')).toBe(false);

  const forger = Storage.connect({ ...config.s3, secretKey: 'not-the-secret' }, s3.endpoint, true);
  await expect(forger.head('evidence/private.txt', 3)).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
  // A HEAD answer has no body, so the client only sees a 403.
  await expect(forger.sizeOf('evidence/private.txt')).rejects.toMatchObject({ code: 'AccessDenied' });
  await expect(forger.put('evidence/private.txt', Buffer.from('overwritten'), 'text/plain')).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
  expect((await storage.head('evidence/private.txt', 100)).toString()).toBe('chứng cứ');
});

it('accepts the signed requests of a multipart upload (initiate, parts, complete), as the client makes for large files', async () => {
  const endpoint = new URL(s3.endpoint);
  // Parts of 5 MB (the least S3 allows) instead of the client's 64 MB, so 6 MB take two parts.
  // findUploadId answers "none", as Storage's client does for s3rver, which cannot list uploads.
  const client = new (class extends Client {
    override async findUploadId(): Promise<string | undefined> {
      return undefined;
    }
  })({ endPoint: endpoint.hostname, port: Number(endpoint.port), useSSL: false, accessKey: config.s3.accessKey, secretKey: config.s3.secretKey, region: config.s3.region, pathStyle: true, partSize: 5 * 1024 * 1024 });
  const body = Buffer.alloc(6 * 1024 * 1024, 7);
  const completed = jest.spyOn(client, 'completeMultipartUpload');
  await client.putObject(config.s3.bucket, 'uploads/large.bin', body, body.length);
  expect(completed).toHaveBeenCalledTimes(1);
  expect(await storage.sizeOf('uploads/large.bin')).toBe(body.length);
});

it('refuses a presigned PUT that carries an x-amz-* header it was not signed with (one that would copy another object in)', async () => {
  const url = await storage.presignPut('uploads/copy-target.txt', 60);
  const response = await fetch(url, { method: 'PUT', headers: { 'x-amz-copy-source': `/${storage.bucket}/evidence/private.txt` } });
  expect(await refusalCode(response.clone())).toBe('AccessDenied');
  expect(await response.text()).toContain('There were headers present in the request which were not signed');
  expect(await storage.exists('uploads/copy-target.txt')).toBe(false);
});
