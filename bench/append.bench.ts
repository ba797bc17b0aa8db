/**
 * Append / replay benchmark for the PostgreSQL event store (`npm run bench:append`).
 *
 * One run, one PostgreSQL, one row shape, one client concurrency (8 writers, each on its own
 * streams, every append in autocommit):
 *   - our append, 1 event per append (appends/s) and 10 events per append (events/s);
 *   - the same workloads through Emmett 0.42 (@event-driven-io/emmett-postgresql), in its own
 *     database, given a pg.Pool of the same size;
 *   - a raw INSERT of the same rows into a plain table of the same shape (no lock, no version
 *     or idempotency check, no hashing: the ceiling);
 *   - catch-up read of 1,000,000 events through `readAll` and the (tx_id, position) cursor.
 *
 * Workloads are interleaved over several rounds (ours, Emmett, raw, …) so background load on
 * the machine hits them alike; each figure is the median of its rounds.
 *
 * Options: --json (the figures as one JSON object on the last line of stdout), --quick (smoke
 * run: one short round, replay over 100k events), --rounds N, --seconds S (per round and
 * workload), --replay-events N, --replay-batch N, --keep (do not drop the databases).
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/perfledger_bench) must name a
 * database whose name contains "bench": it is dropped and recreated, as is <name>_emmett.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client, Pool, types as pgTypes } from 'pg';
import { getPostgreSQLEventStore, type PostgresEventStore as EmmettEventStore } from '@event-driven-io/emmett-postgresql';
import { createPool, Cursor, NewEvent, PostgresEventStore, START_CURSOR } from '@app/event-store';
import { runMigrations } from '../libs/shared/src/database/run-migrations';
import { MIGRATIONS } from '../migrations';

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  json: boolean;
  quick: boolean;
  keep: boolean;
  rounds: number;
  measureMs: number;
  warmupMs: number;
  replayEvents: number;
  replayBatch: number;
  writers: number;
  benchUrl: string;
  emmettUrl: string;
}

function parseOptions(argv: string[]): Options {
  const has = (flag: string) => argv.includes(flag);
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const whole = (flag: string, fallback: number, min: number): number => {
    const raw = value(flag);
    if (raw === undefined) return fallback;
    if (!/^\d{1,9}$/.test(raw) || Number(raw) < min) throw new Error(`${flag} needs a whole number ≥ ${min}, got ${raw}`);
    return Number(raw);
  };
  const known = new Set(['--json', '--quick', '--keep', '--rounds', '--seconds', '--replay-events', '--replay-batch']);
  argv.forEach((arg, i) => {
    const previous = argv[i - 1];
    const isValue = previous !== undefined && ['--rounds', '--seconds', '--replay-events', '--replay-batch'].includes(previous);
    if (!isValue && !known.has(arg)) throw new Error(`unknown option ${arg}`);
  });
  const quick = has('--quick');
  const benchUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/perfledger_bench';
  const benchDb = databaseName(benchUrl);
  if (!/bench/i.test(benchDb)) {
    throw new Error(`Refusing to use database "${benchDb}": the benchmark drops it, so its name must contain "bench"`);
  }
  return {
    json: has('--json'),
    quick,
    keep: has('--keep'),
    rounds: whole('--rounds', quick ? 1 : 3, 1),
    measureMs: whole('--seconds', quick ? 1 : 4, 1) * 1000,
    warmupMs: quick ? 300 : 1000,
    replayEvents: whole('--replay-events', quick ? 100_000 : 1_000_000, 1),
    replayBatch: whole('--replay-batch', 5_000, 1),
    writers: 8,
    benchUrl,
    emmettUrl: withDatabase(benchUrl, `${benchDb}_emmett`),
  };
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

// ---------------------------------------------------------------------------------------------
// Output

let jsonMode = false;
/** Progress goes to stderr, so `--json` leaves stdout to the figures. */
const progress = (line: string) => process.stderr.write(`${line}\n`);
const out = (line = '') => {
  if (!jsonMode) process.stdout.write(`${line}\n`);
};
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtRatio = (r: number | null) => (r === null ? 'n/a' : `${r.toFixed(2)}×`);

// ---------------------------------------------------------------------------------------------
// The event every workload writes: the same data and metadata for ours, Emmett's and the raw table.

const EVENT_TYPE = 'IndicatorValueRecorded';
const PATHS = ['overall.budget.executed', 'overall.budget.planned', 'output.quantity.actual', 'effect.satisfaction.rate'];

interface BenchEvent {
  eventId: string;
  data: { unitId: string; path: string; value: string };
  metadata: {
    actor: { userId: string; role: string; unitId: string };
    reason: string;
    source: 'api';
    correlationId: string;
  };
}

let eventCounter = 0;
function benchEvent(unitId: string): BenchEvent {
  eventCounter += 1;
  const cents = (eventCounter * 7919) % 10_000_000; // whole cents, no floats
  return {
    eventId: randomUUID(),
    data: {
      unitId,
      path: PATHS[eventCounter % PATHS.length],
      value: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
    },
    metadata: {
      actor: { userId: `user-${unitId.slice(0, 8)}`, role: 'filer', unitId },
      reason: 'monthly self-evaluation update',
      source: 'api',
      correlationId: randomUUID(),
    },
  };
}

const toNewEvent = (e: BenchEvent): NewEvent => ({ eventId: e.eventId, type: EVENT_TYPE, data: e.data, metadata: e.metadata });

/** Each writer owns its streams; a stream takes STREAM_LENGTH events, then the writer opens a new one. */
const STREAM_LENGTH = 100;

interface Writer {
  index: number;
  streamId: string;
  unitId: string;
  version: number;
}

let streamCounter = 0;
function nextStream(w: Writer, label: string): void {
  streamCounter += 1;
  w.unitId = randomUUID();
  // Emmett takes the part before the first '-' as the stream type.
  w.streamId = `filing-${label}-w${w.index}-${streamCounter}`;
  w.version = 0;
}

type Op = (w: Writer, events: BenchEvent[]) => Promise<void>;

// ---------------------------------------------------------------------------------------------
// Timed runs

interface RunResult {
  ops: number;
  events: number;
  elapsedMs: number;
  latenciesMs: number[];
}

async function runWriters(label: string, writers: number, eventsPerAppend: number, durationMs: number, op: Op): Promise<RunResult> {
  const deadline = performance.now() + durationMs;
  const latenciesMs: number[] = [];
  let ops = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, index) => {
      const w: Writer = { index, streamId: '', unitId: '', version: 0 };
      nextStream(w, label);
      while (performance.now() < deadline) {
        if (w.version + eventsPerAppend > STREAM_LENGTH) nextStream(w, label);
        const events = Array.from({ length: eventsPerAppend }, () => benchEvent(w.unitId));
        const t0 = performance.now();
        await op(w, events);
        latenciesMs.push(performance.now() - t0);
        w.version += eventsPerAppend;
        ops += 1;
      }
    }),
  );
  return { ops, events: ops * eventsPerAppend, elapsedMs: performance.now() - start, latenciesMs };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

interface Workload {
  key: string;
  title: string;
  eventsPerAppend: number;
  /** 'appends' for single-event workloads (appends/s), 'events' for batches (events/s). */
  unit: 'appends' | 'events';
  op: Op;
  before?: () => void;
  rates: number[];
  latencies: number[];
  appended: number;
}

// ---------------------------------------------------------------------------------------------
// pg type parsers: dumbo (Emmett's driver layer) replaces the process-wide parsers for int8 and
// json/jsonb with its own (bigint-reviving JSON.parse). They are swapped in only while Emmett
// runs, so our store is measured with node-postgres' defaults, as the app runs.

const PARSED_OIDS = [20, 114, 3802];
type Parsers = Map<number, (value: string) => unknown>;
const snapshotParsers = (): Parsers => new Map(PARSED_OIDS.map((oid) => [oid, pgTypes.getTypeParser(oid, 'text')]));
const applyParsers = (parsers: Parsers) => parsers.forEach((parser, oid) => pgTypes.setTypeParser(oid, parser));

// ---------------------------------------------------------------------------------------------
// Databases

async function admin<T>(url: string, work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: withDatabase(url, 'postgres'), application_name: 'perfledger-bench' });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

async function recreateDatabase(url: string): Promise<void> {
  const name = quoteIdent(databaseName(url));
  await admin(url, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
}

async function dropDatabase(url: string): Promise<void> {
  await admin(url, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(databaseName(url))} WITH (FORCE)`));
}

/** The raw ceiling: the columns and indexes of perfledger.events, nothing else. */
const RAW_TABLE_SQL = `
CREATE SCHEMA bench_raw;
CREATE TABLE bench_raw.events (
  global_position bigint      GENERATED ALWAYS AS IDENTITY,
  tx_id           xid8        NOT NULL DEFAULT pg_catalog.pg_current_xact_id(),
  stream_id       text        NOT NULL,
  version         bigint      NOT NULL,
  event_id        uuid        NOT NULL,
  type            text        NOT NULL,
  schema_version  integer     NOT NULL DEFAULT 1,
  data            jsonb       NOT NULL,
  metadata        jsonb       NOT NULL,
  recorded_at     timestamptz NOT NULL,
  prev_hash       bytea       NOT NULL,
  hash            bytea       NOT NULL,
  PRIMARY KEY (stream_id, version),
  UNIQUE (event_id)
);
CREATE INDEX raw_events_cursor_idx ON bench_raw.events (tx_id, global_position);`;

const RAW_INSERT_SQL = `
INSERT INTO bench_raw.events (stream_id, version, event_id, type, data, metadata, recorded_at, prev_hash, hash)
SELECT $1, $2::bigint + u.ord, u.id, $3, u.data, u.meta, now(), $4::bytea, $5::bytea
  FROM unnest($6::uuid[], $7::jsonb[], $8::jsonb[]) WITH ORDINALITY AS u(id, data, meta, ord)`;

// ---------------------------------------------------------------------------------------------
// Machine

interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  postgresSettings: Record<string, string>;
}

async function describeMachine(pool: Pool): Promise<Machine> {
  const { rows } = await pool.query<{ name: string; setting: string }>(
    `SELECT name, current_setting(name) AS setting FROM pg_catalog.pg_settings
      WHERE name IN ('server_version', 'shared_buffers', 'synchronous_commit', 'fsync', 'wal_level', 'max_wal_size', 'max_connections')`,
  );
  const settings = Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  const { server_version: version, ...postgresSettings } = settings;
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: version,
    postgresSettings,
  };
}

// ---------------------------------------------------------------------------------------------
// Main

interface Figures {
  singleAppendsPerSec: number;
  batchEventsPerSec: number;
  emmettSingleAppendsPerSec: number;
  emmettBatchEventsPerSec: number;
  rawSingleRowsPerSec: number;
  rawBatchRowsPerSec: number;
  replayEventsPerSec: number;
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  jsonMode = opts.json;
  const startedAt = new Date();

  const pools: { end(): Promise<void> }[] = [];
  let emmett: EmmettEventStore | null = null;
  let interrupted = false;
  const cleanup = async () => {
    if (emmett) await emmett.close().catch(() => undefined);
    for (const p of pools.splice(0)) await p.end().catch(() => undefined);
    if (!opts.keep) {
      await dropDatabase(opts.benchUrl).catch((e) => progress(`could not drop ${databaseName(opts.benchUrl)}: ${String(e)}`));
      await dropDatabase(opts.emmettUrl).catch((e) => progress(`could not drop ${databaseName(opts.emmettUrl)}: ${String(e)}`));
    }
  };
  process.once('SIGINT', () => {
    interrupted = true;
    progress('interrupted: cleaning up');
    void cleanup().finally(() => process.exit(130));
  });

  try {
    // --- setup (untimed) -----------------------------------------------------------------------
    progress(`setup: recreating ${databaseName(opts.benchUrl)} and ${databaseName(opts.emmettUrl)}`);
    await recreateDatabase(opts.benchUrl);
    await recreateDatabase(opts.emmettUrl);
    await runMigrations(opts.benchUrl, MIGRATIONS, { createDatabase: false });

    const appPool = createPool({ connectionString: opts.benchUrl, appRole: 'perfledger_app', max: opts.writers, applicationName: 'perfledger-bench' });
    const ownerPool = new Pool({ connectionString: opts.benchUrl, max: opts.writers, application_name: 'perfledger-bench-raw' });
    ownerPool.on('error', () => undefined);
    const emmettPool = new Pool({ connectionString: opts.emmettUrl, max: opts.writers, application_name: 'perfledger-bench-emmett' });
    emmettPool.on('error', () => undefined);
    pools.push(appPool, ownerPool, emmettPool);
    await ownerPool.query(RAW_TABLE_SQL);

    const machine = await describeMachine(ownerPool);
    const store = new PostgresEventStore(appPool);

    const defaultParsers = snapshotParsers();
    emmett = getPostgreSQLEventStore(opts.emmettUrl, {
      connectionOptions: { pool: emmettPool },
      schema: { autoMigration: 'None' },
    });
    await emmett.schema.migrate();
    const emmettParsers = snapshotParsers();
    applyParsers(defaultParsers);
    const emmettStore = emmett;

    // --- the workloads ---------------------------------------------------------------------------
    const ours: Op = async (w, events) => {
      await store.append(w.streamId, events.map(toNewEvent), { expectedVersion: w.version });
    };
    const viaEmmett: Op = async (w, events) => {
      await emmettStore.appendToStream(
        w.streamId,
        events.map((e) => ({ type: EVENT_TYPE, data: e.data, metadata: { ...e.metadata, messageId: e.eventId } })),
        { expectedStreamVersion: BigInt(w.version) },
      );
    };
    const zeroHash = Buffer.alloc(32);
    const raw: Op = async (w, events) => {
      await ownerPool.query(RAW_INSERT_SQL, [
        w.streamId,
        w.version,
        EVENT_TYPE,
        zeroHash,
        zeroHash,
        events.map((e) => e.eventId),
        events.map((e) => JSON.stringify(e.data)),
        events.map((e) => JSON.stringify(e.metadata)),
      ]);
    };
    const useDefault = () => applyParsers(defaultParsers);
    const useEmmett = () => applyParsers(emmettParsers);
    const workload = (key: string, title: string, eventsPerAppend: number, op: Op, before = useDefault): Workload => ({
      key,
      title,
      eventsPerAppend,
      unit: eventsPerAppend === 1 ? 'appends' : 'events',
      op,
      before,
      rates: [],
      latencies: [],
      appended: 0,
    });
    const workloads = {
      single: workload('single', 'ours, 1 event/append', 1, ours),
      emmettSingle: workload('emmettSingle', 'Emmett 0.42, 1 event/append', 1, viaEmmett, useEmmett),
      rawSingle: workload('rawSingle', 'raw INSERT, 1 row/statement', 1, raw),
      batch: workload('batch', 'ours, 10 events/append', 10, ours),
      emmettBatch: workload('emmettBatch', 'Emmett 0.42, 10 events/append', 10, viaEmmett, useEmmett),
      rawBatch: workload('rawBatch', 'raw INSERT, 10 rows/statement', 10, raw),
    };
    const order = Object.values(workloads);

    for (let round = 1; round <= opts.rounds; round += 1) {
      for (const wl of order) {
        if (interrupted) return;
        wl.before?.();
        const warm = await runWriters(`warm${round}${wl.key}`, opts.writers, wl.eventsPerAppend, opts.warmupMs, wl.op);
        const r = await runWriters(`r${round}${wl.key}`, opts.writers, wl.eventsPerAppend, opts.measureMs, wl.op);
        const rate = (r.ops * wl.eventsPerAppend * 1000) / r.elapsedMs;
        const perOp = wl.unit === 'appends' ? 'appends/s' : 'events/s';
        wl.rates.push(rate);
        wl.latencies.push(...r.latenciesMs);
        wl.appended += warm.events + r.events;
        progress(`round ${round}/${opts.rounds}  ${wl.title.padEnd(32)} ${fmt(rate).padStart(8)} ${perOp}`);
      }
    }
    useDefault();

    // Sanity: every counted append is in its table.
    const ourCount = Number((await ownerPool.query(`SELECT count(*)::text AS n FROM perfledger.events`)).rows[0].n);
    const rawCount = Number((await ownerPool.query(`SELECT count(*)::text AS n FROM bench_raw.events`)).rows[0].n);
    const emmettCount = Number((await emmettPool.query(`SELECT count(*)::text AS n FROM emt_messages`)).rows[0].n);
    const expectOurs = workloads.single.appended + workloads.batch.appended;
    const expectEmmett = workloads.emmettSingle.appended + workloads.emmettBatch.appended;
    const expectRaw = workloads.rawSingle.appended + workloads.rawBatch.appended;
    if (ourCount !== expectOurs || emmettCount !== expectEmmett || rawCount !== expectRaw) {
      throw new Error(
        `row counts do not match the appends counted: ours ${ourCount}/${expectOurs}, Emmett ${emmettCount}/${expectEmmett}, raw ${rawCount}/${expectRaw}`,
      );
    }
    progress(`rows check: ours ${fmt(ourCount)}, Emmett ${fmt(emmettCount)}, raw ${fmt(rawCount)} — all appends accounted for`);

    // --- replay ----------------------------------------------------------------------------------
    const seedStart = performance.now();
    const toSeed = Math.max(0, opts.replayEvents - ourCount);
    const seeded = await seed(store, opts.writers, toSeed);
    const seedMs = performance.now() - seedStart;
    progress(`seed: ${fmt(seeded)} events in 100-event appends (8 writers) in ${(seedMs / 1000).toFixed(1)} s = ${fmt((seeded * 1000) / seedMs)} events/s`);
    await ownerPool.query(`VACUUM (ANALYZE) perfledger.events`);
    await waitForVisibility(appPool);

    const replay = await replayAll(store, opts.replayEvents, opts.replayBatch);
    progress(`replay: ${fmt(replay.events)} events in ${fmt(replay.batches)} batches of ${opts.replayBatch} in ${(replay.elapsedMs / 1000).toFixed(2)} s`);

    // --- report ----------------------------------------------------------------------------------
    const rate = (wl: Workload) => Math.round(median(wl.rates));
    const figures: Figures = {
      singleAppendsPerSec: rate(workloads.single),
      batchEventsPerSec: rate(workloads.batch),
      emmettSingleAppendsPerSec: rate(workloads.emmettSingle),
      emmettBatchEventsPerSec: rate(workloads.emmettBatch),
      rawSingleRowsPerSec: rate(workloads.rawSingle),
      rawBatchRowsPerSec: rate(workloads.rawBatch),
      replayEventsPerSec: Math.round((replay.events * 1000) / replay.elapsedMs),
    };
    const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);
    const ratios = {
      singleVsEmmett: ratio(figures.singleAppendsPerSec, figures.emmettSingleAppendsPerSec),
      batchVsEmmett: ratio(figures.batchEventsPerSec, figures.emmettBatchEventsPerSec),
      singleVsRaw: ratio(figures.singleAppendsPerSec, figures.rawSingleRowsPerSec),
      batchVsRaw: ratio(figures.batchEventsPerSec, figures.rawBatchRowsPerSec),
    };

    out(`PerfLedger append benchmark — ${startedAt.toISOString()}${opts.quick ? '  (--quick: smoke run, not a measurement)' : ''}`);
    out(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, ${machine.os}`);
    out(`node ${machine.node}, PostgreSQL ${machine.postgres} (${Object.entries(machine.postgresSettings).map(([k, v]) => `${k}=${v}`).join(', ')})`);
    out(
      `method: ${opts.writers} writers on distinct streams, autocommit appends, pools of ${opts.writers}; ` +
        `${opts.rounds} interleaved round(s) of ${opts.measureMs / 1000} s per workload after ${opts.warmupMs / 1000} s warm-up; median of rounds`,
    );
    out();
    const rows: [string, string, string, string][] = [];
    const target = (value: number, min: number | null) => (min === null ? '' : value >= min ? 'PASS' : 'BELOW');
    const lat = (wl: Workload) => {
      const s = [...wl.latencies].sort((a, b) => a - b);
      return `p50 ${percentile(s, 50).toFixed(1)} ms, p99 ${percentile(s, 99).toFixed(1)} ms`;
    };
    const spread = (wl: Workload) => (wl.rates.length > 1 ? ` [${wl.rates.map((r) => fmt(r)).join(' / ')}]` : '');
    const line = (label: string, value: string, tgt: string, status: string) => rows.push([label, value, tgt, status]);
    line('ours, 1 event/append (appends/s)', fmt(figures.singleAppendsPerSec), '≥ 4,000', target(figures.singleAppendsPerSec, 4_000));
    line('ours, 10 events/append (events/s)', fmt(figures.batchEventsPerSec), '≥ 25,000', target(figures.batchEventsPerSec, 25_000));
    line('Emmett 0.42, 1 event/append (appends/s)', fmt(figures.emmettSingleAppendsPerSec), '', '');
    line('Emmett 0.42, 10 events/append (events/s)', fmt(figures.emmettBatchEventsPerSec), '', '');
    line('raw INSERT, 1 row/statement (rows/s)', fmt(figures.rawSingleRowsPerSec), '', '');
    line('raw INSERT, 10 rows/statement (rows/s)', fmt(figures.rawBatchRowsPerSec), '', '');
    line('ours ÷ Emmett, single', fmtRatio(ratios.singleVsEmmett), '≥ 1.30×', ratios.singleVsEmmett === null ? '' : target(ratios.singleVsEmmett, 1.3));
    line('ours ÷ Emmett, batch', fmtRatio(ratios.batchVsEmmett), '', '');
    line('ours ÷ raw, single', fmtRatio(ratios.singleVsRaw), '', '');
    line('ours ÷ raw, batch', fmtRatio(ratios.batchVsRaw), '', '');
    line(`replay via readAll, ${fmt(replay.events)} events, batch ${opts.replayBatch} (events/s)`, fmt(figures.replayEventsPerSec), '≥ 120,000', target(figures.replayEventsPerSec, 120_000));
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ['figure', 'value', 'target', ''][i].length));
    out(`${'figure'.padEnd(widths[0])}  ${'value'.padStart(widths[1])}  ${'target'.padEnd(widths[2])}  status`);
    out(`${'-'.repeat(widths[0])}  ${'-'.repeat(widths[1])}  ${'-'.repeat(widths[2])}  ------`);
    for (const r of rows) out(`${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2].padEnd(widths[2])}  ${r[3]}`.trimEnd());
    out();
    out('per-append latency and per-round rates:');
    for (const wl of order) out(`  ${wl.title.padEnd(32)} ${lat(wl)}${spread(wl)}`);
    out(`seed for replay: ${fmt(seeded)} events via 100-event appends at ${fmt((seeded * 1000) / seedMs)} events/s (informational)`);

    if (opts.json) {
      const json = {
        ...figures,
        ratios,
        replayEvents: replay.events,
        replayBatch: opts.replayBatch,
        writers: opts.writers,
        rounds: opts.rounds,
        secondsPerRound: opts.measureMs / 1000,
        quick: opts.quick,
        startedAt: startedAt.toISOString(),
        machine,
      };
      process.stdout.write(`${JSON.stringify(json)}\n`);
    }
  } finally {
    if (!interrupted) await cleanup();
  }
}

/** Top the log up with 100-event appends (one new stream each), 8 at a time. */
async function seed(store: PostgresEventStore, writers: number, total: number): Promise<number> {
  let remaining = Math.ceil(total / 100);
  let written = 0;
  let lastReport = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, index) => {
      while (remaining > 0) {
        remaining -= 1;
        const w: Writer = { index, streamId: '', unitId: '', version: 0 };
        nextStream(w, 'seed');
        const events = Array.from({ length: 100 }, () => toNewEvent(benchEvent(w.unitId)));
        await store.append(w.streamId, events, { expectedVersion: 'no-stream' });
        written += 100;
        if (performance.now() - lastReport > 5_000) {
          lastReport = performance.now();
          progress(`seed: ${fmt(written)} / ${fmt(total)}`);
        }
      }
    }),
  );
  return written;
}

/** Waits (untimed) until every committed event is below the cluster-wide xmin, so readAll can see all of it. */
async function waitForVisibility(pool: Pool): Promise<void> {
  const started = performance.now();
  for (;;) {
    const { rows } = await pool.query<{ visible: boolean; xmin: string; max: string }>(
      `SELECT coalesce(max(e.tx_id) < pg_catalog.pg_snapshot_xmin(pg_catalog.pg_current_snapshot()), true) AS visible,
              pg_catalog.pg_snapshot_xmin(pg_catalog.pg_current_snapshot())::text AS xmin, max(e.tx_id)::text AS max
         FROM perfledger.events e`,
    );
    if (rows[0].visible) return;
    if (performance.now() - started > 120_000) {
      throw new Error(`a transaction older than the seed (xmin ${rows[0].xmin} ≤ ${rows[0].max}) has been running for 2 minutes; cannot replay`);
    }
    if (performance.now() - started > 2_000) progress(`replay: waiting for an older transaction elsewhere in the cluster (xmin ${rows[0].xmin})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function replayAll(store: PostgresEventStore, target: number, batchSize: number): Promise<{ events: number; batches: number; elapsedMs: number }> {
  let cursor: Cursor = START_CURSOR;
  let events = 0;
  let batches = 0;
  let checksum = 0;
  const start = performance.now();
  while (events < target) {
    const batch = await store.readAll(cursor, batchSize);
    if (batch.events.length === 0) throw new Error(`replay stopped after ${events} events: the log has fewer than ${target} visible events`);
    // Touch what a projector would touch, so nothing is optimised away.
    for (const e of batch.events) checksum += e.version + (e.data as { path: string }).path.length;
    events += batch.events.length;
    batches += 1;
    cursor = batch.cursor;
  }
  const elapsedMs = performance.now() - start;
  if (checksum <= 0) throw new Error('replay read nothing');
  return { events, batches, elapsedMs };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    progress(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
