import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { UserInputError } from '../core/errors';
import { runDatabaseTool } from '../app/run';

/** `npm run admin:create -- --login admin@tinh.gov.vn --name "…"` (password from ADMIN_PASSWORD or --password). */
runDatabaseTool(async ({ orm, services }) => {
  const { values } = parseArgs({ options: { login: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } } });
  const password = values.password ?? process.env.ADMIN_PASSWORD;
  if (!values.login || !password) {
    throw new Error('usage: npm run admin:create -- --login EMAIL_OR_PHONE [--name "Full name"] [--password P | ADMIN_PASSWORD=P]');
  }
  try {
    const account = await services.auth.createProvinceAdmin(orm.em.fork(), { login: values.login, password, displayName: values.name ?? 'Quản trị cấp tỉnh' });
    console.log(`created province administrator ${account.email ?? account.phone}`);
  } catch (error) {
    throw error instanceof UserInputError ? new Error(`${error.code}: ${error.message}`) : error;
  }
}, 'warn');
