import { Client, type ClientOptions } from 'minio';
import type { S3Config } from '../config';

/**
 * s3rver does not implement listing in-progress multipart uploads, which the minio client does
 * before every multipart upload; answering "none" makes multipart work. Only for s3rver.
 */
class EmbeddedS3Client extends Client {
  override async findUploadId(): Promise<string | undefined> {
    return undefined;
  }
}

/** Object storage (MinIO or any S3 server), the only module that talks to it. */
export class Storage {
  constructor(
    private readonly client: Client,
    readonly bucket: string,
  ) {}

  static connect(s3: S3Config, endpoint: string, embedded: boolean): Storage {
    const url = new URL(endpoint);
    const options: ClientOptions = {
      endPoint: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      useSSL: url.protocol === 'https:',
      accessKey: s3.accessKey,
      secretKey: s3.secretKey,
      // Without a region the client asks the server for it before presigning.
      region: s3.region,
      pathStyle: true,
    };
    return new Storage(embedded ? new EmbeddedS3Client(options) : new Client(options), s3.bucket);
  }

  async ensureBucket(): Promise<void> {
    if (!(await this.client.bucketExists(this.bucket))) await this.client.makeBucket(this.bucket);
  }

  async ping(): Promise<void> {
    if (!(await this.client.bucketExists(this.bucket))) throw new Error(`bucket ${this.bucket} is missing`);
  }

  presignPut(key: string, expirySeconds: number): Promise<string> {
    return this.client.presignedPutObject(this.bucket, key, expirySeconds);
  }

  /** Whether an object exists (a HEAD request). */
  async exists(key: string): Promise<boolean> {
    try {
      await this.client.statObject(this.bucket, key);
      return true;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'NotFound' || code === 'NoSuchKey') return false;
      throw error;
    }
  }

  presignGet(key: string, expirySeconds: number): Promise<string> {
    return this.client.presignedGetObject(this.bucket, key, expirySeconds);
  }
}
