import { Client } from 'pg';
import { DataSource, MigrationInterface } from 'typeorm';

export type MigrationClass = new () => MigrationInterface;

export interface MigrateResult {
  applied: string[];
  createdDatabase: boolean;
}

/** Any number fits; this one is "perfledger" in ASCII, folded. */
const MIGRATION_LOCK_KEY = 7_065_112_101_114;

/**
 * Runs pending migrations (plain SQL inside TypeORM migration classes), one transaction each,
 * serialised across processes by an advisory lock. Creates the database first when it does
 * not exist. Never `synchronize`.
 */
export async function runMigrations(
  connectionString: string,
  migrations: MigrationClass[],
  options: { createDatabase?: boolean } = {},
): Promise<MigrateResult> {
  const createdDatabase = options.createDatabase === false ? false : await createDatabaseIfMissing(connectionString);
  const lock = new Client({ connectionString, application_name: 'perfledger-migrate' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_catalog.pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await lock.query('CREATE SCHEMA IF NOT EXISTS perfledger');
    const dataSource = new DataSource({
      type: 'postgres',
      url: connectionString,
      schema: 'perfledger',
      migrationsTableName: 'migrations',
      migrations,
      migrationsTransactionMode: 'each',
      logging: false,
      applicationName: 'perfledger-migrate',
    });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return { applied: applied.map((m) => m.name), createdDatabase };
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.query('SELECT pg_catalog.pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}

async function createDatabaseIfMissing(connectionString: string): Promise<boolean> {
  const probe = new Client({ connectionString });
  try {
    await probe.connect();
    return false;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
  } finally {
    await probe.end().catch(() => undefined);
  }
  const url = new URL(connectionString);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42P04') throw error; // created meanwhile
  } finally {
    await admin.end();
  }
  return true;
}
