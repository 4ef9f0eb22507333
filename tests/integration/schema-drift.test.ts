import { startTestApi, type TestApi } from '../helpers/test-api';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
}, 60_000);

afterAll(async () => {
  await api.close();
});

/*
 * The migrations build the schema; the entities describe it. When they disagree, the next
 * `npm run migration:create` writes statements nobody asked for (and a reviewer deletes them by
 * hand, or lets a column be dropped and rebuilt). A check expression in an entity is written so
 * that it reads the same as PostgreSQL prints it back.
 */
test('the migrated database is what the entities describe', async () => {
  const statements = await api.runtime.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: true });
  expect(statements.trim()).toBe('');
});
