import { Client } from 'pg';
import { PLATFORM_IRI } from '../../src/learning/records/xapi';
import { insertActivities, insertStatements, statementsSelect, type LrsDataShape } from '../bench/lrs-data';
import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;
let db: Client;
let key: string;
let shape: LrsDataShape;

const TOTAL = 400;
/** Every column of the table but `stored` (the time of the POST): a column added to the store must be generated too. */
let columns: string;

beforeAll(async () => {
  api = await startTestApi();
  const ctx = await api.adminContext();
  const created = await api.runtime.services.apiClients.create(ctx, { name: 'Bench LMS', contactEmail: 'lms@bench.vn', rateLimitPerMinute: 0 });
  key = created.key;
  shape = {
    salt: 'test',
    agents: 50,
    activities: 40,
    registrations: 30,
    firstStored: new Date(Date.now() - 365 * 86_400_000),
    lastStored: new Date(Date.now() - 86_400_000),
    total: TOTAL,
    clientId: created.client.id,
    authority: { objectType: 'Agent', name: 'Bench LMS', account: { homePage: api.config.publicUrl ?? PLATFORM_IRI, name: created.client.id } },
  };
  db = new Client({ connectionString: api.config.databaseUrl });
  await db.connect();
  const { rows } = await db.query<{ name: string }>(`select column_name as name from information_schema.columns where table_name = 'xapi_statement' and column_name <> 'stored' order by ordinal_position`);
  columns = rows.map((row) => `"${row.name}"`).join(', ');
  await insertActivities(db, shape.activities);
  await insertStatements(db, shape, 1, TOTAL);
});

afterAll(async () => {
  await db.end();
  await api.close();
});

type Row = Record<string, unknown> & { statement: Record<string, unknown> };

async function rowsOf(ids: string[]): Promise<Row[]> {
  const { rows } = await db.query<Row>(`select ${columns} from xapi_statement where id = any($1::uuid[]) order by id`, [ids]);
  return rows.map((row) => ({ ...row, statement: { ...row.statement, stored: 'ignored' } }));
}

describe('the LRS bench generator', () => {
  it('writes the rows the store writes for the same statements POSTed over HTTP', async () => {
    // Each kind: results, mbox and account actors, no registration, an instructor, a voiding statement, a StatementRef.
    const picked = [41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 60, 100, 250, 300];
    const { rows: sent } = await db.query<{ id: string; sent: string }>(`select id, sent from (${statementsSelect(shape)}) s where i = any($3::int[])`, [1, TOTAL, picked]);
    expect(new Set(sent.map((row) => (JSON.parse(row.sent) as { object: { objectType: string } }).object.objectType))).toEqual(new Set(['Activity', 'StatementRef']));
    const ids = sent.map((row) => row.id);
    const generated = await rowsOf(ids);
    await db.query('delete from xapi_statement where id = any($1::uuid[])', [ids]);
    const response = await fetch(`${api.url}/xapi/statements`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${key.slice(0, 10)}:${key}`).toString('base64')}`, 'content-type': 'application/json', 'x-experience-api-version': '2.0.0' },
      body: `[${sent.map((row) => row.sent).join(',')}]`,
    });
    expect(`${response.status} ${response.status === 200 ? '' : await response.text()}`).toBe('200 ');
    expect(await rowsOf(ids)).toEqual(generated);
  });
});
