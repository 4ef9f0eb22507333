import { loadConfig } from '../../src/core/config';
import { startEmbeddedS3 } from '../../src/infra/embedded-s3';

/**
 * The embedded S3 server (s3rver) on its own, for `media.bench`: a process of its own, as MinIO is
 * in production, so its work does not share the worker's event loop. Arguments: data folder,
 * bucket. Requests must be signed with the credentials of S3_ACCESS_KEY and S3_SECRET_KEY (or their
 * defaults), as the bench's own clients are. Prints its endpoint on a line, then serves until killed.
 */
async function main(): Promise<void> {
  const [directory, bucket] = process.argv.slice(2);
  if (!directory || !bucket) throw new Error('usage: media-s3-server <directory> <bucket>');
  const server = await startEmbeddedS3(directory, 0, { ...loadConfig({ ...process.env, NODE_ENV: 'test' }).s3, bucket });
  process.stdout.write(`${server.endpoint}\n`);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
