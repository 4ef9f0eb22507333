import { ConfigError, loadConfig } from '../../src/core/config';

describe('loadConfig', () => {
  it('works on this machine with no variables set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      port: 4000,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/lifelong_learning',
      redisUrl: 'redis://127.0.0.1:6379',
      loadDemoData: true,
      sandbox: true,
    });
    expect(config.s3.endpoint).toBeUndefined();
    expect(config.query).toEqual({
      maxCharacters: 1_000_000,
      maxTokens: 10_000,
      maxFields: 2_000,
      maxDepth: 12,
      maxCost: 5000,
      rootFieldCost: 10,
      maxMutations: 10,
      maxCostlyMutations: 3,
    });
    expect(config.signIn).toEqual({ freeFailures: 5, delaySeconds: 1, lockFailures: 10, lockSeconds: 900, addressFailures: 50, windowSeconds: 900 });
  });

  it.each([
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535, got "70000"'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must use postgres: or postgresql:, got "mysql:"'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL is not a valid URL: "not a url"'],
    [{ S3_ENDPOINT: 'ftp://minio' }, 'S3_ENDPOINT must use http: or https:, got "ftp:"'],
    [{ S3_BUCKET: 'ab' }, 'S3_BUCKET must be 3-63 lower-case letters, digits, dots or hyphens, got "ab"'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV must be one of development, production, test, got "staging"'],
    [{ DEMO_DATA: 'maybe' }, 'DEMO_DATA must be true or false, got "maybe"'],
    [{ SIGN_IN_FREE_FAILURES: '6', SIGN_IN_LOCK_FAILURES: '5' }, 'SIGN_IN_LOCK_FAILURES (5) must be at least SIGN_IN_FREE_FAILURES (6)'],
    [{ GRAPHQL_MAX_TOKENS: '10' }, 'GRAPHQL_MAX_TOKENS must be an integer from 100 to 1000000, got "10"'],
    [{ GRAPHQL_MAX_COST: '50', GRAPHQL_ROOT_FIELD_COST: '60' }, 'GRAPHQL_ROOT_FIELD_COST (60) must be at most GRAPHQL_MAX_COST (50), or no query fits the budget'],
    [{ GRAPHQL_MAX_MUTATIONS: '2' }, 'GRAPHQL_MAX_COSTLY_MUTATIONS (3) must be at most GRAPHQL_MAX_MUTATIONS (2)'],
    [{ CORS_ORIGINS: 'https://a.vn, hoctap.vn' }, 'CORS_ORIGINS takes * or origins like https://hoctap.example.vn separated by commas, got "hoctap.vn"'],
    [{ NODE_ENV: 'production', S3_ENDPOINT: 'http://minio:9000' }, 'JWT_SECRET must be set to at least 32 characters (it is required in production)'],
    [
      { NODE_ENV: 'production', S3_ENDPOINT: 'http://minio:9000', JWT_SECRET: 'x'.repeat(32) },
      'NATIONAL_ID_KEY must be set to at least 32 characters (it is required in production; changing it makes stored national ID numbers unreadable)',
    ],
    [
      { NODE_ENV: 'production', S3_ENDPOINT: 'http://minio:9000', JWT_SECRET: 'x'.repeat(32), NATIONAL_ID_KEY: 'k'.repeat(32) },
      'CREDENTIAL_KEY_SECRET must be set to at least 32 characters (it is required in production; changing it makes the stored signing keys of credentials unusable)',
    ],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it('needs an S3 server in production instead of starting the embedded one', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), NATIONAL_ID_KEY: 'k'.repeat(32), CREDENTIAL_KEY_SECRET: 'c'.repeat(32) })).toThrow(
      new ConfigError('S3_ENDPOINT must be set in production (the embedded S3 server is for development and tests)'),
    );
  });

  it('runs several API processes only against a shared S3 server, as the embedded one belongs to one process', () => {
    expect(loadConfig({}).apiProcesses).toBe(1);
    expect(() => loadConfig({ API_PROCESSES: '2' })).toThrow(new ConfigError('API_PROCESSES above 1 needs S3_ENDPOINT: the embedded S3 server belongs to one process'));
    expect(loadConfig({ API_PROCESSES: '2', S3_ENDPOINT: 'http://minio:9000' }).apiProcesses).toBe(2);
    expect(() => loadConfig({ API_PROCESSES: '0' })).toThrow(new ConfigError('API_PROCESSES must be an integer from 1 to 64, got "0"'));
  });

  it('needs the public address in production, where links in open feeds cannot come from a request\'s Host', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), NATIONAL_ID_KEY: 'k'.repeat(32), CREDENTIAL_KEY_SECRET: 'c'.repeat(32), S3_ENDPOINT: 'http://minio:9000' };
    expect(() => loadConfig(production)).toThrow(new ConfigError('PUBLIC_URL must be set in production (the address the API is reached at, such as https://hoctap.example.vn)'));
    expect(() => loadConfig({ ...production, PUBLIC_URL: 'hoctap.vn' })).toThrow(new ConfigError('PUBLIC_URL is not a valid URL: "hoctap.vn"'));
    expect(loadConfig({ ...production, PUBLIC_URL: 'https://hoctap.example.vn' }).publicUrl).toBe('https://hoctap.example.vn');
    expect(loadConfig({}).publicUrl).toBeNull();
  });

  it('turns off demo data and the sandbox in production', () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), NATIONAL_ID_KEY: 'k'.repeat(32), CREDENTIAL_KEY_SECRET: 'c'.repeat(32), S3_ENDPOINT: 'http://minio:9000', PUBLIC_URL: 'https://hoctap.example.vn' });
    expect(config).toMatchObject({ loadDemoData: false, sandbox: false, exposeQueryStats: false });
  });
});
