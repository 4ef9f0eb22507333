import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { createLogger } from '../infra/logger';
import { migrate, openDatabase } from '../infra/database';
import { UserInputError } from '../graphql/errors';
import { createServices } from '../services';
import { runCli } from './run';

/** `npm run admin:create -- --login admin@tinh.gov.vn --name "…"` (password from ADMIN_PASSWORD or --password). */
runCli(async () => {
  const { values } = parseArgs({ options: { login: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } } });
  const password = values.password ?? process.env.ADMIN_PASSWORD;
  if (!values.login || !password) {
    throw new Error('usage: npm run admin:create -- --login EMAIL_OR_PHONE [--name "Full name"] [--password P | ADMIN_PASSWORD=P]');
  }
  const config = loadConfig();
  const orm = await openDatabase(config, createLogger('warn'));
  try {
    await migrate(orm);
    const account = await createServices(config).auth.createProvinceAdmin(orm.em.fork(), {
      login: values.login,
      password,
      displayName: values.name ?? 'Quản trị cấp tỉnh',
    });
    console.log(`created province administrator ${account.email ?? account.phone}`);
  } catch (error) {
    throw error instanceof UserInputError ? new Error(`${error.code}: ${error.message}`) : error;
  } finally {
    await orm.close();
  }
});
