import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PostgresEventStore, ProjectionRunner } from '@app/event-store';
import { loadConfig } from '@app/shared';
import { createApiApp } from '../../apps/api/src/main';
import { testEvents } from '../support/events';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function start(db: TestDatabase, redisUrl: string): Promise<{ app: INestApplication; base: string }> {
  const config = loadConfig({ DATABASE_URL: db.url, REDIS_URL: redisUrl, LOG_LEVEL: 'silent', PORT: '0' });
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
    await runner.processBatch(); // one of three events: lag 2

    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.status).toBe('ok');
    expect(body.details.postgres).toMatchObject({ status: 'up', headPosition: expect.stringMatching(/^\d+$/), xmin: expect.stringMatching(/^\d+$/) });
    expect(body.details.redis).toMatchObject({ status: 'up', reply: 'PONG' });
    expect(body.details.projections.list).toEqual([
      expect.objectContaining({ name: 'health-probe', lagEvents: 2, halted: null, cursor: { txId: expect.any(String), position: expect.any(String) } }),
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
