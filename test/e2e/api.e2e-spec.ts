import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PostgresEventStore, ProjectionRunner } from '@app/event-store';
import { JOBS_QUEUE, loadConfig, redisOptionsOf } from '@app/shared';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { createApiApp } from '../../apps/api/src/main';
import { testEvents } from '../support/events';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `test-api-${randomUUID().slice(0, 8)}`;
const ADMIN_PASSWORD = 'Admin-pass-2024';
const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

async function start(db: TestDatabase, redisUrl: string): Promise<{ app: INestApplication; base: string }> {
  const config = loadConfig({ DATABASE_URL: db.url, REDIS_URL: redisUrl, LOG_LEVEL: 'silent', PORT: '0', QUEUE_PREFIX: PREFIX, PERFLEDGER_ADMIN_USER: 'admin', PERFLEDGER_ADMIN_PASSWORD: ADMIN_PASSWORD });
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  return { app, base: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

describe('API over HTTP (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    db = await createTestDatabase('api');
    ({ app, base } = await start(db, REDIS_URL));
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('GET /health reports PostgreSQL, Redis, projection lag and the oldest running transaction', async () => {
    const store = new PostgresEventStore(db.app);
    await store.append(`s-${randomUUID()}`, testEvents(3), { expectedVersion: 'no-stream' });
    const projection = { name: 'health-probe', handle: async () => undefined };
    const runner = new ProjectionRunner(db.app, projection, { batchSize: 1, pollMs: 10 });
    await runner.acquireLease();
    await runner.processBatch(); // one event: the rest is the lag (the initial admin's two events, and these three)
    const total = Number((await db.owner.query(`SELECT count(*) AS n FROM perfledger.events`)).rows[0].n);

    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.status).toBe('ok');
    expect(body.details.postgres).toMatchObject({ status: 'up', headPosition: expect.stringMatching(/^\d+$/), xmin: expect.stringMatching(/^\d+$/) });
    expect(body.details.redis).toMatchObject({ status: 'up', reply: 'PONG' });
    expect(body.details.projections.list).toEqual([
      expect.objectContaining({ name: 'health-probe', lagEvents: total - 1, halted: null, cursor: { txId: expect.any(String), position: expect.any(String) } }),
    ]);
    await runner.stop();
  });

  it('GET /metrics exposes projection lag for Prometheus', async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/perfledger_projection_lag_events\{projection="health-probe"\} \d+/);
    expect(text).toMatch(/perfledger_log_head_position \d+/);
  });

  it('serves the OpenAPI document at /api/docs', async () => {
    const html = await fetch(`${base}/api/docs`);
    expect(html.status).toBe(200);
    const doc = (await (await fetch(`${base}/api/docs-json`)).json()) as any;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/metrics']));
  });

  it('shows the jobs queue, with a failed job and its error, on Bull Board at /admin/queues', async () => {
    const connection = new Redis({ ...redisOptionsOf(REDIS_URL), maxRetriesPerRequest: null });
    const queue = new Queue(JOBS_QUEUE, { connection, prefix: PREFIX });
    const worker = new Worker(JOBS_QUEUE, async () => Promise.reject(new Error('单位 U9999 不存在')), { connection, prefix: PREFIX, autorun: false });
    try {
      await queue.add('scan-county', { countyCode: '430423', year: 2024, trigger: null }, { jobId: 'scan-county_430423_2024_manual-board', attempts: 1 });
      const failed = new Promise((resolve) => worker.once('failed', resolve));
      void worker.run();
      await failed;
      // a bureau admin's login, over HTTP Basic (a browser page cannot send a Bearer token)
      expect((await fetch(`${base}/admin/queues`)).status).toBe(401);
      expect((await fetch(`${base}/admin/queues`, { headers: basic('admin', 'wrong-password-1') })).status).toBe(401);
      const page = await fetch(`${base}/admin/queues`, { headers: basic('admin', ADMIN_PASSWORD) });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      const api = (await (await fetch(`${base}/admin/queues/api/queues?activeQueue=${JOBS_QUEUE}&status=failed`, { headers: basic('admin', ADMIN_PASSWORD) })).json()) as any;
      const shown = api.queues.find((q: any) => q.name === JOBS_QUEUE);
      expect(shown.counts.failed).toBe(1);
      expect(shown.jobs[0]).toMatchObject({ id: 'scan-county_430423_2024_manual-board', failedReason: '单位 U9999 不存在' });
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      connection.disconnect();
    }
  });

  it('answers unknown routes with RFC 9457 Problem Details', async () => {
    const res = await fetch(`${base}/no/such/route`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 404, title: '未找到', code: 'http.404', instance: '/no/such/route' });
  });

  it('reports 503 with Redis down, and says which part is down', async () => {
    const down = await start(db, 'redis://127.0.0.1:1');
    try {
      const res = await fetch(`${down.base}/health`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as any;
      expect(body.error.redis.status).toBe('down');
      expect(body.details.postgres.status).toBe('up');
    } finally {
      await down.app.close();
    }
  });
});
