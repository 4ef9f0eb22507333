// s3rver ships no type declarations; this is the part of its API the embedded adapter uses.
declare module 's3rver' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  import type { AddressInfo } from 'node:net';
  interface S3rverOptions {
    address?: string;
    port?: number;
    directory: string;
    silent?: boolean;
    resetOnClose?: boolean;
    configureBuckets?: { name: string }[];
  }
  export default class S3rver {
    constructor(options: S3rverOptions);
    run(): Promise<AddressInfo>;
    /** Creates the buckets of `configureBuckets` (run() does it before listening). */
    configureBuckets(): Promise<void>;
    /** Koa's request handler, to serve from an HTTP server of one's own. */
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    close(): Promise<void>;
  }
}
