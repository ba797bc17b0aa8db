import { adminQuery, templateDb } from './test-database';

export default async function globalTeardown(): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS ${templateDb()} WITH (FORCE)`);
}
