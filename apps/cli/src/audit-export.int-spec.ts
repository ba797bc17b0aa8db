import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PoolClient } from 'pg';
import { eventHash, PostgresEventStore, Verifier } from '@app/event-store';
import { createTestDatabase, tamper, TestDatabase } from '../../../test/support/test-database';
import { sleep, testEvents } from '../../../test/support/events';
import { cli } from '../../../test/support/cli';

/**
 * The audit package: `perfledger export-audit` writes it, `node tools/verify-audit.js` (a real child process,
 * no database) checks it. A log built with real commands (two counties, a round, the Hengshan import, edits,
 * seals of 40 events, an unsealed tail); each tamper edits a copy of the export and must be named by line,
 * stream and version. The database tamper runs last: it breaks the log for good.
 */
jest.setTimeout(120_000);

const ROOT = join(__dirname, '../../..');
const VERIFIER = join(ROOT, 'tools/verify-audit.js');
const FIXTURE = join(ROOT, 'test/fixtures/hengshan-2023-self-evaluation.txt');
const COUNTY = '430423';
const OTHER = '430424';
const SEAL_EVERY = 40;

let db: TestDatabase;
let dir: string;
let fullExport: string;
let printedRoot: string;
const saved = { ...process.env };

interface Verified {
  code: number | null;
  stdout: string;
  stderr: string;
  body: any;
}

/** `node tools/verify-audit.js <file> [args…] --json` as its own process. */
function verifyAudit(file: string, ...args: string[]): Promise<Verified> {
  return new Promise((resolve) => {
    execFile(process.execPath, [VERIFIER, file, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: number }).code ?? null) : 0;
      let body: any = null;
      try {
        body = args.includes('--json') ? JSON.parse(stdout) : null;
      } catch {
        body = null;
      }
      resolve({ code: typeof code === 'number' ? code : null, stdout, stderr, body });
    });
  });
}
const verifyJson = (file: string, ...args: string[]) => verifyAudit(file, ...args, '--json');

const readLines = (file: string) => readFileSync(file, 'utf8').replace(/\n$/, '').split('\n');
let copies = 0;
function writeCopy(lines: string[]): string {
  const file = join(dir, `tampered-${++copies}.jsonl`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
const parse = (lines: string[]) => lines.map((l) => JSON.parse(l));
const cursorKey = (x: { txId: string; position: string }) => [BigInt(x.txId), BigInt(x.position)] as const;
const after = (a: { txId: string; position: string }, b: { txId: string; position: string }) => {
  const [at, ap] = cursorKey(a);
  const [bt, bp] = cursorKey(b);
  return at > bt || (at === bt && ap > bp);
};
/** Index of the seal line whose range (from, to] holds the event. */
function sealIndexCovering(objs: any[], event: any): number {
  const i = objs.findIndex((o) => o.kind === 'seal' && after(event, o.from) && !after(event, o.to));
  if (i < 0) throw new Error(`no seal covers ${event.streamId} v${event.version}`);
  return i;
}

async function waitUntilFinal(pool: TestDatabase['owner']): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { rows } = await pool.query(
      `SELECT coalesce(max(e.tx_id) < pg_catalog.pg_snapshot_xmin(pg_catalog.pg_current_snapshot()), true) AS final FROM perfledger.events e`,
    );
    if (rows[0].final) return;
    if (Date.now() > deadline) throw new Error('a long transaction elsewhere on the server holds xmin back');
    await sleep(50);
  }
}

async function ok(...args: string[]): Promise<string> {
  const r = await cli(...args);
  if (r.code !== 0) throw new Error(`perfledger ${args.join(' ')} failed (${r.code}): ${r.stdout}${r.stderr}`);
  return r.stdout;
}

async function exportTo(name: string, ...args: string[]): Promise<{ file: string; summary: any }> {
  const file = join(dir, name);
  const r = await cli('export-audit', file, ...args, '--json');
  if (r.code !== 0) throw new Error(`export-audit failed (${r.code}): ${r.stdout}${r.stderr}`);
  return { file, summary: JSON.parse(r.stdout) };
}

const tamperDb = (work: (client: PoolClient) => Promise<unknown>) => tamper(db, work);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perfledger-audit-'));
  db = await createTestDatabase('cli_audit_export');
  process.env.DATABASE_URL = db.url;
  process.env.PERFLEDGER_COUNTY = COUNTY;
  process.env.SEAL_EVERY_EVENTS = String(SEAL_EVERY);
  await ok('county', 'add', COUNTY, '衡山县');
  await ok('county', 'add', OTHER, '衡东县');
  await ok('round', 'open', '2023', '--deadline', '2024-06-30');
  await ok('import', FIXTURE);
  await ok('unit', 'add', 'hd01', '衡东县财政局', '--county', OTHER);
  await ok('set', 'hd01', '2023', 'overall.budget.initial', '10.00', '--county', OTHER, '--reason', '录入');
  await ok('set', 'U0001', '2023', 'overall.funds.generalPublic', '208.38', '--reason', '更正');
  await ok('set', 'U0001', '2023', 'overall.total.score', '108', '--reason', '更正总分');
  await waitUntilFinal(db.owner);
  await ok('seal');
  printedRoot = (await ok('seal', '--print')).trim().split('\n').pop()!.trim();
  // An unsealed tail: two changes after the last seal.
  await ok('set', 'U0001', '2023', 'overall.funds.generalPublic', '208.37', '--reason', '还原');
  await ok('set', 'hd01', '2023', 'overall.budget.initial', '11.00', '--county', OTHER, '--reason', '更正');
  fullExport = (await exportTo('full.jsonl')).file;
});
afterAll(async () => {
  process.env = saved;
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('perfledger export-audit + tools/verify-audit.js', () => {
  it('the untouched export verifies, with the database\'s counts, and its latest seal is the printed root', async () => {
    expect(printedRoot).toMatch(/^[0-9a-f]{64}$/);
    const dbCounts = (
      await db.owner.query(
        `SELECT (SELECT count(*)::int FROM perfledger.events) AS events, (SELECT count(DISTINCT stream_id)::int FROM perfledger.events) AS streams,
                (SELECT count(*)::int FROM perfledger.seals) AS seals`,
      )
    ).rows[0];
    const dbReport = await new Verifier(db.app).verify();
    expect(dbReport.ok).toBe(true);
    expect(dbCounts.seals).toBeGreaterThanOrEqual(5);
    expect(dbReport.unsealedTail).toBeGreaterThanOrEqual(2);

    const r = await verifyJson(fullExport);
    expect(r.code).toBe(0);
    expect(r.body).toMatchObject({
      ok: true,
      scope: 'full',
      sealsChecked: true,
      events: dbCounts.events,
      streams: dbCounts.streams,
      seals: dbCounts.seals,
      unsealedTail: dbReport.unsealedTail,
      lastSeal: { sealNo: String(dbCounts.seals), root: printedRoot },
      firstBroken: null,
      problems: [],
    });

    // The file: a header, the events in cursor order, the seals, a trailer with the same counts.
    const objs = parse(readLines(fullExport));
    expect(objs[0]).toMatchObject({ kind: 'header', format: 'perfledger-audit/1', scope: { kind: 'full' } });
    expect(objs.filter((o) => o.kind === 'event')).toHaveLength(dbCounts.events);
    expect(objs[objs.length - 1]).toEqual({ kind: 'trailer', streams: dbCounts.streams, events: dbCounts.events, seals: dbCounts.seals, unsealedTail: dbReport.unsealedTail });
    expect(typeof objs[1].txId).toBe('string');
    expect(typeof objs[1].position).toBe('string');

    const text = await verifyAudit(fullExport);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/审计包校验通过 \(the audit package verifies\)/);
  });

  it('rejects a changed value in an event\'s data: "hash mismatch" on its line, stream and version', async () => {
    const lines = readLines(fullExport);
    const objs = parse(lines);
    const i = objs.findIndex((o) => o.kind === 'event' && o.type === 'FundsRecorded' && o.data.category === 'generalPublic');
    expect(i).toBeGreaterThan(0);
    const target = objs[i];
    lines[i] = JSON.stringify({ ...target, data: { ...target.data, amount: '2083.70' } });

    const r = await verifyJson(writeCopy(lines));
    expect(r.code).toBe(1);
    expect(r.body.firstBroken).toMatchObject({ line: i + 1, streamId: target.streamId, version: target.version, position: target.position, what: 'hash mismatch' });
    expect(r.body.firstBroken.message).toMatch(/^哈希不符：/);
    // The stored hashes are untouched, so the chain still links and the seals still fold: only the hash says it.
    expect(r.body.problems).toHaveLength(1);
  });

  it('rejects a removed event line: "version gap" at the next version of its stream', async () => {
    const lines = readLines(fullExport);
    const objs = parse(lines);
    const i = objs.findIndex((o) => o.kind === 'event' && o.streamId.startsWith(`filing-${COUNTY}-`) && o.version === 10);
    const removed = objs[i];
    lines.splice(i, 1);
    const edited = parse(lines);
    const nextLine = edited.findIndex((o) => o.kind === 'event' && o.streamId === removed.streamId && o.version === 11) + 1;

    const r = await verifyJson(writeCopy(lines));
    expect(r.code).toBe(1);
    expect(r.body.firstBroken).toMatchObject({ line: nextLine, streamId: removed.streamId, version: 11, what: 'version gap' });
    expect(r.body.firstBroken.detail).toMatch(/version 10 is missing/);
    // The seal over its range no longer folds either.
    expect(r.body.problems.map((p: any) => p.what)).toContain('seal root mismatch');
  });

  it('rejects an inserted event with a self-consistent hash of its own: its seal\'s count and root; a plain copy is named at its line', async () => {
    const lines = readLines(fullExport);
    const objs = parse(lines);
    const i = objs.findIndex((o) => o.kind === 'event' && o.streamId === `county-${OTHER}`);
    const head = objs[i];
    expect(head.version).toBe(1);
    expect(objs.some((o) => o.kind === 'event' && o.streamId === head.streamId && o.version === 2)).toBe(false);
    expect(BigInt(objs[i + 1].txId)).toBeGreaterThan(BigInt(head.txId)); // room in cursor order right after it
    const fields = {
      streamId: head.streamId,
      version: 2,
      eventId: randomUUID(),
      type: 'CountyRenamed',
      schemaVersion: 1,
      data: { from: '衡东县', to: '伪造县' },
      metadata: head.metadata,
      recordedAt: head.recordedAt,
    };
    const forged = {
      kind: 'event',
      txId: head.txId,
      position: String(BigInt(head.position) + 1n),
      ...fields,
      prevHash: head.hash,
      hash: eventHash(Buffer.from(head.hash, 'hex'), fields).toString('hex'),
    };
    const forgedLines = [...lines];
    forgedLines.splice(i + 1, 0, JSON.stringify(forged));
    const trailer = JSON.parse(forgedLines[forgedLines.length - 1]);
    forgedLines[forgedLines.length - 1] = JSON.stringify({ ...trailer, events: trailer.events + 1 }); // the forger fixes the counts too
    const sealLine = sealIndexCovering(parse(forgedLines), forged) + 1;
    const sealNo = parse(forgedLines)[sealLine - 1].sealNo;

    const r = await verifyJson(writeCopy(forgedLines));
    expect(r.code).toBe(1);
    expect(r.body.problems).toHaveLength(1); // hash, chain and order all hold: only the seal sees it
    expect(r.body.firstBroken).toMatchObject({ line: sealLine, streamId: null, version: null, what: 'seal root mismatch' });
    expect(r.body.firstBroken.detail).toMatch(new RegExp(`^seal ${sealNo} covers ${SEAL_EVERY} events, the export holds ${SEAL_EVERY + 1} in its range`));

    // A plain copy of an event line, put right after it.
    const copied = [...lines];
    copied.splice(i + 1, 0, lines[i]);
    const c = await verifyJson(writeCopy(copied));
    expect(c.code).toBe(1);
    expect(c.body.firstBroken).toMatchObject({ line: i + 2, streamId: head.streamId, version: 1, what: 'out of order' });
    expect(c.body.problems.map((p: any) => p.what)).toEqual(expect.arrayContaining(['version repeated', 'seal root mismatch', 'count mismatch']));
  });

  it('rejects two event lines swapped: "out of order" on the second, even within one stream where the chain alone would not tell', async () => {
    const lines = readLines(fullExport);
    const objs = parse(lines);
    const i = objs.findIndex(
      (o, k) => o.kind === 'event' && objs[k + 1]?.kind === 'event' && objs[k + 1].streamId === o.streamId && objs[k + 1].txId === o.txId && o.version > 20,
    );
    expect(i).toBeGreaterThan(0);
    const [a, b] = [objs[i], objs[i + 1]];
    [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];

    const r = await verifyJson(writeCopy(lines));
    expect(r.code).toBe(1);
    expect(r.body.firstBroken).toMatchObject({ line: i + 2, streamId: a.streamId, version: a.version, position: a.position, what: 'out of order' });
    expect(b.version).toBe(a.version + 1);

    // Two streams' lines swapped: no chain is affected, the cursor order (and the seal) is.
    const other = readLines(fullExport);
    const j = objs.findIndex((o, k) => o.kind === 'event' && objs[k + 1]?.kind === 'event' && objs[k + 1].streamId !== o.streamId);
    [other[j], other[j + 1]] = [other[j + 1], other[j]];
    const x = await verifyJson(writeCopy(other));
    expect(x.code).toBe(1);
    expect(x.body.firstBroken).toMatchObject({ line: j + 2, streamId: objs[j].streamId, version: objs[j].version, what: 'out of order' });
    expect(x.body.problems.map((p: any) => p.what)).toEqual(['out of order', 'seal root mismatch']);
  });

  it('rejects a changed seal root: "seal root mismatch" on that seal\'s line, and the next seal no longer chains', async () => {
    const lines = readLines(fullExport);
    const objs = parse(lines);
    const i = objs.findIndex((o) => o.kind === 'seal' && o.sealNo === '2');
    const seal = objs[i];
    lines[i] = JSON.stringify({ ...seal, root: seal.root.replace(/^./, (ch: string) => (ch === '0' ? '1' : '0')) });

    const r = await verifyJson(writeCopy(lines));
    expect(r.code).toBe(1);
    expect(r.body.firstBroken).toMatchObject({ line: i + 1, streamId: null, version: null, what: 'seal root mismatch' });
    expect(r.body.firstBroken.detail).toMatch(/^seal 2: /);
    expect(r.body.problems[1]).toMatchObject({ line: i + 2, what: 'seal chain broken' });
  });

  it('--root: accepts the root `seal --print` printed, rejects any other; --seal <n> checks an earlier seal', async () => {
    const right = await verifyJson(fullExport, '--root', printedRoot);
    expect(right.code).toBe(0);
    expect(right.body.root).toEqual({ sealNo: right.body.lastSeal.sealNo, published: printedRoot, matches: true });

    const wrongRoot = printedRoot.replace(/.$/, (ch) => (ch === 'a' ? 'b' : 'a'));
    const wrong = await verifyJson(fullExport, '--root', wrongRoot);
    expect(wrong.code).toBe(1);
    expect(wrong.body.firstBroken).toMatchObject({ line: right.body.lastSeal.line, what: 'root differs from the published one' });
    expect(wrong.body.problems).toHaveLength(1);
    const text = await verifyAudit(fullExport, '--root', wrongRoot);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/与公布的封存根不一致/);

    const seal1 = (await db.owner.query(`SELECT encode(root, 'hex') AS root FROM perfledger.seals WHERE seal_no = 1`)).rows[0].root;
    expect((await verifyJson(fullExport, '--root', seal1, '--seal', '1')).code).toBe(0);
    expect((await verifyJson(fullExport, '--root', printedRoot, '--seal', '1')).code).toBe(1);
    const missing = await verifyJson(fullExport, '--root', printedRoot, '--seal', '999');
    expect(missing.code).toBe(1);
    expect(missing.body.firstBroken.what).toBe('published seal not in the export');
  });

  it('exit 2 on usage errors and on files that cannot be read or are not audit packages', async () => {
    expect((await verifyAudit('--json')).code).toBe(2);
    expect((await verifyJson(join(dir, 'no-such-file.jsonl'))).body.error.code).toBe('unreadable');
    expect((await verifyJson(join(dir, 'no-such-file.jsonl'))).code).toBe(2);
    expect((await verifyJson(FIXTURE)).code).toBe(2);
    expect((await verifyJson(fullExport, '--root', 'abc')).code).toBe(2);
    expect((await verifyJson(fullExport, '--seal', '1')).code).toBe(2);
    const usage = await verifyAudit(FIXTURE);
    expect(usage.stderr).toMatch(/不是绩效账本审计包/);
    const unwritable = await cli('export-audit', join(dir, 'no-such-dir', 'x.jsonl'), '--json');
    expect(unwritable.code).toBe(2);
    expect(JSON.parse(unwritable.stdout).error.code).toBe('export-file-unwritable');
  });

  it('--county: the county\'s streams and every template, each whole; chains verify, seals listed but not checkable', async () => {
    const { file, summary } = await exportTo('county.jsonl', '--county', COUNTY);
    const objs = parse(readLines(file));
    const streamIds = new Set(objs.filter((o) => o.kind === 'event').map((o) => o.streamId as string));
    const expected = (
      await db.owner.query(
        `SELECT DISTINCT stream_id FROM perfledger.events
          WHERE stream_id = $1 OR stream_id LIKE ANY ($2::text[])`,
        [`county-${COUNTY}`, [`unit-${COUNTY}-%`, `filing-${COUNTY}-%`, `findings-${COUNTY}-%`, `round-${COUNTY}-%`, 'template-%']],
      )
    ).rows.map((r) => r.stream_id as string);
    expect([...streamIds].sort()).toEqual(expected.sort());
    expect([...streamIds].some((s) => s.startsWith('template-'))).toBe(true);
    expect([...streamIds].filter((s) => s.includes(OTHER))).toEqual([]);
    const dbEvents = (await db.owner.query(`SELECT count(*)::int AS n FROM perfledger.events WHERE stream_id = ANY ($1::text[])`, [expected])).rows[0].n;
    expect(summary).toMatchObject({ events: dbEvents, streams: expected.length, scope: { kind: 'county', county: COUNTY } });
    expect(objs.filter((o) => o.kind === 'seal')).toHaveLength(summary.seals);

    const r = await verifyJson(file);
    expect(r.code).toBe(0);
    expect(r.body).toMatchObject({ ok: true, scope: { county: COUNTY }, sealsChecked: false, events: dbEvents, streams: expected.length, seals: summary.seals });
    expect((await verifyAudit(file)).stdout).toMatch(/not checkable without the full log/);

    // Its chains are checked all the same.
    const lines = readLines(file);
    const i = objs.findIndex((o) => o.kind === 'event' && o.type === 'FundsRecorded');
    lines[i] = JSON.stringify({ ...objs[i], data: { ...objs[i].data, amount: '1.00' } });
    const bad = await verifyJson(writeCopy(lines));
    expect(bad.code).toBe(1);
    expect(bad.body.firstBroken).toMatchObject({ line: i + 1, streamId: objs[i].streamId, version: objs[i].version, what: 'hash mismatch' });

    // Another county's stream slipped into it is outside its scope.
    const other = parse(readLines(fullExport)).find((o) => o.kind === 'event' && o.streamId === `county-${OTHER}`);
    const withOther = readLines(file);
    const at = parse(withOther).findIndex((o) => o.kind === 'event' && after(o, other));
    withOther.splice(at, 0, JSON.stringify(other));
    const trailer = JSON.parse(withOther[withOther.length - 1]);
    withOther[withOther.length - 1] = JSON.stringify({ ...trailer, events: trailer.events + 1, streams: trailer.streams + 1 });
    const scoped = await verifyJson(writeCopy(withOther));
    expect(scoped.code).toBe(1);
    expect(scoped.body.firstBroken).toMatchObject({ line: at + 1, streamId: `county-${OTHER}`, what: "outside the export's scope" });

    const unknown = await cli('export-audit', join(dir, 'none.jsonl'), '--county', '439999', '--json');
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout).error.code).toBe('county-not-found');
  });

  it('a tampered DATABASE (an event\'s data updated by the superuser), exported again, fails on that event', async () => {
    const { rows } = await db.owner.query(
      `SELECT e.stream_id, e.version::int AS version, e.event_id::text AS event_id, e.global_position::text AS position
         FROM perfledger.events e WHERE e.type = 'SpendingRecorded' AND e.stream_id LIKE 'filing-%' ORDER BY e.version LIMIT 1`,
    );
    const target = rows[0];
    await tamperDb((c) =>
      c.query(`UPDATE perfledger.events SET data = jsonb_set(data, '{executed}', '"999.99"') WHERE stream_id = $1 AND version = $2`, [target.stream_id, target.version]),
    );
    const { file } = await exportTo('tampered-db.jsonl');
    const line = parse(readLines(file)).findIndex((o) => o.eventId === target.event_id) + 1;

    const r = await verifyJson(file);
    expect(r.code).toBe(1);
    expect(r.body.firstBroken).toMatchObject({ line, streamId: target.stream_id, version: target.version, position: target.position, what: 'hash mismatch' });
  });
});

describe('a stream whose versions are out of cursor order (a transaction that waited for its lock)', () => {
  it('verifies: a later version written by an older transaction precedes the earlier one in the export', async () => {
    const db2 = await createTestDatabase('cli_audit_interleaved');
    try {
      process.env.DATABASE_URL = db2.url;
      const store = new PostgresEventStore(db2.app);
      const S = `unit-${COUNTY}-s`;
      await store.append(S, testEvents(2), { expectedVersion: 'no-stream' });
      const older = await db2.app.connect();
      try {
        await older.query('BEGIN');
        await store.append(`unit-${COUNTY}-t`, testEvents(1), { expectedVersion: 'no-stream', client: older }); // takes its xid now
        await store.append(S, testEvents(1), { expectedVersion: 2 }); // a younger transaction: version 3
        await store.append(S, testEvents(1), { expectedVersion: 3, client: older }); // version 4, the older xid
        await older.query('COMMIT');
      } finally {
        older.release();
      }
      await waitUntilFinal(db2.owner);
      await ok('seal');
      const { file } = await exportTo('interleaved.jsonl');
      const versions = parse(readLines(file)).filter((o) => o.streamId === S).map((o) => o.version);
      expect(versions).toEqual([1, 2, 4, 3]);

      const r = await verifyJson(file);
      expect(r.code).toBe(0);
      expect(r.body).toMatchObject({ ok: true, streams: 2, events: 5 });
      expect((await new Verifier(db2.app).verify()).ok).toBe(true);

      // Inside ONE transaction versions follow positions: version 4 given version 3's transaction (and a position
      // just before it, so the cursor order still holds) is caught when version 3 arrives.
      const lines = readLines(file);
      const objs = parse(lines);
      const v4 = objs.findIndex((o) => o.streamId === S && o.version === 4);
      const v3 = objs.findIndex((o) => o.streamId === S && o.version === 3);
      lines[v4] = JSON.stringify({ ...objs[v4], txId: objs[v3].txId, position: String(BigInt(objs[v3].position) - 1n) });
      const same = await verifyJson(writeCopy(lines));
      expect(same.code).toBe(1);
      expect(same.body.firstBroken).toMatchObject({ line: v3 + 1, streamId: S, version: 3, what: 'out of order' });
      expect(same.body.firstBroken.detail).toMatch(/comes after version 4 .* of the same or a later transaction/);
    } finally {
      process.env.DATABASE_URL = db.url;
      await db2.drop();
    }
  });
});
