// Relative imports: global setup runs outside Jest's module registry (no moduleNameMapper).
import { randomBytes } from 'node:crypto';
import { runMigrations } from '../../libs/shared/src/database/run-migrations';
import { MIGRATIONS } from '../../migrations';
import { adminQuery, urlFor } from './test-database';

export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  const template = `perfledger_test_template_${randomBytes(4).toString('hex')}`;
  process.env.PERFLEDGER_TEST_TEMPLATE = template;
  await adminQuery(`CREATE DATABASE ${template}`);
  await runMigrations(urlFor(template), MIGRATIONS, { createDatabase: false });
}
