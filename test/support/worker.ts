import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig, JOBS_QUEUE, loadConfig, queueConnectionOf } from '../../libs/shared/src';
import { bootstrapWorker } from '../../apps/worker/src/main';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A worker configuration on a test database, with its own queue prefix so specs never share jobs. */
export function workerConfig(databaseUrl: string, env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    PROJECTION_POLL_MS: '50',
    LOG_LEVEL: 'silent',
    // TEST_QUEUE_BACKEND=postgres runs a worker spec on BullMQ's PostgreSQL backend (schema bullmq of the test database)
    QUEUE_BACKEND: process.env.TEST_QUEUE_BACKEND ?? 'redis',
    ...env,
  });
}

/** The worker, in this process (the database is already migrated from the test template). */
export async function startWorker(config: AppConfig): Promise<INestApplicationContext> {
  return bootstrapWorker(config, { migrate: false });
}

/** A queue handle on the worker's queue, straight to its store (Redis or PostgreSQL), for the test to read jobs by id. */
export function inspectQueue(config: AppConfig): { queue: Queue; close(): Promise<void>; wipe(): Promise<void> } {
  // straight to the real Redis, not through a spec's proxy (which may be down while the spec inspects)
  const store = queueConnectionOf({ ...config, redisUrl: TEST_REDIS_URL }, 'worker');
  const queue = new Queue(JOBS_QUEUE, { connection: store.connection as never, prefix: config.queuePrefix });
  return {
    queue,
    async wipe() {
      await queue.obliterate({ force: true }).catch(() => undefined);
    },
    async close() {
      await queue.close();
      await store.close();
    },
  };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
