import { dropDatabase, templateDatabase } from './database';

export default async function globalTeardown(): Promise<void> {
  await dropDatabase(templateDatabase());
}
