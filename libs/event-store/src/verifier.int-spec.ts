import { randomBytes } from 'node:crypto';
import { createTestDatabase, tamper, TestDatabase } from '../../../test/support/test-database';
import { sleep, testEvent, testEvents } from '../../../test/support/events';
import { eventHash } from './event-hash';
import { PostgresEventStore } from './postgres-event-store';
import { Sealer } from './sealer';
import { BrokenEvent, Verifier, VerifyReport } from './verifier';

/**
 * Test 8: `verify` detects a modified, deleted, inserted or reordered event.
 *
 * Each tamper case gets its own database: a small log of three streams (some multi-event
 * appends), sealed in full, verified clean, then tampered with by the superuser, which
 * switches session_replication_role to `replica` so the append-only triggers do not fire.
 */

const A = 'filing-a';
const B = 'filing-b';
const C = 'unit-c';
const SEAL_EVERY = 4;

interface Row {
  position: string;
  txId: string;
  streamId: string;
  version: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: any;
  metadata: any;
  recordedAt: string;
  prevHash: Buffer;
  hash: Buffer;
}

interface SealRow {
  sealNo: string;
  from: { txId: bigint; position: bigint };
  to: { txId: bigint; position: bigint };
  eventCount: number;
}

/** A: 6 events (appends of 2, 1, 3), B: 5 (3, 2), C: 3 (1, 2); interleaved, 7 transactions, 14 events. */
async function buildLog(db: TestDatabase): Promise<void> {
  const store = new PostgresEventStore(db.app);
  await store.append(A, testEvents(2, 'FilingCreated'), { expectedVersion: 'no-stream' });
  await store.append(B, testEvents(3, 'FilingCreated'), { expectedVersion: 'no-stream' });
  await store.append(C, [testEvent('UnitCreated', { name: '衡山县财政局', nested: { z: 1, a: [1, '二', null, { y: true }] } })], {
    expectedVersion: 'no-stream',
  });
  await store.append(A, [testEvent('FigureSet', { path: 'basic.budget.full', value: '557.70' })], { expectedVersion: 2 });
  await store.append(B, testEvents(2, 'FigureSet'), { expectedVersion: 3 });
  await store.append(A, testEvents(3, 'FigureSet'), { expectedVersion: 3 });
  await store.append(C, testEvents(2, 'UnitRenamed'), { expectedVersion: 1 });
}

async function events(db: TestDatabase): Promise<Row[]> {
  const { rows } = await db.owner.query(
    `SELECT e.global_position::text AS position, e.tx_id::text AS tx_id, e.stream_id, e.version::int AS version,
            e.event_id::text AS event_id, e.type, e.schema_version, e.data, e.metadata, e.recorded_at, e.prev_hash, e.hash
       FROM perfledger.events e ORDER BY e.tx_id, e.global_position`,
  );
  return rows.map((r) => ({
    position: r.position,
    txId: r.tx_id,
    streamId: r.stream_id,
    version: r.version,
    eventId: r.event_id,
    type: r.type,
    schemaVersion: r.schema_version,
    data: r.data,
    metadata: r.metadata,
    recordedAt: new Date(r.recorded_at).toISOString(),
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

async function eventAt(db: TestDatabase, streamId: string, version: number): Promise<Row> {
  const row = (await events(db)).find((e) => e.streamId === streamId && e.version === version);
  if (!row) throw new Error(`no event ${streamId} v${version}`);
  return row;
}

async function seals(db: TestDatabase): Promise<SealRow[]> {
  const { rows } = await db.owner.query(
    `SELECT s.seal_no::text AS seal_no, s.from_tx_id::text AS from_tx, s.from_position::text AS from_pos,
            s.to_tx_id::text AS to_tx, s.to_position::text AS to_pos, s.event_count
       FROM perfledger.seals s ORDER BY s.seal_no`,
  );
  return rows.map((r) => ({
    sealNo: r.seal_no,
    from: { txId: BigInt(r.from_tx), position: BigInt(r.from_pos) },
    to: { txId: BigInt(r.to_tx), position: BigInt(r.to_pos) },
    eventCount: r.event_count,
  }));
}

const cursorGt = (a: { txId: bigint; position: bigint }, b: { txId: bigint; position: bigint }) =>
  a.txId > b.txId || (a.txId === b.txId && a.position > b.position);

/** The seal whose range (from, to] holds the cursor (txId, position). */
async function sealCovering(db: TestDatabase, txId: string, position: string): Promise<SealRow> {
  const at = { txId: BigInt(txId), position: BigInt(position) };
  const seal = (await seals(db)).find((s) => cursorGt(at, s.from) && !cursorGt(at, s.to));
  if (!seal) throw new Error(`no seal covers (${txId}, ${position})`);
  return seal;
}

/**
 * Seal every event, in seals of SEAL_EVERY (the last one partial). The sealer only seals below
 * the cluster-wide xmin, so first wait until no transaction still running anywhere on the server
 * (another test file) is older than our last event: then the seal boundaries are deterministic.
 */
async function sealAll(db: TestDatabase): Promise<void> {
  await waitUntilFinal(db);
  await new Sealer(db.app, { everyEvents: SEAL_EVERY, everySeconds: 1 }).sealDue(true);
  const { rows } = await db.owner.query(
    `SELECT count(*)::int AS n FROM perfledger.events e
      WHERE (e.tx_id, e.global_position) > coalesce(
        (SELECT (s.to_tx_id, s.to_position) FROM perfledger.seals s ORDER BY s.seal_no DESC LIMIT 1), ('0'::xid8, 0::bigint))`,
  );
  expect(rows[0].n).toBe(0);
}

async function waitUntilFinal(db: TestDatabase): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { rows } = await db.owner.query(
      `SELECT coalesce(max(e.tx_id) < pg_catalog.pg_snapshot_xmin(pg_catalog.pg_current_snapshot()), true) AS final
         FROM perfledger.events e`,
    );
    if (rows[0].final) break;
    if (Date.now() > deadline) throw new Error('a long transaction elsewhere on the server holds xmin back');
    await sleep(50);
  }
}

/** A fresh database with the sealed log, verified clean before the test tampers with it. */
async function sealedLog(label: string): Promise<TestDatabase> {
  const db = await createTestDatabase(label);
  try {
    await buildLog(db);
    await sealAll(db);
    const clean = await new Verifier(db.app).verify();
    expect(clean).toMatchObject({ ok: true, streams: 3, events: 14, unsealedTail: 0, firstBroken: null, problems: [] });
    expect(clean.seals).toBe(Math.ceil(14 / SEAL_EVERY));
    return db;
  } catch (error) {
    await db.drop();
    throw error;
  }
}

const sealProblems = (report: VerifyReport) => report.problems.filter((p) => p.streamId === null);
const sealProblem = (sealNo: string, what: RegExp) =>
  expect.objectContaining({ streamId: null, version: null, what: expect.stringMatching(new RegExp(`^seal ${sealNo}: ${what.source}`)) });

describe('Verifier (real PostgreSQL): test 8, tampering is detected', () => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(dbs.map((db) => db.drop()));
  });
  const open = async (label: string) => {
    const db = await sealedLog(label);
    dbs.push(db);
    return db;
  };

  it('a clean log verifies ok, with its seals and the unsealed tail counted', async () => {
    const db = await createTestDatabase('verify_clean');
    dbs.push(db);
    const empty = await new Verifier(db.app).verify();
    expect(empty).toEqual({ ok: true, streams: 0, events: 0, seals: 0, unsealedTail: 0, firstBroken: null, problems: [] });

    await buildLog(db);
    const unsealed = await new Verifier(db.app).verify();
    expect(unsealed).toMatchObject({ ok: true, streams: 3, events: 14, seals: 0, unsealedTail: 14, firstBroken: null });

    await sealAll(db);
    const sealCount = (await seals(db)).length;
    expect(sealCount).toBe(Math.ceil(14 / SEAL_EVERY)); // 4 + 4 + 4 + 2

    // A tail written after the last seal: 1 event on B, 2 on a new stream D.
    const store = new PostgresEventStore(db.app);
    await store.append(B, [testEvent('FigureSet')], { expectedVersion: 5 });
    await store.append('unit-d', testEvents(2, 'UnitCreated'), { expectedVersion: 'no-stream' });

    const report = await new Verifier(db.app, 3).verify(); // a small batch: the chain walk pages across streams
    expect(report).toEqual({ ok: true, streams: 4, events: 17, seals: sealCount, unsealedTail: 3, firstBroken: null, problems: [] });
  });

  it('(a) modified data of an event in the middle of a stream: named by stream, version and position', async () => {
    const db = await open('verify_modified');
    const target = await eventAt(db, A, 3);
    await tamper(db, (c) =>
      c.query(`UPDATE perfledger.events SET data = jsonb_set(data, '{value}', '"957.70"') WHERE stream_id = $1 AND version = 3`, [A]),
    );

    const report = await new Verifier(db.app).verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual<BrokenEvent>({
      streamId: A,
      version: 3,
      position: target.position,
      what: expect.stringMatching(/content does not match its hash/),
    });
    // The stored hashes did not change, so the seals still hold: the chain is what catches this.
    expect(sealProblems(report)).toEqual([]);
    expect(report.problems.every((p) => p.streamId === A)).toBe(true);
  });

  it.each([
    ['metadata', `UPDATE perfledger.events SET metadata = jsonb_set(metadata, '{actor,userId}', '"someone-else"') WHERE stream_id = $1 AND version = $2`],
    ['type', `UPDATE perfledger.events SET type = 'FigureCleared' WHERE stream_id = $1 AND version = $2`],
    ['recorded_at (by one millisecond)', `UPDATE perfledger.events SET recorded_at = recorded_at + interval '1 millisecond' WHERE stream_id = $1 AND version = $2`],
  ])('(a) a modified %s is detected the same way', async (_what, sql) => {
    const db = await open('verify_modified_field');
    const target = await eventAt(db, B, 2);
    await tamper(db, (c) => c.query(sql, [B, 2]));

    const report = await new Verifier(db.app).verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual({ streamId: B, version: 2, position: target.position, what: expect.stringMatching(/content does not match its hash/) });
  });

  it('(a) firstBroken is the earliest altered event even when a long stream that sorts first reports over 100 problems', async () => {
    const db = await createTestDatabase('verify_many_problems');
    dbs.push(db);
    const store = new PostgresEventStore(db.app);
    await store.append('z-early', testEvents(2), { expectedVersion: 'no-stream' }); // lowest positions, checked last
    await store.append('a-long', testEvents(60), { expectedVersion: 'no-stream' });
    const early = await eventAt(db, 'z-early', 1);
    await tamper(db, (c) => c.query(`UPDATE perfledger.events SET data = jsonb_set(data, '{n}', '9') WHERE version = 1`));

    const report = await new Verifier(db.app).verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual<BrokenEvent>({
      streamId: 'z-early',
      version: 1,
      position: early.position,
      what: expect.stringMatching(/content does not match its hash/),
    });
  });

  it('(b) a deleted event in the middle of a stream: the next event is named, and its seal no longer matches', async () => {
    const db = await open('verify_deleted_mid');
    const deleted = await eventAt(db, A, 3);
    const next = await eventAt(db, A, 4);
    const seal = await sealCovering(db, deleted.txId, deleted.position);
    await tamper(db, (c) => c.query(`DELETE FROM perfledger.events WHERE stream_id = $1 AND version = 3`, [A]));

    const report = await new Verifier(db.app).verify();
    expect(report.ok).toBe(false);
    expect(report.events).toBe(13);
    const expected: BrokenEvent = {
      streamId: A,
      version: 4,
      position: next.position,
      what: expect.stringMatching(/version 4 follows version 2: version 3 is missing/),
    };
    expect(report.problems).toContainEqual(expected);
    expect(report.problems).toContainEqual(
      sealProblem(seal.sealNo, new RegExp(`covers ${seal.eventCount} events but ${seal.eventCount - 1} are now in its range \\(events deleted\\)`)),
    );
    // The first problem is the event-level one: the seal's range starts at an innocent event.
    expect(report.firstBroken).toEqual(expected);
  });

  it('(c) the deleted last event of a stream: the stream head disagrees with the events, and its seal no longer matches', async () => {
    const db = await open('verify_deleted_last');
    const deleted = await eventAt(db, A, 6);
    const nowLast = await eventAt(db, A, 5);
    const seal = await sealCovering(db, deleted.txId, deleted.position);
    await tamper(db, (c) => c.query(`DELETE FROM perfledger.events WHERE stream_id = $1 AND version = 6`, [A]));

    const report = await new Verifier(db.app).verify();
    expect(report.ok).toBe(false);
    // The chain that is left is intact: only the stream row (version 6, last_hash of v6) and the seal know.
    const expected: BrokenEvent = {
      streamId: A,
      version: 5,
      position: nowLast.position,
      what: expect.stringMatching(/stream is at version 6 but its last event is version 5/),
    };
    expect(report.problems).toContainEqual(expected);
    expect(report.problems).toContainEqual(sealProblem(seal.sealNo, /covers \d+ events but \d+ are now in its range \(events deleted\)/));
    expect(report.firstBroken).toEqual(expected);
  });

  it('(d) an event naively inserted at the end of a stream with a bogus hash', async () => {
    const db = await open('verify_inserted');
    const forged = testEvent('FigureSet', { path: 'basic.budget.full', value: '1.00' });
    let position = '';
    await tamper(db, async (c) => {
      const { rows } = await c.query(
        `INSERT INTO perfledger.events (stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
         VALUES ($1, 6, $2, $3, 1, $4, $5, now(), $6, $7) RETURNING global_position::text AS position`,
        [B, forged.eventId, forged.type, forged.data, forged.metadata, randomBytes(32), randomBytes(32)],
      );
      position = rows[0].position;
    });

    const report = await new Verifier(db.app).verify();
    expect(report.ok).toBe(false);
    expect(report.unsealedTail).toBe(1); // written after the last seal: only the chain and the stream head see it
    expect(report.firstBroken).toEqual<BrokenEvent>({
      streamId: B,
      version: 6,
      position,
      what: expect.stringMatching(/prev_hash does not match the hash of the event before it/),
    });
    expect(report.problems).toContainEqual({ streamId: B, version: 6, position, what: expect.stringMatching(/content does not match its hash/) });
    expect(report.problems).toContainEqual({
      streamId: B,
      version: 6,
      position,
      what: expect.stringMatching(/stream is at version 5 but its last event is version 6/),
    });
    expect(sealProblems(report)).toEqual([]);
  });

  it('(e) a forged insertion that keeps the stream chain valid, backdated into a sealed range: only the seal catches it', async () => {
    const db = await open('verify_forged');
    const anchor = await eventAt(db, C, 1); // the forger reuses this event's transaction id (and time)
    const seal = await sealCovering(db, anchor.txId, anchor.position);
    expect(BigInt(anchor.txId)).toBeLessThan(seal.to.txId); // so (anchor tx, any new position) lies inside the seal
    const last = await eventAt(db, C, 3);

    const forged = testEvent('UnitRenamed', { name: '伪造' });
    const fields = {
      streamId: C,
      version: 4,
      eventId: forged.eventId,
      type: forged.type,
      schemaVersion: 1,
      data: forged.data,
      metadata: forged.metadata,
      recordedAt: anchor.recordedAt,
    };
    const hash = eventHash(last.hash, fields);
    let position = '';
    await tamper(db, async (c) => {
      const { rows } = await c.query(
        `INSERT INTO perfledger.events (tx_id, stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
         VALUES ($1::xid8, $2, 4, $3, $4, 1, $5, $6, $7, $8, $9) RETURNING global_position::text AS position`,
        [anchor.txId, C, forged.eventId, forged.type, forged.data, forged.metadata, anchor.recordedAt, last.hash, hash],
      );
      position = rows[0].position;
      await c.query(`UPDATE perfledger.streams SET version = 4, last_hash = $2 WHERE stream_id = $1`, [C, hash]);
    });
    expect(await sealCovering(db, anchor.txId, position)).toEqual(seal);

    const report = await new Verifier(db.app).verify();
    expect(report.ok).toBe(false);
    expect(report.events).toBe(15);
    expect(report.unsealedTail).toBe(0); // it hides among sealed events
    // Chain and stream head are consistent: no problem names an event.
    expect(report.problems.filter((p) => p.streamId !== null)).toEqual([]);
    expect(report.problems).toContainEqual(sealProblem(seal.sealNo, /root does not match the events in its range/));
    expect(report.firstBroken).toEqual(
      sealProblem(seal.sealNo, new RegExp(`covers ${seal.eventCount} events but ${seal.eventCount + 1} are now in its range \\(events inserted\\)`)),
    );
  });

  it('(f) two events with their versions swapped: named at the earlier position', async () => {
    const db = await open('verify_swapped');
    const v2 = await eventAt(db, A, 2);
    const v4 = await eventAt(db, A, 4);
    await tamper(db, async (c) => {
      await c.query(`UPDATE perfledger.events SET version = 1000 WHERE stream_id = $1 AND version = 2`, [A]);
      await c.query(`UPDATE perfledger.events SET version = 2 WHERE stream_id = $1 AND version = 4`, [A]);
      await c.query(`UPDATE perfledger.events SET version = 4 WHERE stream_id = $1 AND version = 1000`, [A]);
    });

    const report = await new Verifier(db.app).verify();
    expect(report.ok).toBe(false);
    // The event first written as version 2 (the lower position) now claims version 4, and vice versa.
    expect(report.firstBroken).toEqual<BrokenEvent>({
      streamId: A,
      version: 4,
      position: v2.position,
      what: expect.stringMatching(/prev_hash does not match the hash of the event before it \(an event was removed, inserted or reordered\)/),
    });
    expect(report.problems).toContainEqual({ streamId: A, version: 2, position: v4.position, what: expect.stringMatching(/prev_hash does not match/) });
  });

  it('(g) a stream whose data was changed and whose whole hash chain was recomputed consistently: only the seal catches it', async () => {
    const db = await open('verify_rechained');
    const stream = (await events(db)).filter((e) => e.streamId === A).sort((x, y) => x.version - y.version);
    const changed = stream[2]; // version 3
    const seal = await sealCovering(db, changed.txId, changed.position);

    await tamper(db, async (c) => {
      let prev = stream[1].hash;
      for (const e of stream.slice(2)) {
        const data = e.version === 3 ? { ...e.data, value: '957.70' } : e.data;
        const hash = eventHash(prev, { ...e, data });
        await c.query(`UPDATE perfledger.events SET data = $3, prev_hash = $4, hash = $5 WHERE stream_id = $1 AND version = $2`, [
          A,
          e.version,
          data,
          prev,
          hash,
        ]);
        prev = hash;
      }
      await c.query(`UPDATE perfledger.streams SET last_hash = $2 WHERE stream_id = $1`, [A, prev]);
    });
    expect((await eventAt(db, A, 3)).data.value).toBe('957.70');

    const report = await new Verifier(db.app).verify();
    expect(report.ok).toBe(false);
    expect(report.problems.filter((p) => p.streamId !== null)).toEqual([]); // the rewritten chain itself is valid
    expect(report.firstBroken).toEqual(sealProblem(seal.sealNo, /root does not match the events in its range/));
    // Every seal over a rewritten hash breaks; none of them lost or gained an event.
    expect(report.problems.every((p) => /root does not match/.test(p.what))).toBe(true);
  });

  it('the session time zone changes nothing: appended, sealed and verified under Asia/Shanghai, verified elsewhere', async () => {
    const db = await createTestDatabase('verify_timezone');
    dbs.push(db);
    const store = new PostgresEventStore(db.app);
    const shanghai = await db.app.connect();
    const stJohns = await db.app.connect(); // UTC-03:30: a half-hour offset
    const processTz = process.env.TZ;
    try {
      await shanghai.query(`SET TimeZone = 'Asia/Shanghai'`);
      await stJohns.query(`SET TimeZone = 'America/St_Johns'`);
      expect((await shanghai.query(`SHOW TimeZone`)).rows[0].TimeZone).toBe('Asia/Shanghai');

      await buildLog(db); // through the pool (UTC)
      await store.append(C, testEvents(2, 'UnitRenamed'), { expectedVersion: 3, client: shanghai });
      await store.append('unit-sh', testEvents(3, 'UnitCreated'), { expectedVersion: 'no-stream', client: shanghai });
      await store.append('unit-nl', testEvents(1, 'UnitCreated'), { expectedVersion: 'no-stream', client: stJohns });
      // The session really renders times in its zone…
      const { rows } = await shanghai.query(`SELECT e.recorded_at::text AS t FROM perfledger.events e WHERE e.stream_id = 'unit-sh' LIMIT 1`);
      expect(rows[0].t).toMatch(/\+08$/);
      // …and the sealer running there seals.
      await waitUntilFinal(db);
      await new Sealer(shanghai, { everyEvents: SEAL_EVERY, everySeconds: 1 }).sealDue(true);

      const expected = { ok: true, streams: 5, events: 20, firstBroken: null, problems: [] };
      const inShanghai = await new Verifier(shanghai).verify();
      expect(inShanghai).toMatchObject(expected);
      expect(inShanghai).toMatchObject({ seals: Math.ceil(20 / SEAL_EVERY), unsealedTail: 0 });
      expect(await new Verifier(stJohns).verify()).toEqual(inShanghai);
      expect(await new Verifier(db.app).verify()).toEqual(inShanghai);
      process.env.TZ = 'Asia/Shanghai'; // the verifying process's own zone does not matter either
      expect(await new Verifier(stJohns).verify()).toEqual(inShanghai);
    } finally {
      if (processTz === undefined) delete process.env.TZ;
      else process.env.TZ = processTz;
      await shanghai.query(`RESET TimeZone`).catch(() => undefined);
      await stJohns.query(`RESET TimeZone`).catch(() => undefined);
      shanghai.release(true);
      stJohns.release(true);
    }
  });
});
