import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import S3rver from 's3rver';
import { growHeapForMediaBuffers } from './heap-growth';

export interface EmbeddedS3 {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts s3rver on 127.0.0.1 (port 0 picks a free one), storing objects under `directory`. Every
 * upload and download then passes through this process's memory, so its heap gets the room a
 * media worker's gets.
 */
export async function startEmbeddedS3(directory: string, port: number, bucket: string): Promise<EmbeddedS3> {
  growHeapForMediaBuffers();
  const root = path.join(directory, 's3');
  await mkdir(root, { recursive: true });
  const server = new S3rver({ address: '127.0.0.1', port, directory: root, silent: true, configureBuckets: [{ name: bucket }] });
  const address = await server.run();
  return { endpoint: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}
