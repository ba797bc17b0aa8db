import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { testEvent, testEvents } from '../../../test/support/events';
import { createPool } from './database';
import { IdempotencyConflictError, VersionConflictError } from './event-store.errors';
import { PostgresEventStore } from './postgres-event-store';
import { Verifier } from './verifier';

describe('PostgresEventStore.append (real PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('append');
    store = new PostgresEventStore(db.app);
  });
  afterAll(() => db.drop());

  const streamCount = async (streamId: string) =>
    Number((await db.owner.query(`SELECT count(*) FROM perfledger.events WHERE stream_id = $1`, [streamId])).rows[0].count);
  const streamRow = async (streamId: string) =>
    (await db.owner.query(`SELECT version::int AS version, encode(last_hash, 'hex') AS last_hash FROM perfledger.streams WHERE stream_id = $1`, [streamId])).rows[0];

  it('appends, returns versions and positions, and reads the stream back with its metadata', async () => {
    const streamId = `s-${randomUUID()}`;
    const first = await store.append(streamId, testEvents(2), { expectedVersion: 'no-stream' });
    expect(first.nextVersion).toBe(2);
    expect(first.positions).toHaveLength(2);
    expect(BigInt(first.positions[1])).toBeGreaterThan(BigInt(first.positions[0]));
    expect(first.idempotent).toBe(false);
    const second = await store.append(streamId, [testEvent('Other', { figure: '557.70' })], { expectedVersion: 2 });
    expect(second.nextVersion).toBe(3);

    const events = await store.readStream(streamId);
    expect(events.map((e) => e.version)).toEqual([1, 2, 3]);
    expect(events[2]).toMatchObject({ type: 'Other', data: { figure: '557.70', n: 1 }, metadata: { actor: { userId: 'test-user' }, source: 'system' } });
    expect(events[2].recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(typeof events[0].globalPosition).toBe('string');
    expect(await store.readStream(streamId, { fromVersion: 2, toVersion: 2 })).toHaveLength(1);
  });

  it('1. two concurrent appends with the same expected version: exactly one wins', async () => {
    const streamId = `s-${randomUUID()}`;
    await store.append(streamId, testEvents(1), { expectedVersion: 'no-stream' });
    const a = testEvents(2, 'FromA');
    const b = testEvents(2, 'FromB');
    const results = await Promise.allSettled([
      store.append(streamId, a, { expectedVersion: 1 }),
      store.append(streamId, b, { expectedVersion: 1 }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(VersionConflictError);
    expect(lost[0].reason).toMatchObject({ streamId, expected: 1, actual: 3 });
    const events = await store.readStream(streamId);
    expect(events).toHaveLength(3);
    const winnerType = events[1].type;
    expect(events.slice(1).every((e) => e.type === winnerType)).toBe(true);
  });

  it('1. the same race made deterministic: the second append waits on the stream lock, then conflicts', async () => {
    const streamId = `s-${randomUUID()}`;
    await store.append(streamId, testEvents(1), { expectedVersion: 'no-stream' });
    const first = await db.app.connect();
    try {
      await first.query('BEGIN');
      await store.append(streamId, testEvents(2, 'FromA'), { expectedVersion: 1, client: first });
      const second = store.append(streamId, testEvents(2, 'FromB'), { expectedVersion: 1 });
      await new Promise((r) => setTimeout(r, 150)); // the second is now inside the append, waiting
      await first.query('COMMIT');
      await expect(second).rejects.toMatchObject({ constructor: VersionConflictError, expected: 1, actual: 3 });
    } finally {
      first.release();
    }
    expect((await store.readStream(streamId)).map((e) => e.type)).toEqual(['TestHappened', 'FromA', 'FromA']);
  });

  it('2. twenty concurrent `any` appends to one stream: none lost', async () => {
    const streamId = `s-${randomUUID()}`;
    const sizes = Array.from({ length: 20 }, (_, i) => 1 + (i % 3));
    const results = await Promise.allSettled(sizes.map((n) => store.append(streamId, testEvents(n), { expectedVersion: 'any' })));
    // `any` appends serialise on the stream lock, so every one succeeds (a failure would at least be loud).
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const succeeded = results.flatMap((r, i) => (r.status === 'fulfilled' ? [sizes[i]] : []));
    expect(await streamCount(streamId)).toBe(succeeded.reduce((a, b) => a + b, 0));
    const nextVersions = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.nextVersion] : []));
    expect(new Set(nextVersions).size).toBe(20);
    const versions = (await store.readStream(streamId)).map((e) => e.version);
    expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
    expect((await streamRow(streamId)).version).toBe(versions.length);
  });

  it('3. two concurrent creates with no-stream: one wins, the other gets VersionConflict (not 23505)', async () => {
    for (let round = 0; round < 5; round++) {
      const streamId = `s-${randomUUID()}`;
      const results = await Promise.allSettled([
        store.append(streamId, testEvents(1), { expectedVersion: 'no-stream' }),
        store.append(streamId, testEvents(1), { expectedVersion: 'no-stream' }),
      ]);
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(lost).toHaveLength(1);
      expect(lost[0].reason).toBeInstanceOf(VersionConflictError);
      expect(lost[0].reason.expected).toBe('no-stream');
      expect(await streamCount(streamId)).toBe(1);
    }
  });

  it('4. a multi-event append that fails midway leaves no event, no version bump, no chain advance', async () => {
    const streamId = `s-${randomUUID()}`;
    await store.append(streamId, testEvents(2), { expectedVersion: 'no-stream' });
    const before = await streamRow(streamId);

    // (a) the third of four events is not valid JSON for the database: the loop fails after two.
    const events = testEvents(4);
    await expect(
      db.app.query(
        `SELECT * FROM perfledger.append_events($1, 2, $2::uuid[], $3::text[], $4::int[], $5::text[], $6::text[])`,
        [
          streamId,
          events.map((e) => e.eventId),
          events.map(() => 'T'),
          events.map(() => 1),
          events.map((_, i) => (i === 2 ? '{"data":{broken' : `{"data":{},"eventId":"x","metadata":{},"recordedAt":"`)),
          events.map(() => `","schemaVersion":1,"streamId":"s","type":"T","version":`),
        ],
      ),
    ).rejects.toMatchObject({ code: '22P02' });

    // (b) the second of three events collides, mid-insert, with the same id committed concurrently elsewhere.
    const clash = testEvent();
    const other = await db.app.connect();
    try {
      await other.query('BEGIN');
      await store.append(`s-${randomUUID()}`, [clash], { expectedVersion: 'no-stream', client: other });
      const pending = store.append(streamId, [testEvent(), clash, testEvent()], { expectedVersion: 2 });
      await new Promise((r) => setTimeout(r, 150)); // let it insert the first row and wait on the clash
      await other.query('COMMIT');
      await expect(pending).rejects.toBeInstanceOf(IdempotencyConflictError);
    } finally {
      other.release();
    }

    expect(await streamCount(streamId)).toBe(2);
    expect(await streamRow(streamId)).toEqual(before);
    const verify = await new Verifier(db.app).verify();
    expect(verify.ok).toBe(true);
  });

  it('10. a retried append writes nothing and returns the original result; other content is an IdempotencyConflict', async () => {
    const streamId = `s-${randomUUID()}`;
    const events = testEvents(3);
    const original = await store.append(streamId, events, { expectedVersion: 'no-stream' });
    const retry = await store.append(streamId, events, { expectedVersion: 'no-stream' });
    expect(retry).toEqual({ ...original, idempotent: true });
    expect(await streamCount(streamId)).toBe(3);

    const altered = events.map((e, i) => (i === 1 ? { ...e, data: { n: 2 } } : e));
    await expect(store.append(streamId, altered, { expectedVersion: 'no-stream' })).rejects.toBeInstanceOf(IdempotencyConflictError);
    const partly = [events[0], testEvent()];
    await expect(store.append(streamId, partly, { expectedVersion: 'any' })).rejects.toBeInstanceOf(IdempotencyConflictError);
    await expect(store.append(`s-${randomUUID()}`, events, { expectedVersion: 'any' })).rejects.toBeInstanceOf(IdempotencyConflictError);
    expect(await streamCount(streamId)).toBe(3);
  });

  it('10. concurrent retries never surface a raw unique violation', async () => {
    for (let round = 0; round < 5; round++) {
      const sameStream = `s-${randomUUID()}`;
      const events = testEvents(2);
      const same = await Promise.all([
        store.append(sameStream, events, { expectedVersion: 'no-stream' }),
        store.append(sameStream, events, { expectedVersion: 'no-stream' }),
      ]);
      expect(same.map((r) => r.idempotent).sort()).toEqual([false, true]);
      expect(same[0].positions).toEqual(same[1].positions);

      const shared = testEvents(2);
      const results = await Promise.allSettled([
        store.append(`s-${randomUUID()}`, shared, { expectedVersion: 'any' }),
        store.append(`s-${randomUUID()}`, shared, { expectedVersion: 'any' }),
      ]);
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(lost).toHaveLength(1);
      expect(lost[0].reason).toBeInstanceOf(IdempotencyConflictError);
    }
  });

  it('never scans the whole log: on a never-analysed table the id check still probes the index', async () => {
    const fresh = await createTestDatabase('append_plan');
    const one = createPool({ connectionString: fresh.url, appRole: 'perfledger_app', max: 1 });
    try {
      const seqScans = async () => {
        // Publish this backend's pending table statistics, then read them.
        await one.query('SELECT pg_stat_force_next_flush()');
        await one.query('SELECT 1');
        const { rows } = await fresh.owner.query(`SELECT seq_scan::int AS n FROM pg_stat_user_tables WHERE relid = 'perfledger.events'::regclass`);
        return rows[0].n as number;
      };
      const oneStore = new PostgresEventStore(one);
      // Enough rows that a sequential scan is a real plan choice, then enough calls for a cached generic plan.
      for (let i = 0; i < 20; i++) await oneStore.append(`plan-${i}`, testEvents(50), { expectedVersion: 'no-stream' });
      const before = await seqScans();
      for (let i = 0; i < 40; i++) await oneStore.append(`plan-${i % 20}`, testEvents(1 + (i % 2)), { expectedVersion: 'any' });
      expect((await seqScans()) - before).toBe(0);
    } finally {
      await one.end();
      await fresh.drop();
    }
  });

  it('rejects malformed events before touching the database, naming the field', async () => {
    const bad = { ...testEvent(), eventId: 'not-a-uuid' };
    await expect(store.append('s-bad', [bad], { expectedVersion: 'any' })).rejects.toMatchObject({ kind: 'InvalidInput', field: 'events[0].eventId' });
    const noActor = { ...testEvent(), metadata: { ...testEvent().metadata, actor: { userId: '', role: 'x' } } };
    await expect(store.append('s-bad', [noActor], { expectedVersion: 'any' })).rejects.toMatchObject({ field: 'events[0].metadata.actor' });
    const nul = testEvent('T', { text: 'a\u0000b' });
    await expect(store.append('s-bad', [nul], { expectedVersion: 'any' })).rejects.toMatchObject({ field: 'events[0]' });
    await expect(store.append('s-bad', [], { expectedVersion: 'any' })).rejects.toMatchObject({ field: 'events' });
    expect(await streamCount('s-bad')).toBe(0);
  });
});
