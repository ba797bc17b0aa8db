import { randomBytes } from 'node:crypto';
import { Client, Pool, PoolClient } from 'pg';
import { createPool } from '../../libs/event-store/src/database';

/**
 * Test databases. The global setup migrates one template database; each spec file clones
 * it (CREATE DATABASE … TEMPLATE, ~0.1 s) so files never see each other's events.
 * Every database name must contain "test": a guard against pointing the suite at real data.
 */
export const TEST_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** One template per test run (set by the global setup), so concurrent runs never drop each other's. */
export function templateDb(): string {
  const name = process.env.PERFLEDGER_TEST_TEMPLATE;
  if (!name) throw new Error('PERFLEDGER_TEST_TEMPLATE is not set: integration specs need the global setup');
  return name;
}

export function assertTestDatabaseName(name: string): void {
  if (!/test/i.test(name)) {
    throw new Error(`Refusing to run tests against database "${name}": its name must contain "test"`);
  }
}

export function urlFor(database: string, base = TEST_ADMIN_URL): string {
  assertTestDatabaseName(database);
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const admin = new Client({ connectionString: TEST_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  /** Connected as the owner (superuser in CI): for tampering and setup only. */
  owner: Pool;
  /** Connected as the app role, as the application runs. */
  app: Pool;
  drop(): Promise<void>;
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  assertTestDatabaseName(new URL(TEST_ADMIN_URL).pathname.slice(1));
  const name = `perfledger_test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(3).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${templateDb()}`);
  const url = urlFor(name);
  const owner = new Pool({ connectionString: url, max: 4 });
  owner.on('error', () => undefined);
  const app = createPool({ connectionString: url, appRole: 'perfledger_app', max: 30 });
  return {
    name,
    url,
    owner,
    app,
    async drop() {
      await app.end();
      await owner.end();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Superuser statements with the append-only triggers switched off, on one client (for tampering tests). */
export async function tamper(db: TestDatabase, work: (client: PoolClient) => Promise<unknown>): Promise<void> {
  const client = await db.owner.connect();
  let broken = false;
  try {
    await client.query(`SET session_replication_role = replica`);
    await work(client);
  } finally {
    await client.query(`RESET session_replication_role`).catch(() => {
      broken = true;
    });
    client.release(broken);
  }
}
