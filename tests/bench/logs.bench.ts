import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { Role } from '../../src/core/roles';
import { signAccessToken } from '../../src/auth/tokens';
import { loadConfig } from '../../src/core/config';
import { toGlobalId } from '../../src/graphql/global-id';
import { openRuntime } from '../../src/app/runtime';
import { createApiServer } from '../../src/http/server';
import { todayInVietnam } from '../../src/core/time';
import { percentile } from './stats';

/**
 * `npm run bench:logs`: on its own database (lifelong_bench_logs, re-created each run), records
 * attendance for 10,000 citizens across 500 sessions through the API (one roster mutation of 20
 * marks per session, 4 in flight), then measures `myLearning` for a citizen with 500 logs.
 */

const DATABASE_NAME = 'lifelong_bench_logs';
const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SESSIONS = 500;
const CITIZENS = 10_000;
const PER_SESSION = CITIZENS / SESSIONS;
const IN_FLIGHT = 4;
const HEAVY_LOGS = 500;
const READS = 300;

const MY_LEARNING = `query($year: Int!) { myLearning(year: $year) {
  verifiedHours pendingHours byMonth { month verifiedHours } byTopic { topic verifiedHours } bySource { source verifiedHours }
  logs(first: 20) { totalCount edges { node { id occurredOn hours topics status source institution { name } } } } } }`;
const ROSTER = `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { report { recorded rejected } errors { code } } }`;

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  await admin(`drop database if exists "${DATABASE_NAME}" with (force)`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DATABASE_NAME}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lifelong-bench-logs-'));
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: url.toString(), DATA_DIR: dataDir, EMBEDDED_S3_PORT: '0', QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_MINUTE_SIGNED_IN: '0', GRAPHQL_QUERY_STATS: 'true' });
  const runtime = await openRuntime(config, { migrate: true, redisPurpose: 'api' });
  const server = await createApiServer(runtime);
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  const api = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/graphql`;
  const em = runtime.orm.em.fork();
  try {
    console.log('arranging: a unit, an institution, 500 past sessions, 10,000 citizens, one citizen with 500 logs');
    const [unit] = await em.execute<{ id: string }[]>(`insert into administrative_unit (id, created_at, updated_at, code, name, level, path) values (gen_random_uuid(), now(), now(), '99', 'Tỉnh Bench', 'PROVINCE', '/') returning id`);
    const unitId = (unit as { id: string }).id;
    await em.execute(`update administrative_unit set path = '/' || id || '/' where id = ?`, [unitId]);
    const [institution] = await em.execute<{ id: string }[]>(`insert into institution (id, created_at, updated_at, name, kind, unit_id) values (gen_random_uuid(), now(), now(), 'Thư viện Bench', 'LIBRARY', ?) returning id`, [unitId]);
    const institutionId = (institution as { id: string }).id;
    const [programme] = await em.execute<{ id: string }[]>(`insert into programme (id, created_at, updated_at, institution_id, title, kind, topics, format, status) values (gen_random_uuid(), now(), now(), ?, 'Kỹ năng số', 'COURSE', '{DIGITAL_SKILLS}', 'IN_PERSON', 'PUBLISHED') returning id`, [institutionId]);
    const sessions = await em.execute<{ id: string }[]>(
      `insert into programme_session (id, created_at, updated_at, programme_id, institution_id, starts_at, ends_at, credited_hours, status)
       select gen_random_uuid(), now(), now(), ?, ?, now() - (i || ' hours')::interval - interval '2 days', now() - (i || ' hours')::interval - interval '2 days' + interval '2 hours', 2, 'SCHEDULED'
         from generate_series(1, ?) i returning id`,
      [(programme as { id: string }).id, institutionId, SESSIONS],
    );
    const citizens = await em.execute<{ id: string }[]>(
      `insert into citizen (id, created_at, updated_at, full_name, birth_year, gender, residence_id)
       select gen_random_uuid(), now(), now(), 'Người học ' || i, 1980 + i % 40, 'FEMALE', ? from generate_series(1, ?) i returning id`,
      [unitId, CITIZENS],
    );
    const [staff] = await em.execute<{ id: string }[]>(`insert into account (id, created_at, updated_at, email, password_hash, display_name) values (gen_random_uuid(), now(), now(), 'staff@bench.vn', 'x', 'Staff') returning id`);
    const staffId = (staff as { id: string }).id;
    await em.execute(`insert into role_grant (id, created_at, updated_at, account_id, role, institution_id) values (gen_random_uuid(), now(), now(), ?, ?, ?)`, [staffId, Role.INSTITUTION_STAFF, institutionId]);
    const staffToken = signAccessToken(config.jwtSecret, staffId, 3600);

    const started = performance.now();
    let next = 0;
    let recorded = 0;
    let rejected = 0;
    const worker = async () => {
      while (next < SESSIONS) {
        const index = next++;
        const marks = citizens.slice(index * PER_SESSION, (index + 1) * PER_SESSION).map((c) => ({ citizenId: toGlobalId('Citizen', c.id), present: true }));
        const response = await fetch(api, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${staffToken}` }, body: JSON.stringify({ query: ROSTER, variables: { input: { sessionId: toGlobalId('ProgrammeSession', (sessions[index] as { id: string }).id), marks } } }) });
        const body = (await response.json()) as { data?: { recordAttendance: { report: { recorded: number; rejected: number } | null; errors: unknown[] } }; errors?: unknown };
        const report = body.data?.recordAttendance.report;
        if (!report) throw new Error(`roster failed: ${JSON.stringify(body)}`);
        recorded += report.recorded;
        rejected += report.rejected;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const seconds = (performance.now() - started) / 1000;
    const [count] = await em.execute<{ count: string }[]>(`select count(*) from learning_log where source = 'ATTENDANCE' and status = 'VERIFIED'`);

    // The heavy citizen: an account and 500 verified logs of this year, two a day.
    const heavyCitizen = (citizens[0] as { id: string }).id;
    const [heavy] = await em.execute<{ id: string }[]>(`insert into account (id, created_at, updated_at, phone, password_hash, display_name) values (gen_random_uuid(), now(), now(), '0900000000', 'x', 'Heavy') returning id`);
    const heavyId = (heavy as { id: string }).id;
    await em.execute(`insert into role_grant (id, created_at, updated_at, account_id, role) values (gen_random_uuid(), now(), now(), ?, ?)`, [heavyId, Role.CITIZEN]);
    await em.execute(`update citizen set account_id = ? where id = ?`, [heavyId, heavyCitizen]);
    const year = Number(todayInVietnam().slice(0, 4));
    await em.execute(
      `insert into learning_log (id, created_at, updated_at, citizen_id, source, activity_title, occurred_on, hours, topics, result, institution_id, status)
       select gen_random_uuid(), now(), now(), ?, 'IMPORT', 'Hoạt động ' || i, make_date(?, 1, 1) + (i / 2) % 300, 0.5, array[(array['LAW','HEALTH','DIGITAL_SKILLS','AGRICULTURE'])[1 + i % 4]], 'PARTICIPATED', ?, 'VERIFIED'
         from generate_series(1, ?) i`,
      [heavyCitizen, year, institutionId, HEAVY_LOGS - 1],
    );
    await em.execute('analyze');
    const heavyToken = signAccessToken(config.jwtSecret, heavyId, 3600);
    const latencies: number[] = [];
    let statements = 0;
    let totalCount = 0;
    for (let i = 0; i < READS + 20; i += 1) {
      const t = performance.now();
      const response = await fetch(api, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${heavyToken}` }, body: JSON.stringify({ query: MY_LEARNING, variables: { year } }) });
      const body = (await response.json()) as { data?: { myLearning: { logs: { totalCount: number } } }; extensions?: { sqlStatements?: number }; errors?: unknown };
      if (!body.data) throw new Error(`myLearning failed: ${JSON.stringify(body.errors)}`);
      if (i >= 20) latencies.push(performance.now() - t);
      statements = body.extensions?.sqlStatements ?? 0;
      totalCount = body.data.myLearning.logs.totalCount;
    }
    latencies.sort((a, b) => a - b);
    console.log(`\nattendance through recordAttendance (${SESSIONS} mutations of ${PER_SESSION} marks, ${IN_FLIGHT} in flight):`);
    console.log(`  recorded ${recorded} logs (${rejected} rejected; ${count?.count} verified attendance logs in the database) in ${seconds.toFixed(2)} s = ${(recorded / seconds).toFixed(0)} logs/s`);
    console.log(`\nmyLearning(year) for a citizen with ${totalCount} logs, ${READS} sequential requests (after 20 warm-up), ${statements} SQL statements each:`);
    console.log(`  p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms, max ${(latencies[latencies.length - 1] as number).toFixed(1)} ms`);
  } finally {
    await server.stop();
    await runtime.close();
    await admin(`drop database if exists "${DATABASE_NAME}" with (force)`);
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
