import { createHash } from 'node:crypto';
import http from 'node:http';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/**
 * The load generator: `concurrency` loops, each sending one GraphQL POST at a time over a
 * keep-alive connection (node:http Agent, one socket per loop) until the deadline. It runs in a
 * worker thread so parsing responses does not compete with the API for the main event loop.
 */

export interface LoadOptions {
  url: string;
  query: string;
  /** Variables of each request, used in turn. */
  variables: Record<string, unknown>[];
  concurrency: number;
  warmupSeconds: number;
  seconds: number;
  /** A request slower than this fails (and counts as an error). */
  timeoutMs: number;
  /** Sent as a signed-out persisted query over GET (by its hash, registered once first), as a CDN-fronted front end does. */
  persistedGet?: boolean;
}

export interface LoadResult {
  requests: number;
  errors: number;
  errorSamples: string[];
  elapsedMs: number;
  /** Latency of every successful request, in milliseconds. */
  latenciesMs: Float64Array;
  /** How many responses reported each `extensions.sqlStatements` value. */
  sqlStatements: Record<string, number>;
  /** How many responses had each number of edges (of the first root field's connection; "n/a" without one). */
  edgeCounts: Record<string, number>;
  warmupRequests: number;
}

interface Reply {
  status: number;
  body: string;
}

/** One request as sent: a POST of a JSON body, or a GET of a path with its query string. */
type Sent = { method: 'POST'; path: string; body: string } | { method: 'GET'; path: string };

function send(agent: http.Agent, url: URL, sent: Sent, timeoutMs: number): Promise<Reply> {
  const headers =
    sent.method === 'POST'
      ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(sent.body), 'accept-language': 'vi' }
      : { 'apollo-require-preflight': 'true', 'accept-language': 'vi' };
  return new Promise((resolve, reject) => {
    const request = http.request(
      { agent, hostname: url.hostname, port: url.port, path: sent.path, method: sent.method, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(sent.method === 'POST' ? sent.body : undefined);
  });
}

/** The requests of each variables, in turn; with `register`, persisted GETs carry the query text too. */
function requestsOf(options: LoadOptions, url: URL, register = false): Sent[] {
  if (!options.persistedGet) return options.variables.map((variables) => ({ method: 'POST', path: url.pathname, body: JSON.stringify({ query: options.query, variables }) }));
  const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(options.query).digest('hex') } });
  return options.variables.map((variables) => {
    const params = new URLSearchParams({ variables: JSON.stringify(variables), extensions });
    if (register) params.set('query', options.query);
    return { method: 'GET', path: `${url.pathname}?${params}` };
  });
}

interface GraphQLBody {
  data?: Record<string, { edges?: unknown[] } | null> | null;
  errors?: { message: string }[];
  extensions?: { sqlStatements?: number };
}

/** What a good answer reports (its first root field answered, without errors), or why the reply is not one. */
function check(reply: Reply): { error: string } | { edges: number | null; sqlStatements: number | null } {
  if (reply.status !== 200) return { error: `HTTP ${reply.status}: ${reply.body.slice(0, 200)}` };
  let parsed: GraphQLBody;
  try {
    parsed = JSON.parse(reply.body) as GraphQLBody;
  } catch {
    return { error: `not JSON: ${reply.body.slice(0, 200)}` };
  }
  if (parsed.errors?.length) return { error: parsed.errors.map((e) => e.message).join('; ') };
  const first = parsed.data ? Object.values(parsed.data)[0] : null;
  if (!first) return { error: `no data: ${reply.body.slice(0, 200)}` };
  return { edges: Array.isArray(first.edges) ? first.edges.length : null, sqlStatements: parsed.extensions?.sqlStatements ?? null };
}

async function phase(options: LoadOptions, agent: http.Agent, seconds: number, record: boolean): Promise<Omit<LoadResult, 'warmupRequests'>> {
  const url = new URL(options.url);
  const bodies = requestsOf(options, url);
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  const sqlStatements: Record<string, number> = {};
  const edgeCounts: Record<string, number> = {};
  let requests = 0;
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;

  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const body = bodies[next % bodies.length] as Sent;
      next += 1;
      const sent = performance.now();
      let outcome: ReturnType<typeof check>;
      try {
        outcome = check(await send(agent, url, body, options.timeoutMs));
      } catch (error) {
        outcome = { error: error instanceof Error ? error.message : String(error) };
      }
      const ms = performance.now() - sent;
      requests += 1;
      if (!record) continue;
      if ('error' in outcome) {
        errors += 1;
        if (errorSamples.length < 5) errorSamples.push(outcome.error);
        continue;
      }
      latencies.push(ms);
      const statements = String(outcome.sqlStatements ?? 'missing');
      sqlStatements[statements] = (sqlStatements[statements] ?? 0) + 1;
      const edges = String(outcome.edges ?? 'n/a');
      edgeCounts[edges] = (edgeCounts[edges] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, () => loop()));
  return { requests, errors, errorSamples, elapsedMs: performance.now() - started, latenciesMs: Float64Array.from(latencies), sqlStatements, edgeCounts };
}

/** Warms up, then measures; `onMeasure` is called when the measured phase starts (no request in flight). */
export async function runLoad(options: LoadOptions, onMeasure: () => void = () => undefined): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency, maxFreeSockets: options.concurrency });
  try {
    if (options.persistedGet) {
      const url = new URL(options.url);
      for (const registration of requestsOf(options, url, true)) await send(agent, url, registration, options.timeoutMs);
    }
    const warmup = options.warmupSeconds > 0 ? await phase(options, agent, options.warmupSeconds, false) : null;
    onMeasure();
    const measured = await phase(options, agent, options.seconds, true);
    return { ...measured, warmupRequests: warmup?.requests ?? 0 };
  } finally {
    agent.destroy();
  }
}

const LOAD_WORKER_MARK = 'catalogue-bench-load';

type LoadWorkerMessage = { measuring: true } | { result: LoadResult } | { error: string };

/** `runLoad` in a worker thread of its own (this file), so parsing replies does not share an in-process API's event loop. */
export function loadInWorker(options: LoadOptions, onMeasure: () => void): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { mark: LOAD_WORKER_MARK, options } });
    let settled = false;
    worker.on('message', (message: LoadWorkerMessage) => {
      if ('measuring' in message) {
        onMeasure();
        return;
      }
      settled = true;
      if ('result' in message) resolve(message.result);
      else reject(new Error(`load worker failed: ${message.error}`));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`load worker exited with code ${code} before reporting`));
    });
  });
}

// Started as a worker thread by loadInWorker: run the load and post the result back.
if (!isMainThread && parentPort && (workerData as { mark?: string } | null)?.mark === LOAD_WORKER_MARK) {
  const port = parentPort;
  const { options } = workerData as { mark: string; options: LoadOptions };
  runLoad(options, () => port.postMessage({ measuring: true } satisfies LoadWorkerMessage)).then(
    (result) => port.postMessage({ result }, [result.latenciesMs.buffer as ArrayBuffer]),
    (error: unknown) => port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
}
