import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import S3rver from 's3rver';
import type { S3Config } from '../core/config';
import { growHeapForMediaBuffers } from './heap-growth';
import { verifySignatureV4, type SignatureRefusal } from './sigv4';

/** The bucket it holds and the credentials (and region) a request must be signed with. */
export type EmbeddedS3Config = Pick<S3Config, 'bucket' | 'accessKey' | 'secretKey' | 'region'>;

export interface EmbeddedS3 {
  endpoint: string;
  close(): Promise<void>;
}

/** An S3-style error body, as S3 and MinIO send it, with what came from the request escaped. */
function errorXml(refusal: SignatureRefusal, resource: string): string {
  const escape = (text: string) => text.replace(/[<>&'"]/g, (character) => `&#${character.charCodeAt(0)};`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${refusal.code}</Code><Message>${escape(refusal.message)}</Message><Resource>${escape(resource)}</Resource></Error>`;
}

/**
 * Starts s3rver on 127.0.0.1 (port 0 picks a free one), storing objects under `directory`. A private
 * bucket on S3 or MinIO refuses a request that is not signed with its credentials, or a presigned
 * URL past its expiry; s3rver serves both (it does not check V4 signatures), so each request's
 * signature is checked against `s3`'s credentials before s3rver sees it. Every upload and download
 * then passes through this process's memory, so its heap gets the room a media worker's gets.
 */
export async function startEmbeddedS3(directory: string, port: number, s3: EmbeddedS3Config): Promise<EmbeddedS3> {
  growHeapForMediaBuffers();
  const root = path.join(directory, 's3');
  await mkdir(root, { recursive: true });
  const s3rver = new S3rver({ directory: root, silent: true, configureBuckets: [{ name: s3.bucket }] });
  await s3rver.configureBuckets();
  const serve = s3rver.callback();
  const server = http.createServer((request, response) => {
    const refusal = verifySignatureV4(request, s3);
    if (!refusal) return serve(request, response);
    response.writeHead(403, { 'content-type': 'application/xml' });
    response.end(errorXml(refusal, (request.url ?? '/').split('?')[0]));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
