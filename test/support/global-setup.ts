// Relative imports: global setup runs outside Jest's module registry (no moduleNameMapper).
import { runMigrations } from '../../libs/shared/src/database/run-migrations';
import { MIGRATIONS } from '../../migrations';
import { adminQuery, TEMPLATE_DB, urlFor } from './test-database';

export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  await adminQuery(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${TEMPLATE_DB}`);
  await runMigrations(urlFor(TEMPLATE_DB), MIGRATIONS, { createDatabase: false });
}
