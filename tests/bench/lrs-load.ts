import http from 'node:http';
import { percentile } from './stats';

/** One xAPI request of a load: a GET of a path, or a POST of a body. */
export interface XapiRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export interface XapiLoadResult {
  requests: number;
  errors: number;
  errorSamples: string[];
  elapsedMs: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * `concurrency` loops, each sending one request at a time over its own keep-alive socket, taking
 * the requests in turn (each once when `once`, else round and round) until `seconds` have passed.
 * A reply other than 200 counts as an error. The GraphQL load client (load-client.ts) checks
 * GraphQL bodies; this one only xAPI statuses, with Basic credentials and the version header.
 */
export async function runXapiLoad(options: { baseUrl: string; authorization: string; requests: XapiRequest[]; concurrency: number; seconds: number; once: boolean }): Promise<XapiLoadResult> {
  const url = new URL(options.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const send = (request: XapiRequest) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const outgoing = http.request(
        {
          agent,
          hostname: url.hostname,
          port: url.port,
          path: request.path,
          method: request.method,
          headers: {
            authorization: options.authorization,
            'x-experience-api-version': '2.0.0',
            ...(request.body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(request.body) }),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', reject);
        },
      );
      outgoing.setTimeout(60_000, () => outgoing.destroy(new Error('no answer within 60 s')));
      outgoing.on('error', reject);
      outgoing.end(request.body);
    });
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline && (!options.once || next < options.requests.length)) {
      const request = options.requests[next % options.requests.length] as XapiRequest;
      next += 1;
      const sent = performance.now();
      try {
        const reply = await send(request);
        if (reply.status === 200) latencies.push(performance.now() - sent);
        else {
          errors += 1;
          if (errorSamples.length < 3) errorSamples.push(`HTTP ${reply.status}: ${reply.body.slice(0, 200)}`);
        }
      } catch (error) {
        errors += 1;
        if (errorSamples.length < 3) errorSamples.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, () => loop()));
  } finally {
    agent.destroy();
  }
  const sorted = Float64Array.from(latencies).sort();
  return { requests: latencies.length + errors, errors, errorSamples, elapsedMs: performance.now() - started, p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99) };
}
