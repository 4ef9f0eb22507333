import path from 'node:path';

/** Raised at start-up when an environment variable cannot be used; the message names it. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function read(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name, String(fallback));
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = read(env, name, fallback ? 'true' : 'false').toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function readList(env: Env, name: string, fallback: string[]): string[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const items = raw.split(',').map((item) => item.trim()).filter(Boolean);
  for (const item of items) {
    if (item !== '*' && !/^https?:\/\/[^/\s]+$/.test(item)) {
      throw new ConfigError(`${name} takes * or origins like https://hoctap.example.vn separated by commas, got "${item}"`);
    }
  }
  return items;
}

function readUrl(env: Env, name: string, fallback: string, protocols: string[]): string {
  const raw = read(env, name, fallback);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL: "${raw}"`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got "${url.protocol}"`);
  }
  return raw;
}

/** A PostgreSQL memory size such as `64MB` (units kB, MB, GB), as `SET work_mem` takes it. */
function readPgSize(env: Env, name: string, fallback: string): string {
  const raw = read(env, name, fallback);
  const match = /^(\d+)(kB|MB|GB)$/.exec(raw);
  const kb = match ? Number(match[1]) * { kB: 1, MB: 1024, GB: 1024 * 1024 }[match[2] as 'kB' | 'MB' | 'GB'] : 0;
  if (kb < 64 || kb > 2 * 1024 * 1024) throw new ConfigError(`${name} must be a size from 64kB to 2GB such as 64MB (units kB, MB, GB), got "${raw}"`);
  return raw;
}

function readChoice<T extends string>(env: Env, name: string, fallback: T, choices: readonly T[]): T {
  const raw = read(env, name, fallback);
  if (!(choices as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${choices.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

const DEV_JWT_SECRET = 'development-only-secret-change-me-in-production';
const DEV_NATIONAL_ID_KEY = 'development-only-national-id-key-change-me';
const DEV_CREDENTIAL_KEY_SECRET = 'development-only-credential-key-secret-change-me';

export interface S3Config {
  /** Unset means: start the embedded S3 server (s3rver) and use it. */
  endpoint: string | undefined;
  accessKey: string;
  secretKey: string;
  region: string;
  bucket: string;
  embeddedPort: number;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** How many API processes `npm run api` runs on the one port (node:cluster): one per core serves requests on every core. */
  apiProcesses: number;
  /**
   * The address people and other apps reach the API at, for the absolute URLs of open feeds and public pages; unset (only
   * outside production) means each request's own origin.
   */
  publicUrl: string | null;
  databaseUrl: string;
  redisUrl: string;
  /** Prefix of BullMQ's keys in Redis, so several deployments (or test runs) can share one Redis. */
  queuePrefix: string;
  s3: S3Config;
  dataDir: string;
  jwtSecret: string;
  /** Keys the digest and the encryption of national ID numbers (NationalIdProtector). */
  nationalIdKey: string;
  /** Encrypts the issuing bodies' private signing keys at rest and signs certificate links (src/credentials). */
  credentialKeySecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  passwordHashCost: number;
  logLevel: string;
  sandbox: boolean;
  loadDemoData: boolean;
  /** How long a call on a job queue may wait for Redis before it answers QUEUE_UNAVAILABLE. */
  queueAnswerMs: number;
  query: QueryLimits;
  exposeQueryStats: boolean;
  shutdownGraceMs: number;
  /** Requests per minute per client: an IP address when signed out, an account when signed in; 0 turns it off. */
  rateLimitPerMinute: { anonymous: number; signedIn: number };
  /** Reverse proxies in front of the API whose X-Forwarded-For is believed (for the client's address). */
  trustProxyHops: number;
  /** Web origins allowed to call the API from a browser; `*` for any. */
  corsOrigins: string[];
  /** max-age of the Cache-Control of signed-out persisted GET queries answered without errors; 0: never cached. */
  publicCacheSeconds: number;
  /** Answers of signed-out persisted GET queries each API process keeps (src/http/response-cache.ts); 0: none. */
  responseCacheEntries: number;
  media: MediaConfig;
  titles: TitlesConfig;
  webhooks: WebhooksConfig;
  signIn: SignInLimits;
}

/** Deliveries of webhooks to API clients' endpoints. */
export interface WebhooksConfig {
  /** Attempts of a delivery before it is FAILED (BullMQ retries with exponential backoff between them). */
  maxAttempts: number;
  /** The wait before the second attempt; it doubles with each further one. */
  retryBackoffMs: number;
  /** How long an endpoint has to answer one attempt, connecting included. */
  timeoutMs: number;
  /** Deliveries a worker process sends at once. */
  concurrency: number;
  /** Whether endpoints may be on loopback or private addresses; never in production unless set (SSRF). */
  allowPrivateAddresses: boolean;
}

/** What one GraphQL request may ask for; each is checked before the request costs more than the check. */
export interface QueryLimits {
  /** Longest query text, in characters; checked before parsing. */
  maxCharacters: number;
  /** Most lexical tokens of a query text; checked before parsing, and the parser stops there too. */
  maxTokens: number;
  /** Most fields a document may expand to, each fragment counted once per place it is spread; checked before validation. */
  maxFields: number;
  maxDepth: number;
  maxCost: number;
  /** The least a root field costs, however little it asks for, so aliases of a cheap field add up. */
  rootFieldCost: number;
  /** Most root fields of one mutation operation. */
  maxMutations: number;
  /** Most costly root mutations (sign-in, registration, claim codes, imports, uploads, consolidations) of one operation. */
  maxCostlyMutations: number;
}

/** Limits on failed sign-ins, counted in Redis per login and per client address. */
export interface SignInLimits {
  /** Failures of a login after which every further attempt waits a delay. */
  freeFailures: number;
  /** The wait after the first failure past `freeFailures`; it doubles with each further failure. */
  delaySeconds: number;
  /** Failures of a login that lock it, whatever the password, for `lockSeconds`. */
  lockFailures: number;
  lockSeconds: number;
  /** Failures of one address, across logins, after which it may not sign in; 0 turns it off. */
  addressFailures: number;
  /** Counts are forgotten once this long passes without a failure. */
  windowSeconds: number;
}

export interface TitlesConfig {
  /** About how many citizens one statement of a run evaluates and upserts. */
  batchSize: number;
  /** A pause after each batch of a run; for tests that stop a worker half way, 0 otherwise. */
  batchPauseMs: number;
  /** How long a titles job's lock lasts without renewal before another worker takes over the job. */
  jobLockMs: number;
  /** How often the workers hand runs recorded as QUEUED (while Redis was down, or whose job was lost) to the queue. */
  dispatchIntervalMs: number;
  /** How many batches of a run are evaluated at once, each on its own database connection (one core of PostgreSQL each). */
  concurrency: number;
  /** PostgreSQL work_mem of each batch's transaction (sorts and hashes of 20,000 citizens' logs spill to disk at the default 4MB). */
  workMem: string;
}

/** Uploads and the media workers. */
export interface MediaConfig {
  /** Largest upload per kind of file, in bytes. */
  maxBytes: { image: number; document: number; audio: number; video: number };
  /** Lifetime of a presigned upload URL. */
  uploadUrlSeconds: number;
  /** Download and rendition URLs are signed once per window of this many seconds and stay valid one window more (src/infra/signing-window.ts). */
  downloadUrlWindowSeconds: number;
  /** Uploads not completed this long after they were created are deleted by the cleanup job. */
  abandonedUploadHours: number;
  /** Jobs of each media queue a worker process runs at once. */
  concurrency: { image: number; video: number; document: number };
  /** Longest time one run of a step may take before its external tool is killed, per queue. */
  timeoutSeconds: { image: number; video: number; document: number };
  /** Runs of a step before it is FAILED for good (BullMQ retries with backoff between them). */
  attempts: number;
  /** How long a worker's lock on a job lasts; a job of a dead worker is taken over after it. */
  lockMs: number;
  /** How often the workers hand new jobs from the outbox to BullMQ. */
  relayIntervalMs: number;
  /** Base of the exponential backoff between attempts of a step. */
  retryBackoffMs: number;
  /** Largest image a worker decodes, in pixels (width × height); bigger ones fail cleanly. */
  maxImagePixels: number;
  /** Most pages a document may have; longer ones fail their steps once opened. */
  maxDocumentPages: number;
  /** ffmpeg and ffprobe to run (FFMPEG_PATH, FFPROBE_PATH); unset: the static builds npm installed. */
  ffmpegPath: string | undefined;
  ffprobePath: string | undefined;
}

const MIB = 1024 * 1024;

function readMediaConfig(env: Env): MediaConfig {
  const mib = (name: string, fallback: number) => readInt(env, name, fallback, 1, 1024 * 1024) * MIB;
  return {
    maxBytes: {
      image: mib('MEDIA_MAX_IMAGE_MB', 50),
      document: mib('MEDIA_MAX_DOCUMENT_MB', 50),
      audio: mib('MEDIA_MAX_AUDIO_MB', 500),
      video: mib('MEDIA_MAX_VIDEO_MB', 2048),
    },
    uploadUrlSeconds: readInt(env, 'MEDIA_UPLOAD_URL_SECONDS', 900, 60, 7 * 86_400),
    // Two windows at most the 7 days S3 allows a presigned URL.
    downloadUrlWindowSeconds: readInt(env, 'MEDIA_DOWNLOAD_URL_WINDOW_SECONDS', 900, 1, (7 * 86_400) / 2),
    abandonedUploadHours: readInt(env, 'MEDIA_ABANDONED_UPLOAD_HOURS', 24, 1, 24 * 365),
    concurrency: {
      image: readInt(env, 'MEDIA_IMAGE_CONCURRENCY', 3, 1, 64),
      video: readInt(env, 'MEDIA_VIDEO_CONCURRENCY', 1, 1, 64),
      document: readInt(env, 'MEDIA_DOCUMENT_CONCURRENCY', 2, 1, 64),
    },
    timeoutSeconds: {
      image: readInt(env, 'MEDIA_IMAGE_TIMEOUT_SECONDS', 120, 1, 86_400),
      video: readInt(env, 'MEDIA_VIDEO_TIMEOUT_SECONDS', 3600, 1, 86_400),
      document: readInt(env, 'MEDIA_DOCUMENT_TIMEOUT_SECONDS', 300, 1, 86_400),
    },
    attempts: readInt(env, 'MEDIA_ATTEMPTS', 3, 1, 20),
    lockMs: readInt(env, 'MEDIA_LOCK_MS', 30_000, 1_000, 600_000),
    relayIntervalMs: readInt(env, 'MEDIA_RELAY_INTERVAL_MS', 500, 50, 60_000),
    retryBackoffMs: readInt(env, 'MEDIA_RETRY_BACKOFF_MS', 10_000, 100, 3_600_000),
    maxImagePixels: readInt(env, 'MEDIA_MAX_IMAGE_PIXELS', 100_000_000, 1_000, 2_000_000_000),
    maxDocumentPages: readInt(env, 'MEDIA_MAX_DOCUMENT_PAGES', 2_000, 1, 100_000),
    ffmpegPath: env.FFMPEG_PATH || undefined,
    ffprobePath: env.FFPROBE_PATH || undefined,
  };
}

function readQueryLimits(env: Env): QueryLimits {
  const limits: QueryLimits = {
    maxCharacters: readInt(env, 'GRAPHQL_MAX_CHARACTERS', 1_000_000, 1_000, 4_000_000),
    maxTokens: readInt(env, 'GRAPHQL_MAX_TOKENS', 10_000, 100, 1_000_000),
    maxFields: readInt(env, 'GRAPHQL_MAX_FIELDS', 2_000, 10, 1_000_000),
    maxDepth: readInt(env, 'GRAPHQL_MAX_DEPTH', 12, 2, 100),
    maxCost: readInt(env, 'GRAPHQL_MAX_COST', 5000, 10, 1_000_000),
    rootFieldCost: readInt(env, 'GRAPHQL_ROOT_FIELD_COST', 10, 1, 1_000_000),
    maxMutations: readInt(env, 'GRAPHQL_MAX_MUTATIONS', 10, 1, 100),
    maxCostlyMutations: readInt(env, 'GRAPHQL_MAX_COSTLY_MUTATIONS', 3, 1, 100),
  };
  if (limits.rootFieldCost > limits.maxCost) {
    throw new ConfigError(`GRAPHQL_ROOT_FIELD_COST (${limits.rootFieldCost}) must be at most GRAPHQL_MAX_COST (${limits.maxCost}), or no query fits the budget`);
  }
  if (limits.maxCostlyMutations > limits.maxMutations) {
    throw new ConfigError(`GRAPHQL_MAX_COSTLY_MUTATIONS (${limits.maxCostlyMutations}) must be at most GRAPHQL_MAX_MUTATIONS (${limits.maxMutations})`);
  }
  return limits;
}

function readSignInLimits(env: Env): SignInLimits {
  const limits: SignInLimits = {
    freeFailures: readInt(env, 'SIGN_IN_FREE_FAILURES', 5, 1, 1000),
    delaySeconds: readInt(env, 'SIGN_IN_DELAY_SECONDS', 1, 1, 3600),
    lockFailures: readInt(env, 'SIGN_IN_LOCK_FAILURES', 10, 1, 1000),
    lockSeconds: readInt(env, 'SIGN_IN_LOCK_SECONDS', 900, 1, 86_400),
    addressFailures: readInt(env, 'SIGN_IN_ADDRESS_FAILURES', 50, 0, 1_000_000),
    windowSeconds: readInt(env, 'SIGN_IN_WINDOW_SECONDS', 900, 1, 86_400),
  };
  if (limits.lockFailures < limits.freeFailures) {
    throw new ConfigError(`SIGN_IN_LOCK_FAILURES (${limits.lockFailures}) must be at least SIGN_IN_FREE_FAILURES (${limits.freeFailures})`);
  }
  return limits;
}

/** Reads and validates every setting; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = readChoice(env, 'NODE_ENV', 'development', ['development', 'production', 'test'] as const);
  const jwtSecret = read(env, 'JWT_SECRET', nodeEnv === 'production' ? '' : DEV_JWT_SECRET);
  if (jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET must be set to at least 32 characters (it is required in production)');
  }
  const nationalIdKey = read(env, 'NATIONAL_ID_KEY', nodeEnv === 'production' ? '' : DEV_NATIONAL_ID_KEY);
  if (nationalIdKey.length < 32) {
    throw new ConfigError('NATIONAL_ID_KEY must be set to at least 32 characters (it is required in production; changing it makes stored national ID numbers unreadable)');
  }
  const credentialKeySecret = read(env, 'CREDENTIAL_KEY_SECRET', nodeEnv === 'production' ? '' : DEV_CREDENTIAL_KEY_SECRET);
  if (credentialKeySecret.length < 32) {
    throw new ConfigError('CREDENTIAL_KEY_SECRET must be set to at least 32 characters (it is required in production; changing it makes the stored signing keys of credentials unusable)');
  }
  const s3Endpoint = env.S3_ENDPOINT ? readUrl(env, 'S3_ENDPOINT', '', ['http:', 'https:']) : undefined;
  const apiProcesses = readInt(env, 'API_PROCESSES', 1, 1, 64);
  if (apiProcesses > 1 && !s3Endpoint) {
    throw new ConfigError('API_PROCESSES above 1 needs S3_ENDPOINT: the embedded S3 server belongs to one process');
  }
  if (!s3Endpoint && nodeEnv === 'production') {
    throw new ConfigError('S3_ENDPOINT must be set in production (the embedded S3 server is for development and tests)');
  }
  const publicUrl = env.PUBLIC_URL ? readUrl(env, 'PUBLIC_URL', '', ['http:', 'https:']) : null;
  if (!publicUrl && nodeEnv === 'production') {
    throw new ConfigError('PUBLIC_URL must be set in production (the address the API is reached at, such as https://hoctap.example.vn)');
  }
  const bucket = read(env, 'S3_BUCKET', 'learning-media');
  if (!/^[a-z0-9][a-z0-9.-]{2,62}$/.test(bucket)) {
    throw new ConfigError(`S3_BUCKET must be 3-63 lower-case letters, digits, dots or hyphens, got "${bucket}"`);
  }
  return {
    env: nodeEnv,
    host: read(env, 'HOST', '0.0.0.0'),
    port: readInt(env, 'PORT', 4000, 0, 65535),
    apiProcesses,
    publicUrl,
    databaseUrl: readUrl(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/lifelong_learning', ['postgres:', 'postgresql:']),
    redisUrl: readUrl(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    queuePrefix: read(env, 'QUEUE_PREFIX', 'lifelong'),
    s3: {
      endpoint: s3Endpoint,
      accessKey: read(env, 'S3_ACCESS_KEY', 'S3RVER'),
      secretKey: read(env, 'S3_SECRET_KEY', 'S3RVER'),
      region: read(env, 'S3_REGION', 'us-east-1'),
      bucket,
      embeddedPort: readInt(env, 'EMBEDDED_S3_PORT', 4569, 0, 65535),
    },
    dataDir: path.resolve(read(env, 'DATA_DIR', '.data')),
    jwtSecret,
    nationalIdKey,
    credentialKeySecret,
    accessTokenTtlSeconds: readInt(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 60, 86_400),
    refreshTokenTtlDays: readInt(env, 'REFRESH_TOKEN_TTL_DAYS', 30, 1, 365),
    passwordHashCost: readInt(env, 'PASSWORD_HASH_COST', nodeEnv === 'test' ? 4 : 11, 4, 15),
    logLevel: readChoice(env, 'LOG_LEVEL', nodeEnv === 'test' ? 'warn' : 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
    sandbox: readBool(env, 'GRAPHQL_SANDBOX', nodeEnv !== 'production'),
    loadDemoData: readBool(env, 'DEMO_DATA', nodeEnv === 'development'),
    queueAnswerMs: readInt(env, 'QUEUE_ANSWER_MS', 3_000, 100, 60_000),
    query: readQueryLimits(env),
    exposeQueryStats: readBool(env, 'GRAPHQL_QUERY_STATS', nodeEnv !== 'production'),
    rateLimitPerMinute: {
      anonymous: readInt(env, 'RATE_LIMIT_PER_MINUTE', 300, 0, 1_000_000),
      signedIn: readInt(env, 'RATE_LIMIT_PER_MINUTE_SIGNED_IN', 1200, 0, 1_000_000),
    },
    corsOrigins: readList(env, 'CORS_ORIGINS', ['*']),
    publicCacheSeconds: readInt(env, 'PUBLIC_CACHE_SECONDS', 60, 0, 86_400),
    responseCacheEntries: readInt(env, 'RESPONSE_CACHE_ENTRIES', 1_000, 0, 1_000_000),
    trustProxyHops: readInt(env, 'TRUST_PROXY_HOPS', 0, 0, 10),
    shutdownGraceMs: readInt(env, 'SHUTDOWN_GRACE_MS', 30_000, 1_000, 3_600_000),
    media: readMediaConfig(env),
    titles: {
      batchSize: readInt(env, 'TITLES_BATCH_SIZE', 20_000, 1, 1_000_000),
      batchPauseMs: readInt(env, 'TITLES_BATCH_PAUSE_MS', 0, 0, 60_000),
      dispatchIntervalMs: readInt(env, 'TITLES_DISPATCH_INTERVAL_MS', 5_000, 100, 600_000),
      concurrency: readInt(env, 'TITLES_CONCURRENCY', 2, 1, 8),
      jobLockMs: readInt(env, 'TITLES_JOB_LOCK_MS', 30_000, 1_000, 600_000),
      workMem: readPgSize(env, 'TITLES_WORK_MEM', '64MB'),
    },
    webhooks: {
      maxAttempts: readInt(env, 'WEBHOOKS_MAX_ATTEMPTS', 8, 1, 30),
      retryBackoffMs: readInt(env, 'WEBHOOKS_RETRY_BACKOFF_MS', 30_000, 10, 3_600_000),
      timeoutMs: readInt(env, 'WEBHOOKS_TIMEOUT_MS', 10_000, 100, 120_000),
      concurrency: readInt(env, 'WEBHOOKS_CONCURRENCY', 5, 1, 100),
      allowPrivateAddresses: readBool(env, 'WEBHOOKS_ALLOW_PRIVATE_ADDRESSES', nodeEnv !== 'production'),
    },
    signIn: readSignInLimits(env),
  };
}
