/**
 * The worker spec again, with the jobs queue on BullMQ's PostgreSQL backend (QUEUE_BACKEND=postgres, schema
 * `bullmq` of the test database) instead of Redis: the same reactor, worker, handlers and CLI — one code path,
 * two stores. The embedded mode runs this backend on PGlite (test/e2e/embedded.e2e-spec.ts).
 */
process.env.TEST_QUEUE_BACKEND = 'postgres';
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('./worker.int-spec');
