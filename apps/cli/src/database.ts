import type { Pool } from 'pg';
import { createPool } from '@app/event-store';
import { loadConfig } from '@app/shared';

/** A short-lived pool as the app role, closed when `work` is done. */
export async function withAppPool<T>(work: (pool: Pool) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env, { redis: false });
  const pool = createPool({ connectionString: config.databaseUrl, appRole: config.databaseAppRole, max: 2, applicationName: 'perfledger-cli' });
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}
