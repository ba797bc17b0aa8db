import { Pool, PoolClient, PoolConfig } from 'pg';

export interface PoolOptions {
  connectionString: string;
  /** Assume this role at connection start (no UPDATE/DELETE/TRUNCATE on events); null: as connected. */
  appRole?: string | null;
  max?: number;
  applicationName?: string;
  /** Abort a session idle inside a transaction: one forgotten transaction would stall every projector. */
  idleInTransactionTimeoutMs?: number;
  statementTimeoutMs?: number;
}

/**
 * A node-postgres pool for the app. The role is set by a startup option, so a connection
 * either runs as the app role from its first statement or fails to open — never silently
 * as the owner.
 */
export function createPool(options: PoolOptions): Pool {
  const settings = [
    `-c idle_in_transaction_session_timeout=${options.idleInTransactionTimeoutMs ?? 60_000}`,
    `-c statement_timeout=${options.statementTimeoutMs ?? 0}`,
  ];
  if (options.appRole) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.appRole)) throw new Error(`invalid role name: ${options.appRole}`);
    settings.push(`-c role=${options.appRole}`);
  }
  const config: PoolConfig = {
    connectionString: options.connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'perfledger',
    options: settings.join(' '),
  };
  const role = options.appRole;
  if (role) {
    // A server may ignore startup options (PGlite does): then refuse the connection rather than
    // run as the owner without anyone noticing.
    config.onConnect = async (client) => {
      const { rows } = await client.query('SELECT current_user AS u');
      if (rows[0].u !== role) {
        throw new Error(`connected as ${rows[0].u}, not as ${role}: the server ignored the role startup option (use DATABASE_APP_ROLE=- there)`);
      }
    };
  }
  const pool = new Pool(config);
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * One transaction on its own connection: `begin` (e.g. `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`),
 * committed when `work` resolves, rolled back when it throws; a connection whose rollback fails is
 * discarded, not returned to the pool.
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
