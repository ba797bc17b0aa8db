import { randomBytes } from 'node:crypto';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { sleep, testEvent, testEvents } from '../../../test/support/events';
import { SQLSTATE } from './event-store.errors';
import { PostgresEventStore } from './postgres-event-store';
import { Sealer } from './sealer';
import { Verifier } from './verifier';

/**
 * Test 9: the app role cannot UPDATE, DELETE or TRUNCATE events (grants), and the triggers
 * stop a superuser too. Every statement below targets rows that exist, so a row trigger
 * that were missing (or a grant that were too wide) would let it succeed and fail the test.
 */

const PERMISSION_DENIED = '42501';
const STREAM = 'filing-append-only';

describe('append-only log (real PostgreSQL): test 9', () => {
  let db: TestDatabase;
  let before: { events: unknown[]; seals: unknown[]; streams: unknown[] };

  const snapshot = async () => ({
    events: (await db.owner.query(`SELECT e.*, e.tx_id::text AS tx_id FROM perfledger.events e ORDER BY e.global_position`)).rows,
    seals: (await db.owner.query(`SELECT s.*, s.from_tx_id::text AS from_tx_id, s.to_tx_id::text AS to_tx_id FROM perfledger.seals s ORDER BY s.seal_no`)).rows,
    streams: (await db.owner.query(`SELECT s.* FROM perfledger.streams s ORDER BY s.stream_id`)).rows,
  });

  beforeAll(async () => {
    db = await createTestDatabase('append_only');
    const store = new PostgresEventStore(db.app);
    await store.append(STREAM, testEvents(3), { expectedVersion: 'no-stream' });
    await store.append('unit-append-only', testEvents(2), { expectedVersion: 'no-stream' });
    await store.append(STREAM, testEvents(2), { expectedVersion: 3 });
    // Seal everything (the sealer seals only below the cluster-wide xmin: retry while another test holds it back).
    const deadline = Date.now() + 20_000;
    const sealer = new Sealer(db.app, { everyEvents: 3, everySeconds: 1 });
    for (;;) {
      await sealer.sealDue(true);
      if ((await new Verifier(db.app).verify()).unsealedTail === 0) break;
      if (Date.now() > deadline) throw new Error('could not seal the log: a long transaction elsewhere holds xmin back');
      await sleep(50);
    }
    before = await snapshot();
    expect(before.events).toHaveLength(7);
    expect(before.seals.length).toBeGreaterThanOrEqual(3);
  });

  afterAll(() => db.drop());

  it('the pools are who the test assumes: the app runs as perfledger_app, the owner is a superuser with triggers enabled', async () => {
    expect((await db.app.query(`SELECT current_user AS u`)).rows[0].u).toBe('perfledger_app');
    const { rows } = await db.owner.query(
      `SELECT r.rolsuper, current_setting('session_replication_role') AS srr FROM pg_catalog.pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows[0]).toEqual({ rolsuper: true, srr: 'origin' });
  });

  describe('the app role is refused by the grants (SQLSTATE 42501)', () => {
    it.each([
      ['UPDATE events', `UPDATE perfledger.events SET data = '{"n": 2}' WHERE stream_id = '${STREAM}' AND version = 2`],
      ['UPDATE events (the hash chain)', `UPDATE perfledger.events SET hash = prev_hash WHERE stream_id = '${STREAM}'`],
      ['DELETE events', `DELETE FROM perfledger.events WHERE stream_id = '${STREAM}' AND version = 5`],
      ['TRUNCATE events', `TRUNCATE perfledger.events`],
      ['UPDATE seals', `UPDATE perfledger.seals SET root = prev_root WHERE seal_no = 1`],
      ['DELETE seals', `DELETE FROM perfledger.seals WHERE seal_no = (SELECT max(seal_no) FROM perfledger.seals)`],
      ['TRUNCATE seals', `TRUNCATE perfledger.seals`],
      ['UPDATE streams (move a head)', `UPDATE perfledger.streams SET version = 3 WHERE stream_id = '${STREAM}'`],
      ['DELETE streams', `DELETE FROM perfledger.streams WHERE stream_id = '${STREAM}'`],
      ['switch the triggers off (session_replication_role)', `SET session_replication_role = replica`],
      ['disable the triggers (ALTER TABLE)', `ALTER TABLE perfledger.events DISABLE TRIGGER USER`],
    ])('%s', async (_what, sql) => {
      await expect(db.app.query(sql)).rejects.toMatchObject({ code: PERMISSION_DENIED });
    });

    it('INSERT into events directly (an append must go through perfledger.append_events)', async () => {
      const e = testEvent();
      await expect(
        db.app.query(
          `INSERT INTO perfledger.events (stream_id, version, event_id, type, data, metadata, recorded_at, prev_hash, hash)
           VALUES ($1, 6, $2, $3, $4, $5, now(), $6, $7)`,
          [STREAM, e.eventId, e.type, e.data, e.metadata, randomBytes(32), randomBytes(32)],
        ),
      ).rejects.toMatchObject({ code: PERMISSION_DENIED });
      await expect(db.app.query(`INSERT INTO perfledger.streams (stream_id, version) VALUES ('unit-forged', 0)`)).rejects.toMatchObject({
        code: PERMISSION_DENIED,
      });
    });
  });

  describe('the superuser is stopped by the triggers (SQLSTATE PLA01)', () => {
    it.each([
      ['UPDATE', 'events', `UPDATE perfledger.events SET data = '{"n": 2}' WHERE stream_id = '${STREAM}' AND version = 2`],
      ['DELETE', 'events', `DELETE FROM perfledger.events WHERE stream_id = '${STREAM}' AND version = 5`],
      ['TRUNCATE', 'events', `TRUNCATE perfledger.events`],
      ['TRUNCATE', 'events', `TRUNCATE perfledger.events CASCADE`],
      ['UPDATE', 'seals', `UPDATE perfledger.seals SET root = prev_root WHERE seal_no = 1`],
      ['DELETE', 'seals', `DELETE FROM perfledger.seals WHERE seal_no = (SELECT max(seal_no) FROM perfledger.seals)`],
      ['TRUNCATE', 'seals', `TRUNCATE perfledger.seals`],
    ])('%s on %s', async (op, table, sql) => {
      await expect(db.owner.query(sql)).rejects.toMatchObject({
        code: SQLSTATE.appendOnly,
        message: `${op} on perfledger.${table} is forbidden: the log is append-only`,
      });
    });

    it('a whole-table UPDATE inside a transaction is refused at the first row and leaves nothing behind', async () => {
      const client = await db.owner.connect();
      try {
        await client.query('BEGIN');
        await expect(client.query(`UPDATE perfledger.events SET metadata = '{}'`)).rejects.toMatchObject({ code: SQLSTATE.appendOnly });
        await client.query('ROLLBACK');
      } finally {
        client.release();
      }
    });
  });

  it('after all of it the log is unchanged and verifies ok', async () => {
    expect(await snapshot()).toEqual(before);
    const report = await new Verifier(db.app).verify();
    expect(report).toMatchObject({ ok: true, streams: 2, events: 7, unsealedTail: 0, firstBroken: null, problems: [] });
    expect(report.seals).toBe(before.seals.length);
    // …and appending still works for the app.
    await new PostgresEventStore(db.app).append(STREAM, [testEvent()], { expectedVersion: 5 });
    expect((await new Verifier(db.app).verify()).ok).toBe(true);
  });
});
