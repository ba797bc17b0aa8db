import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { sleep, testEvent, testEvents } from '../../../test/support/events';
import { TransientProjectionError, XidHorizonError } from './event-store.errors';
import { StoredEvent } from './event-store.types';
import { PostgresEventStore } from './postgres-event-store';
import { Projection, ProjectionRunner } from './projection-runner';

/**
 * A read model that would show any loss or doubling: one row per delivery (no unique key),
 * plus per-stream counters incremented (not set) by each event.
 */
class DeliveryLog implements Projection {
  readonly name: string;
  /** Called after the writes, before the runner commits: lets a test crash the batch there. */
  beforeCommit?: (tx: PoolClient, events: StoredEvent[]) => Promise<void>;

  constructor(name = `deliveries-${randomUUID().slice(0, 8)}`, readonly tag = 'runner') {
    this.name = name;
  }

  async handle(events: StoredEvent[], tx: PoolClient): Promise<void> {
    await tx.query(
      `INSERT INTO test_support.deliveries (projection, runner, event_id, tx_id, position)
       SELECT $1, $2, u.id, u.tx::xid8, u.pos::bigint FROM unnest($3::uuid[], $4::text[], $5::text[]) AS u(id, tx, pos)`,
      [this.name, this.tag, events.map((e) => e.eventId), events.map((e) => e.txId), events.map((e) => e.globalPosition)],
    );
    for (const e of events) {
      await tx.query(
        `INSERT INTO test_support.stream_totals (projection, stream_id, events, total) VALUES ($1, $2, 1, $3)
         ON CONFLICT (projection, stream_id) DO UPDATE SET events = stream_totals.events + 1, total = stream_totals.total + EXCLUDED.total`,
        [this.name, e.streamId, (e.data as { n: number }).n],
      );
    }
    await this.beforeCommit?.(tx, events);
  }
}

async function createSupportTables(owner: Pool): Promise<void> {
  await owner.query(`
    CREATE SCHEMA test_support;
    CREATE TABLE test_support.deliveries (projection text, runner text, event_id uuid, tx_id xid8, position bigint);
    CREATE TABLE test_support.stream_totals (projection text, stream_id text, events int, total bigint, PRIMARY KEY (projection, stream_id));
    GRANT USAGE ON SCHEMA test_support TO perfledger_app;
    GRANT ALL ON ALL TABLES IN SCHEMA test_support TO perfledger_app;`);
}

describe('ProjectionRunner (real PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('projection');
    store = new PostgresEventStore(db.app);
    await createSupportTables(db.owner);
  });
  afterAll(() => db.drop());

  const delivered = async (projection: string) =>
    (await db.owner.query(`SELECT event_id::text AS id, runner FROM test_support.deliveries WHERE projection = $1 ORDER BY tx_id, position`, [projection])).rows as { id: string; runner: string }[];
  /** Waits (bounded) until the projection's checkpoint has passed every committed event. */
  const caughtUp = async (projection: string, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await db.owner.query(
        `SELECT count(*)::int AS n FROM perfledger.events e, perfledger.checkpoints c
          WHERE c.name = $1 AND (e.tx_id, e.global_position) > (c.tx_id, c.global_position)`,
        [projection],
      );
      if (rows[0]?.n === 0) return;
      if (Date.now() > deadline) throw new Error(`${projection} did not catch up within ${timeoutMs} ms`);
      await sleep(20);
    }
  };
  const allEventIds = async () =>
    (await db.owner.query(`SELECT event_id::text AS id FROM perfledger.events ORDER BY tx_id, global_position`)).rows.map((r) => r.id as string);

  it('5. a slow transaction with a lower position that commits after a faster one: both delivered, once each, in commit-safe order', async () => {
    const projection = new DeliveryLog();
    const runner = new ProjectionRunner(db.app, projection, { batchSize: 10, pollMs: 20 });
    await runner.runOnce(); // catch up with whatever earlier tests wrote
    const baseline = (await delivered(projection.name)).length;

    const slow = await db.app.connect();
    const slowEvent = testEvent('Slow');
    const fastEvent = testEvent('Fast');
    try {
      await slow.query('BEGIN');
      const s = await store.append(`slow-${randomUUID()}`, [slowEvent], { expectedVersion: 'no-stream', client: slow });
      const f = await store.append(`fast-${randomUUID()}`, [fastEvent], { expectedVersion: 'no-stream' });
      expect(BigInt(s.positions[0])).toBeLessThan(BigInt(f.positions[0]));

      // The fast event is committed, but a reader by position alone would now pass the slow one.
      const whileOpen = await runner.runOnce();
      expect(whileOpen).toEqual({ state: 'processed', events: 0 });

      await slow.query('COMMIT');
    } finally {
      slow.release();
    }
    // Burned positions from rolled-back appends never stall the projector.
    for (let i = 0; i < 3; i++) {
      const c = await db.app.connect();
      await c.query('BEGIN');
      await store.append(`rolled-back-${randomUUID()}`, testEvents(2), { expectedVersion: 'any', client: c });
      await c.query('ROLLBACK');
      c.release();
    }
    const after = testEvent('After');
    await store.append(`after-${randomUUID()}`, [after], { expectedVersion: 'no-stream' });

    expect(await runner.runOnce()).toEqual({ state: 'processed', events: 3 });
    const ids = (await delivered(projection.name)).slice(baseline).map((d) => d.id);
    expect(ids).toEqual([slowEvent.eventId, fastEvent.eventId, after.eventId]);
    expect(await runner.runOnce()).toEqual({ state: 'processed', events: 0 });
    await runner.stop();
  });

  it('6. randomised writers with delays and ~10% rollbacks vs a small-batch projector: delivered = committed, once each, checkpoint monotonic', async () => {
    const projection = new DeliveryLog();
    const runner = new ProjectionRunner(db.app, projection, { batchSize: 7, pollMs: 5 });
    const before = new Set(await allEventIds());
    const committed: string[] = [];
    let rolledBack = 0;

    const writer = async (w: number) => {
      for (let i = 0; i < 40; i++) {
        const client = await db.app.connect();
        try {
          await client.query('BEGIN');
          const events = testEvents(1 + Math.floor(Math.random() * 3));
          await store.append(`writer-${w}-${i % 5}`, events, { expectedVersion: 'any', client });
          await sleep(Math.random() * 8);
          if (Math.random() < 0.1) {
            await client.query('ROLLBACK');
            rolledBack += 1;
          } else {
            await client.query('COMMIT');
            committed.push(...events.map((e) => e.eventId));
          }
        } finally {
          client.release();
        }
      }
    };

    const checkpoints: [bigint, bigint][] = [];
    let writing = true;
    const sampler = (async () => {
      while (writing) {
        const { rows } = await db.owner.query(`SELECT tx_id::text AS tx, global_position::text AS pos FROM perfledger.checkpoints WHERE name = $1`, [projection.name]);
        if (rows[0]) checkpoints.push([BigInt(rows[0].tx), BigInt(rows[0].pos)]);
        await sleep(3);
      }
    })();
    runner.start();
    await Promise.all(Array.from({ length: 6 }, (_, w) => writer(w)));
    await caughtUp(projection.name);
    writing = false;
    await sampler;
    await runner.stop();

    const got = (await delivered(projection.name)).map((d) => d.id).filter((id) => !before.has(id));
    expect(rolledBack).toBeGreaterThan(0);
    expect(got.length).toBe(committed.length); // no doubles, no loss
    expect(new Set(got)).toEqual(new Set(committed));
    for (let i = 1; i < checkpoints.length; i++) {
      const [pt, pp] = checkpoints[i - 1];
      const [t, p] = checkpoints[i];
      expect(t > pt || (t === pt && p >= pp)).toBe(true);
    }
  });

  it('7. a projector killed between its writes and its commit resumes with nothing lost or doubled', async () => {
    const projection = new DeliveryLog(undefined, 'first');
    for (let i = 0; i < 12; i++) await store.append(`kill-${i % 4}`, testEvents(2), { expectedVersion: 'any' });

    const victim = new ProjectionRunner(db.app, projection, { batchSize: 5, pollMs: 10, leaseMs: 400, owner: 'victim' });
    let batches = 0;
    projection.beforeCommit = async (tx) => {
      batches += 1;
      if (batches === 3) {
        // The process dies here: its connection goes away with the transaction open.
        const pid = (await tx.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        await db.owner.query('SELECT pg_terminate_backend($1)', [pid]);
        await tx.query('SELECT 1'); // fails: the connection is gone
      }
    };
    await expect(victim.runOnce()).rejects.toThrow();
    projection.beforeCommit = undefined;
    // The victim never releases its lease; a second instance takes over once it expires.
    const successor = new ProjectionRunner(db.app, new DeliveryLog(projection.name, 'second'), { batchSize: 5, pollMs: 10, leaseMs: 400, owner: 'successor' });
    expect(await successor.runOnce()).toEqual({ state: 'standby' });
    await sleep(450);
    const resumed = await successor.runOnce();
    expect(resumed.state).toBe('processed');

    const ids = (await delivered(projection.name)).map((d) => d.id);
    expect(ids).toEqual(await allEventIds());
    // The read model equals a fold of the events.
    const { rows: folded } = await db.owner.query(
      `SELECT stream_id, count(*)::int AS events, sum((data->>'n')::bigint)::text AS total FROM perfledger.events GROUP BY stream_id ORDER BY stream_id`,
    );
    const { rows: model } = await db.owner.query(
      `SELECT stream_id, events, total::text AS total FROM test_support.stream_totals WHERE projection = $1 ORDER BY stream_id`,
      [projection.name],
    );
    expect(model).toEqual(folded);
    await successor.stop();
  });

  it('7. two instances of one projection: only one is active; the other takes over when it stops', async () => {
    const name = `pair-${randomUUID().slice(0, 8)}`;
    const a = new ProjectionRunner(db.app, new DeliveryLog(name, 'a'), { batchSize: 3, pollMs: 5, leaseMs: 2_000, owner: 'a' });
    const b = new ProjectionRunner(db.app, new DeliveryLog(name, 'b'), { batchSize: 3, pollMs: 5, leaseMs: 2_000, owner: 'b' });
    a.start();
    await sleep(50);
    b.start();
    for (let i = 0; i < 10; i++) {
      await store.append(`pair-${i % 3}`, testEvents(2), { expectedVersion: 'any' });
      await sleep(10);
    }
    await caughtUp(name);
    const firstPhase = await delivered(name);
    expect(new Set(firstPhase.map((d) => d.runner))).toEqual(new Set(['a']));

    await a.stop(); // releases its lease
    await store.append('pair-after', testEvents(3), { expectedVersion: 'any' });
    await caughtUp(name);
    await b.stop();
    const all = await delivered(name);
    expect(all.map((d) => d.id)).toEqual(await allEventIds());
    expect(all.slice(firstPhase.length).every((d) => d.runner === 'b')).toBe(true);
    expect(all.length).toBeGreaterThan(firstPhase.length);
  });

  it('halts a projection on a poison event after bounded retries, and says so in its checkpoint', async () => {
    const projection: Projection = {
      name: `poison-${randomUUID().slice(0, 8)}`,
      async handle() {
        throw new Error('cannot project this event');
      },
    };
    const errors: string[] = [];
    const runner = new ProjectionRunner(db.app, projection, {
      batchSize: 5, pollMs: 5, maxAttempts: 3,
      logger: { log() {}, warn() {}, error: (m) => errors.push(m) },
    });
    runner.start();
    for (let i = 0; i < 100; i++) {
      const { rows } = await db.owner.query(`SELECT halt_reason FROM perfledger.checkpoints WHERE name = $1`, [projection.name]);
      if (rows[0]?.halt_reason) break;
      await sleep(20);
    }
    await runner.stop();
    const { rows } = await db.owner.query(`SELECT global_position::text AS pos, halt_reason FROM perfledger.checkpoints WHERE name = $1`, [projection.name]);
    expect(rows[0]).toEqual({ pos: '0', halt_reason: 'cannot project this event' });
    expect(errors.some((m) => m.includes('HALTED'))).toBe(true);
    expect(await runner.runOnce()).toEqual({ state: 'halted', reason: 'cannot project this event' });
  });

  it('never halts on a transient failure (a dependency down): it waits, then catches up from its checkpoint', async () => {
    await store.append(`transient-${randomUUID().slice(0, 8)}`, testEvents(5), { expectedVersion: 'any' });
    const seen: string[] = [];
    let outage = 8; // batches that fail while the "dependency" is down
    const projection: Projection = {
      name: `transient-${randomUUID().slice(0, 8)}`,
      async handle(events) {
        if (outage > 0) {
          outage -= 1;
          throw new TransientProjectionError('queue unreachable (Redis down)');
        }
        seen.push(...events.map((e) => e.eventId));
      },
    };
    const warnings: string[] = [];
    const runner = new ProjectionRunner(db.app, projection, {
      batchSize: 1000, pollMs: 2, maxAttempts: 2,
      logger: { log() {}, warn: (m) => warnings.push(m), error() {} },
    });
    runner.start();
    for (let i = 0; i < 300 && seen.length === 0; i++) await sleep(20);
    await runner.stop();
    const { rows } = await db.owner.query(`SELECT halt_reason FROM perfledger.checkpoints WHERE name = $1`, [projection.name]);
    expect(rows[0].halt_reason).toBeNull(); // 8 failures with maxAttempts 2, and no halt
    expect(warnings.filter((w) => w.includes('waiting for a dependency'))).toHaveLength(8);
    expect(seen).toEqual(await allEventIds()); // every event, once, after the outage
  }, 30_000);

  it('runs an outsideTransaction projection with no transaction open, and moves its checkpoint only after it succeeded', async () => {
    await store.append(`outside-${randomUUID().slice(0, 8)}`, testEvents(3), { expectedVersion: 'any' });
    const checks: boolean[] = [];
    let failures = 2; // the effect fails twice (its store down), then succeeds
    const seen: string[] = [];
    const projection: Projection = {
      name: `outside-${randomUUID().slice(0, 8)}`,
      outsideTransaction: true,
      async handle(events, client) {
        // outside a transaction every statement is its own: now() is this statement's start
        const { rows } = await client.query(`SELECT now() = statement_timestamp() AS own`);
        checks.push(rows[0].own as boolean);
        if (failures > 0) {
          failures -= 1;
          throw new TransientProjectionError('queue unreachable');
        }
        seen.push(...events.map((e) => e.eventId));
      },
    };
    const runner = new ProjectionRunner(db.app, projection, { batchSize: 100_000, pollMs: 2, maxAttempts: 2, logger: { log() {}, warn() {}, error() {} } });
    const checkpoint = async () => (await db.owner.query(`SELECT global_position::text AS p FROM perfledger.checkpoints WHERE name = $1`, [projection.name])).rows[0]?.p as string | undefined;
    await runner.runOnce().catch(() => undefined); // the first failure: the checkpoint stays at the start
    expect(await checkpoint()).toBe('0');
    runner.start();
    for (let i = 0; i < 300 && seen.length === 0; i++) await sleep(20);
    await runner.stop();
    expect(checks.length).toBeGreaterThanOrEqual(3);
    expect(checks.every(Boolean)).toBe(true);
    expect(seen).toEqual(await allEventIds()); // each event once, after the failures
    expect(await checkpoint()).not.toBe('0');
  }, 30_000);

  it('11. after a (simulated) dump/restore into another cluster, projectors refuse to run and say why', async () => {
    const restored = await createTestDatabase('xid_guard');
    try {
      await restored.owner.query(`SELECT 1`);
      const runner = new ProjectionRunner(restored.app, new DeliveryLog(), { batchSize: 10, pollMs: 5 });
      expect((await runner.runOnce()).state).toBe('processed');
      // Events written under the old cluster's higher transaction ids.
      const tamper = await restored.owner.connect();
      try {
        await tamper.query(
          `INSERT INTO perfledger.events (tx_id, stream_id, version, event_id, type, data, metadata, recorded_at, prev_hash, hash)
           VALUES ((pg_snapshot_xmax(pg_current_snapshot())::text::numeric + 1000000)::text::xid8, 'restored', 1, $1, 'T', '{}', '{}', now(), '\\x00', '\\x00')`,
          [randomUUID()],
        );
      } finally {
        tamper.release();
      }
      const error = await runner.runOnce().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(XidHorizonError);
      expect((error as Error).message).toMatch(/docs\/operations\.md#after-a-dumprestore-re-sequencing/);
      expect((error as Error).message).toMatch(/restored into another cluster/);
      const { rows } = await restored.owner.query(`SELECT global_position::text AS pos FROM perfledger.checkpoints`);
      expect(rows.every((r) => r.pos === '0')).toBe(true);
    } finally {
      await restored.drop();
    }
  });
});
