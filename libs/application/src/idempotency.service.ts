import type { Pool, PoolClient } from 'pg';
import { AppError } from '@app/shared';
import { inTransaction } from './transaction';

export interface StoredResponse {
  status: number;
  body: unknown;
  /** true when this is the first response to the same key, returned again */
  replayed: boolean;
}

/**
 * `Idempotency-Key`: the command, the key and the response commit in one transaction, so a retry of the
 * same request returns the first response and appends nothing, and a request that failed may be retried.
 * A second request with the key while the first is running waits for it (the key's row is locked). The
 * same key with a different request is refused (409).
 */
export class IdempotencyService {
  constructor(private readonly pool: Pool) {}

  async run(username: string, key: string | null, requestHash: string, work: (client: PoolClient) => Promise<{ status: number; body: unknown }>): Promise<StoredResponse> {
    if (key !== null && !/^[\w.:-]{8,128}$/u.test(key)) {
      throw new AppError('InvalidInput', 'invalid-idempotency-key', 'Idempotency-Key 应为 8–128 位字母、数字或 . _ : -', { field: 'Idempotency-Key' });
    }
    return inTransaction(this.pool, async (client) => {
      if (key !== null) {
        const claimed = await client.query(
          `INSERT INTO perfledger.idempotency_keys (username, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT (username, key) DO NOTHING RETURNING 1`,
          [username, key, requestHash],
        );
        if (claimed.rowCount === 0) {
          const { rows } = await client.query(`SELECT request_hash, status, body FROM perfledger.idempotency_keys WHERE username = $1 AND key = $2`, [username, key]);
          if (rows[0].request_hash !== requestHash) {
            throw new AppError('Conflict', 'idempotency-key-reused', '该 Idempotency-Key 已用于另一个请求', { field: 'Idempotency-Key' });
          }
          return { status: rows[0].status, body: rows[0].body, replayed: true };
        }
      }
      const response = await work(client);
      if (key !== null) {
        await client.query(`UPDATE perfledger.idempotency_keys SET status = $3, body = $4 WHERE username = $1 AND key = $2`, [username, key, response.status, JSON.stringify(response.body ?? null)]);
      }
      return { ...response, replayed: false };
    });
  }
}
