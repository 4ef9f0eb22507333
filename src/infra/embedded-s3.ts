import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import S3rver from 's3rver';
import { growHeapForMediaBuffers } from './heap-growth';

export interface EmbeddedS3 {
  endpoint: string;
  close(): Promise<void>;
}

/** X-Amz-Date's form: 20261205T133000Z. */
const AMZ_DATE = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/;

/**
 * Why a request to the embedded server is refused, or null to serve it. A private bucket on S3 or
 * MinIO refuses a request that carries no signature, and a presigned URL past its expiry; s3rver
 * serves both (it treats them as anonymous and does not check V4 signatures), so they are refused
 * here, before s3rver sees them.
 */
export function refusalOf(request: Pick<IncomingMessage, 'url' | 'headers'>, now = Date.now()): string | null {
  if (request.headers.authorization?.startsWith('AWS4-HMAC-SHA256 ')) return null;
  const query = new URL(request.url ?? '/', 'http://embedded').searchParams;
  if (query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256' || !query.get('X-Amz-Signature')) return 'The request is not signed; the bucket is private';
  const date = AMZ_DATE.exec(query.get('X-Amz-Date') ?? '');
  const expires = Number(query.get('X-Amz-Expires'));
  if (!date || !Number.isInteger(expires) || expires < 1) return 'The presigned URL has no valid X-Amz-Date and X-Amz-Expires';
  const signedAt = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]), Number(date[4]), Number(date[5]), Number(date[6]));
  return now > signedAt + expires * 1000 ? 'Request has expired' : null;
}

/**
 * Starts s3rver on 127.0.0.1 (port 0 picks a free one), storing objects under `directory`, behind
 * `refusalOf`. Every upload and download then passes through this process's memory, so its heap
 * gets the room a media worker's gets.
 */
export async function startEmbeddedS3(directory: string, port: number, bucket: string): Promise<EmbeddedS3> {
  growHeapForMediaBuffers();
  const root = path.join(directory, 's3');
  await mkdir(root, { recursive: true });
  const s3rver = new S3rver({ directory: root, silent: true, configureBuckets: [{ name: bucket }] });
  await s3rver.configureBuckets();
  const serve = s3rver.callback();
  const server = http.createServer((request, response) => {
    const refusal = refusalOf(request);
    if (!refusal) return serve(request, response);
    response.writeHead(403, { 'content-type': 'application/xml' });
    response.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>${refusal}</Message></Error>`);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
