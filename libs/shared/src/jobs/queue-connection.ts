import { createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import type { PostgresPoolConfig } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import type { AppConfig, QueueBackend } from '../config/app-config';
import { redisOptionsOf } from './redis-options';

/** The PostgreSQL schema of BullMQ's tables (queue backend `postgres`). */
export const QUEUE_SCHEMA = 'bullmq';

/**
 * A BullMQ connection for one role and a way to close it. With Redis: an ioredis client (producers fail
 * fast while Redis is down; a worker waits). With PostgreSQL: a pool configuration that bullmq's
 * PostgreSQL backend turns into its own pool, on the owner's connection (it creates schema `bullmq` on
 * first use), small, because it shares the server with the event store.
 */
export interface QueueConnection {
  backend: QueueBackend;
  connection: Redis | PostgresPoolConfig;
  /** Resolves when the queue's store answers; rejects with its error. */
  ping(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Selects the process-wide BullMQ backend. bullmq (and @nestjs/bullmq, which builds its Queue itself) reads
 * the default when a Queue or Worker is constructed, so this runs before any is — every entry point that
 * builds one calls it through `queueConnectionOf`. One process uses one backend.
 */
export function useQueueBackend(backend: QueueBackend): void {
  setDefaultBackendFactory(backend === 'postgres' ? (createPostgresBackend as never) : undefined);
}

/**
 * `producer`: adds jobs (fails fast while the store is down); `worker`: takes jobs (waits for the store);
 * `probe`: /health's checks (reconnects in the background); `once`: a CLI command (no reconnection).
 */
export function queueConnectionOf(config: AppConfig, role: 'producer' | 'worker' | 'probe' | 'once'): QueueConnection {
  useQueueBackend(config.queueBackend);
  if (config.queueBackend === 'postgres') {
    const connection: PostgresPoolConfig = {
      connectionString: config.migrationDatabaseUrl,
      schema: QUEUE_SCHEMA,
      migrate: true,
      max: role === 'worker' ? config.jobConcurrency + 2 : 2,
      application_name: `perfledger-queue-${role}`,
    };
    return {
      backend: 'postgres',
      connection,
      // the database answers (the queue's own tables are created by the first Queue that connects)
      ping: async () => {
        const client = new Client({ connectionString: config.migrationDatabaseUrl, connectionTimeoutMillis: 5_000, application_name: 'perfledger-queue-ping' });
        try {
          await client.connect();
          await client.query('SELECT 1');
          return 'PostgreSQL';
        } finally {
          await client.end().catch(() => undefined);
        }
      },
      close: async () => undefined, // the backend owns and closes the pool it built
    };
  }
  const options = redisOptionsOf(config.redisUrl);
  const redis =
    role === 'worker'
      ? new Redis({ ...options, maxRetriesPerRequest: null })
      : // producers and probes: no offline queue, so an `add` or a ping while Redis is down fails at once
        new Redis({ ...options, enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: role !== 'producer', ...(role === 'once' ? { retryStrategy: () => null } : {}) });
  redis.on('error', () => undefined); // reported by /health, the reactor's retries and the worker; ioredis keeps reconnecting
  return {
    backend: 'redis',
    connection: redis,
    ping: async () => {
      if (redis.status !== 'ready') {
        // a probe connects lazily: wait for the connection (or its failure) before the first command
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => done(new Error('Redis did not answer within 5 s')), 5_000);
          const done = (error?: Error) => {
            clearTimeout(timer);
            redis.off('ready', onReady).off('error', done);
            if (error) reject(error);
            else resolve();
          };
          const onReady = () => done();
          redis.once('ready', onReady).once('error', done);
          if (redis.status === 'wait' || redis.status === 'end') redis.connect().catch(() => undefined);
        });
      }
      return redis.ping();
    },
    close: async () => {
      redis.disconnect();
    },
  };
}
