import { Client } from 'pg';
import type { Pool } from 'pg';
import { createPool } from '@app/event-store';
import { AppConfig, loadConfig, runMigrations } from '@app/shared';
import { MIGRATIONS } from '../../../migrations';

/**
 * A fresh database (no PerfLedger schema yet, or not created yet) is set up first, as the API and the
 * worker do on start; an existing one is never migrated behind an auditor's back (`perfledger migrate`).
 */
async function ensureSchema(config: AppConfig): Promise<void> {
  const probe = new Client({ connectionString: config.databaseUrl });
  let fresh = false;
  try {
    await probe.connect();
    const { rows } = await probe.query(`SELECT to_regclass('perfledger.events') IS NULL AS fresh`);
    fresh = rows[0].fresh;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
    fresh = true; // the database does not exist yet
  } finally {
    await probe.end().catch(() => undefined);
  }
  if (!fresh) return;
  const result = await runMigrations(config.migrationDatabaseUrl, MIGRATIONS);
  process.stderr.write(`perfledger: set up a fresh database (${result.applied.length} migration(s) applied)\n`);
}

/** A short-lived pool as the app role, closed when `work` is done. */
export async function withAppPool<T>(work: (pool: Pool) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env, { redis: false });
  await ensureSchema(config);
  const pool = createPool({ connectionString: config.databaseUrl, appRole: config.databaseAppRole, max: 2, applicationName: 'perfledger-cli' });
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}
