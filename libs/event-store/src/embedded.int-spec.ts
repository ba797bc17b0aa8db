import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Pool, PoolClient } from 'pg';
import { MIGRATIONS } from '../../../migrations';
import { testEvent, testEvents } from '../../../test/support/events';
import { runMigrations } from '../../shared/src/database/run-migrations';
import { createPool } from './database';
import { IdempotencyConflictError, VersionConflictError } from './event-store.errors';
import { StoredEvent } from './event-store.types';
import { PostgresEventStore } from './postgres-event-store';
import { Projection, ProjectionRunner } from './projection-runner';
import { Sealer } from './sealer';
import { Verifier } from './verifier';

/**
 * Test 12: the embedded mode (STACK.md, "Embedded default"). One PGlite in a temporary dataDir,
 * served by pglite-socket on an ephemeral 127.0.0.1 port; the migrations, the store, a projector,
 * the sealer and the verifier run unchanged over node-postgres, as they do on PostgreSQL.
 *
 * PGlite is one session behind a query queue: a transaction on one connection blocks the others,
 * so nothing here holds a transaction while awaiting another connection.
 *
 * PGlite runs in a worker thread: its Emscripten loader calls `await import("module")`, which
 * Jest's VM sandbox refuses without --experimental-vm-modules (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG,
 * an uncaught rejection that kills the whole Jest process). A worker has Node's own loader, and
 * the app's side (node-postgres over TCP) is exactly what the embedded mode runs.
 */
const SERVER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglite);
const { PGLiteSocketServer } = require(workerData.socket);
(async () => {
  const db = await PGlite.create(workerData.dataDir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 32 });
  await server.start();
  parentPort.on('message', async (message) => {
    if (message !== 'stop') return;
    try {
      await server.stop();
      await db.close();
      parentPort.postMessage({ stopped: true });
    } catch (error) {
      parentPort.postMessage({ stopped: false, error: String((error && error.stack) || error) });
    }
    parentPort.close();
  });
  parentPort.postMessage({ conn: server.getServerConn() });
})().catch((error) => parentPort.postMessage({ error: String((error && error.stack) || error) }));
`;

/**
 * The one setting the embedded mode changes: every connection shares PGlite's single session, so a
 * statement name prepared on one connection would collide on the next. The code path is the same.
 */
const EMBEDDED_STORE = { preparedStatements: false };

interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

/** Start PGlite (dataDir inside `parent`, which must exist) behind pglite-socket, in a worker thread. */
async function startEmbedded(parent: string): Promise<EmbeddedServer> {
  const worker = new Worker(SERVER_SOURCE, {
    eval: true,
    workerData: {
      pglite: require.resolve('@electric-sql/pglite'),
      socket: require.resolve('@electric-sql/pglite-socket'),
      dataDir: join(parent, 'pglite'),
    },
  });
  type Reply = { conn?: string; stopped?: boolean; error?: string };
  let crashed: Error | null = null;
  worker.on('error', (error) => {
    crashed = error; // an uncaught error in the worker must fail the test, not the Jest process
  });
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  const reply = () =>
    Promise.race([
      new Promise<Reply>((resolve) => worker.once('message', resolve)),
      exited.then((code): Reply => ({ error: `PGlite worker exited (code ${code}): ${crashed?.stack ?? 'no error'}` })),
    ]);
  const ready = await reply();
  if (!ready.conn) {
    await worker.terminate();
    throw new Error(`PGlite did not start: ${ready.error}`);
  }
  return {
    url: `postgres://postgres@${ready.conn}/postgres`,
    async stop() {
      const stopped = reply();
      worker.postMessage('stop');
      const result = await stopped;
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5_000).unref());
      if ((await Promise.race([exited, timeout])) === 'timeout') await worker.terminate();
      if (!result.stopped) throw new Error(`PGlite did not stop cleanly: ${result.error}`);
    },
  };
}

/** Per stream: event count, sum of data.n, last version. Incremented per event, so a double delivery shows. */
class StreamTotals implements Projection {
  readonly name = 'embedded-stream-totals';

  async handle(events: StoredEvent[], tx: PoolClient): Promise<void> {
    for (const e of events) {
      await tx.query(
        `INSERT INTO public.embedded_stream_totals (stream_id, events, total, last_version) VALUES ($1, 1, $2, $3)
         ON CONFLICT (stream_id) DO UPDATE
           SET events = embedded_stream_totals.events + 1,
               total = embedded_stream_totals.total + EXCLUDED.total,
               last_version = EXCLUDED.last_version`,
        [e.streamId, (e.data as { n: number }).n, e.version],
      );
    }
  }
}

interface Totals {
  events: number;
  total: number;
  lastVersion: number;
}

describe('embedded mode: PGlite served by pglite-socket (test 12)', () => {
  let dir: string;
  let server: EmbeddedServer;
  let url: string;
  let owner: Pool;
  let pool: Pool;
  let store: PostgresEventStore;
  const extraPools: Pool[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'perfledger-pglite-'));
    server = await startEmbedded(dir);
    url = server.url;
    owner = createPool({ connectionString: url, appRole: null, max: 1, applicationName: 'perfledger-embedded-owner' });
  }, 60_000);

  afterAll(async () => {
    try {
      await Promise.all([...extraPools, pool, owner].filter(Boolean).map((p) => p.end().catch(() => undefined)));
      await server?.stop();
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('the migrations run on PGlite, once', async () => {
    const first = await runMigrations(url, MIGRATIONS, { createDatabase: false });
    expect(first).toEqual({ applied: MIGRATIONS.map((m) => new m().name), createdDatabase: false });
    const again = await runMigrations(url, MIGRATIONS, { createDatabase: false });
    expect(again.applied).toEqual([]);

    const { rows } = await owner.query(
      `SELECT count(*)::int AS n FROM pg_catalog.pg_tables WHERE schemaname = 'perfledger' AND tablename IN ('events', 'streams', 'checkpoints', 'seals')`,
    );
    expect(rows[0].n).toBe(4);
    const role = await owner.query(`SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'perfledger_app'`);
    expect(role.rows).toHaveLength(1);
    expect((await owner.query(`SELECT version() AS v`)).rows[0].v).toMatch(/PGlite/);

    // The read model of the test projection: created by the owner, qualified (no search_path reliance).
    await owner.query(`CREATE TABLE public.embedded_stream_totals (stream_id text PRIMARY KEY, events int NOT NULL, total bigint NOT NULL, last_version int NOT NULL);
                       GRANT SELECT, INSERT, UPDATE ON public.embedded_stream_totals TO perfledger_app;`);

    // appRole: null — PGlite ignores the startup options that set the role (see the appRole test below).
    pool = createPool({ connectionString: url, appRole: null, max: 8, applicationName: 'perfledger-embedded-test' });
    store = new PostgresEventStore(pool, EMBEDDED_STORE);
  });

  it('appends work: several streams, multi-event appends, concurrent appends over several connections, an idempotent retry, a VersionConflict', async () => {
    const units = ['unit-1', 'unit-2', 'unit-3'];
    for (const unit of units) {
      const r = await store.append(unit, testEvents(2, 'UnitCreated'), { expectedVersion: 'no-stream' });
      expect(r).toMatchObject({ streamId: unit, nextVersion: 2, idempotent: false });
      expect(r.positions).toHaveLength(2);
    }

    const filing = 'filing-1';
    const batch = [testEvent('FigureSet', { n: 5, path: 'basic.budget.full', value: '557.70' }), testEvent('FigureSet', { n: 7 })];
    const first = await store.append(filing, batch, { expectedVersion: 'no-stream' });
    const retry = await store.append(filing, batch, { expectedVersion: 'no-stream' });
    expect(retry).toEqual({ ...first, idempotent: true });

    const stale = store.append(filing, [testEvent('FigureSet')], { expectedVersion: 1 });
    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    await expect(stale).rejects.toMatchObject({ streamId: filing, expected: 1, actual: 2 });
    await expect(store.append(filing, [batch[0], testEvent()], { expectedVersion: 'any' })).rejects.toBeInstanceOf(IdempotencyConflictError);

    // Concurrent appends: one statement each, so the socket's query queue interleaves them safely.
    const sizes = Array.from({ length: 12 }, (_, i) => 1 + (i % 3));
    const results = await Promise.all(
      sizes.map((n, i) => store.append(units[i % units.length], testEvents(n, 'FigureSet'), { expectedVersion: 'any' })),
    );
    expect(results.every((r) => !r.idempotent)).toBe(true);
    // Two writers with the same expected version: exactly one wins.
    const race = await Promise.allSettled([
      store.append(filing, testEvents(1, 'FromA'), { expectedVersion: 2 }),
      store.append(filing, testEvents(1, 'FromB'), { expectedVersion: 2 }),
    ]);
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(race.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason).toBeInstanceOf(VersionConflictError);

    for (const unit of units) {
      const versions = (await store.readStream(unit)).map((e) => e.version);
      expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
      expect(await store.streamVersion(unit)).toBe(versions.length);
    }
    expect(await store.streamVersion(filing)).toBe(3);
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM perfledger.events`);
    expect(rows[0].n).toBe(6 + 2 + sizes.reduce((a, b) => a + b, 0) + 1);
  });

  it('a projector catches up, and its read model equals a fold of the events', async () => {
    const runner = new ProjectionRunner(pool, new StreamTotals(), { batchSize: 5, pollMs: 50, store: EMBEDDED_STORE }); // small batches: several transactions
    const count = async () => (await pool.query(`SELECT count(*)::int AS n FROM perfledger.events`)).rows[0].n as number;

    expect(await runner.runOnce()).toEqual({ state: 'processed', events: await count() });
    expect(await runner.runOnce()).toEqual({ state: 'processed', events: 0 });
    await expectReadModelEqualsFold();

    // More writes, then catch up again: exactly the new events.
    await store.append('unit-2', testEvents(3, 'FigureSet'), { expectedVersion: 'any' });
    await store.append('unit-4', testEvents(4, 'UnitCreated'), { expectedVersion: 'no-stream' });
    expect(await runner.runOnce()).toEqual({ state: 'processed', events: 7 });
    await expectReadModelEqualsFold();

    const checkpoint = await pool.query(
      `SELECT c.tx_id::text AS tx_id, c.global_position::text AS position FROM perfledger.checkpoints c WHERE c.name = $1`,
      [runner.projection.name],
    );
    const last = await pool.query(
      `SELECT e.tx_id::text AS tx_id, e.global_position::text AS position FROM perfledger.events e ORDER BY e.tx_id DESC, e.global_position DESC LIMIT 1`,
    );
    expect(checkpoint.rows[0]).toEqual(last.rows[0]);
    await runner.releaseLease();
  });

  it('the polling runner (start/stop) picks up a new append on its own', async () => {
    const runner = new ProjectionRunner(pool, new StreamTotals(), { batchSize: 5, pollMs: 20, store: EMBEDDED_STORE });
    runner.start();
    try {
      const appended = await store.append('unit-5', testEvents(2, 'UnitCreated'), { expectedVersion: 'no-stream' });
      const deadline = Date.now() + 10_000;
      for (;;) {
        const { rows } = await pool.query(`SELECT events FROM public.embedded_stream_totals WHERE stream_id = 'unit-5'`);
        if (rows[0]?.events === appended.nextVersion) break;
        if (Date.now() > deadline) throw new Error('the polling runner did not catch up within 10 s');
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      await runner.stop();
    }
    await expectReadModelEqualsFold();
  });

  it('the log verifies ok, the sealer seals it, and it still verifies ok', async () => {
    const before = await new Verifier(pool).verify();
    const events = (await pool.query(`SELECT count(*)::int AS n FROM perfledger.events`)).rows[0].n;
    expect(before).toEqual({ ok: true, streams: 6, events, seals: 0, unsealedTail: events, firstBroken: null, problems: [] });

    const written = await new Sealer(pool, { everyEvents: 10, everySeconds: 60 }).sealDue(true);
    expect(written.length).toBe(Math.ceil(events / 10));
    expect(written.reduce((n, s) => n + s.eventCount, 0)).toBe(events);

    const after = await new Verifier(pool).verify();
    expect(after).toEqual({ ok: true, streams: 6, events, seals: written.length, unsealedTail: 0, firstBroken: null, problems: [] });
  });

  it('a pool created with appRole runs as that role or fails to open — never silently as the owner', async () => {
    // database.ts: "a connection either runs as the app role from its first statement or fails to open".
    const app = createPool({ connectionString: url, appRole: 'perfledger_app', max: 2 });
    extraPools.push(app);
    const who = await app.query(`SELECT current_user AS u`).then(
      (r) => r.rows[0].u as string,
      (error: Error) => `refused: ${error.message}`,
    );
    expect(who).not.toBe('postgres');
    if (who === 'perfledger_app') {
      await expect(app.query(`DELETE FROM perfledger.events`)).rejects.toMatchObject({ code: '42501' });
    }
  });

  it('after a restart on the same dataDir the log, the seals and the checkpoint are all still there', async () => {
    const before = await new Verifier(pool).verify();
    await Promise.all([pool.end(), owner.end()]);
    await server.stop();

    server = await startEmbedded(dir);
    url = server.url;
    owner = createPool({ connectionString: url, appRole: null, max: 1, applicationName: 'perfledger-embedded-owner' });
    pool = createPool({ connectionString: url, appRole: null, max: 8, applicationName: 'perfledger-embedded-test' });
    store = new PostgresEventStore(pool, EMBEDDED_STORE);

    expect((await runMigrations(url, MIGRATIONS, { createDatabase: false })).applied).toEqual([]);
    expect(await new Verifier(pool).verify()).toEqual(before);
    const runner = new ProjectionRunner(pool, new StreamTotals(), { batchSize: 5, pollMs: 50, store: EMBEDDED_STORE });
    expect(await runner.runOnce()).toEqual({ state: 'processed', events: 0 }); // the checkpoint survived
    await store.append('unit-1', testEvents(2, 'FigureSet'), { expectedVersion: 'any' });
    expect(await runner.runOnce()).toEqual({ state: 'processed', events: 2 });
    await runner.releaseLease();
    await expectReadModelEqualsFold();
    expect(await new Verifier(pool).verify()).toMatchObject({ ok: true, events: before.events + 2, unsealedTail: 2 });
  }, 60_000);

  async function expectReadModelEqualsFold(): Promise<void> {
    const fold = new Map<string, Totals>();
    let cursor = { txId: '0', position: '0' };
    for (;;) {
      const page = await store.readAll(cursor, 7);
      if (page.events.length === 0) break;
      for (const e of page.events) {
        const t = fold.get(e.streamId) ?? { events: 0, total: 0, lastVersion: 0 };
        fold.set(e.streamId, { events: t.events + 1, total: t.total + (e.data as { n: number }).n, lastVersion: e.version });
      }
      cursor = page.cursor;
    }
    const { rows } = await pool.query(
      `SELECT stream_id, events, total::int AS total, last_version FROM public.embedded_stream_totals ORDER BY stream_id`,
    );
    const model = new Map<string, Totals>(rows.map((r) => [r.stream_id, { events: r.events, total: r.total, lastVersion: r.last_version }]));
    expect(model).toEqual(fold);
    expect(fold.size).toBeGreaterThan(0);
  }
});
