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
 * Each store is first primed with a few seconds of appends and ANALYZEd (untimed), so what is
 * measured is an established database, not the planner's guesses on never-analysed tables.
 * Workloads are then interleaved over several rounds (ours, Emmett, raw, …) so background load
 * on the machine hits them alike; each figure is the median of its rounds. For every workload
 * the CPU time per append is reported, in this process (client) and in the PostgreSQL backends
 * serving it (server), with the share of the machine other processes used meanwhile.
 *
 * Options: --json (the figures as one JSON object on the last line of stdout), --quick (smoke
 * run: one short round, replay over 100k events), --rounds N, --seconds S (per round and
 * workload), --replay-events N, --replay-batch N, --keep (do not drop the databases), --verify
 * (after the replay, untimed: check every hash chain with the store's Verifier), --what-if (also
 * measure our store with preparedStatements: false — every statement unnamed, parsed and planned
 * on each call, as it runs behind pglite-socket; informational, not among the tracked figures),
 * --cold (skip the priming and ANALYZE: measure freshly migrated, never-analysed tables, as a new
 * installation or an initial import meets them).
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/perfledger_bench) must name a
 * database whose name contains "bench": it is dropped and recreated, as is <name>_emmett.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client, Pool, types as pgTypes } from 'pg';
import { getPostgreSQLEventStore, type PostgresEventStore as EmmettEventStore } from '@event-driven-io/emmett-postgresql';
import {
  createPool,
  Cursor,
  eventHash,
  GENESIS_HASH,
  NewEvent,
  PostgresEventStore,
  ReadAllResult,
  START_CURSOR,
  Verifier,
} from '@app/event-store';
import { runMigrations } from '../libs/shared/src/database/run-migrations';
import { MIGRATIONS } from '../migrations';

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  json: boolean;
  quick: boolean;
  keep: boolean;
  verify: boolean;
  whatIf: boolean;
  cold: boolean;
  rounds: number;
  measureMs: number;
  warmupMs: number;
  primeMs: number;
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
  const known = new Set(['--json', '--quick', '--keep', '--verify', '--what-if', '--cold', '--rounds', '--seconds', '--replay-events', '--replay-batch']);
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
    verify: has('--verify'),
    whatIf: has('--what-if'),
    cold: has('--cold'),
    rounds: whole('--rounds', quick ? 1 : 3, 1),
    measureMs: whole('--seconds', quick ? 1 : 4, 1) * 1000,
    warmupMs: quick ? 300 : 1000,
    primeMs: quick ? 500 : 2000,
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
const fmtUs = (us: number) => `${Math.round(us)} µs`;
const fmtPercent = (share: number) => `${Math.round(share * 100)}%`;
const CORES = os.cpus().length;
const APP_NAMES = { ours: 'perfledger-bench', raw: 'perfledger-bench-raw', emmett: 'perfledger-bench-emmett' };

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
// CPU accounting (Linux /proc; elsewhere only the client's figure is meaningful). On a 2-core machine the client,
// the server and anything else running share the same cores, so CPU time per append — in this
// process and in the PostgreSQL backends serving the workload's pool — says where the time goes,
// and the CPU used by other processes says how much the run was disturbed.

const CLOCK_TICKS_PER_SEC = 100; // sysconf(_SC_CLK_TCK) on Linux x86-64 and arm64

/** utime + stime of a process, or null when it is gone (or this is not Linux). */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SEC;
  } catch {
    return null;
  }
}

function machineBusyMs(): number | null {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
    return ((total - cpu[3] - cpu[4]) * 1000) / CLOCK_TICKS_PER_SEC; // minus idle and iowait
  } catch {
    return null;
  }
}

interface CpuSnapshot {
  clientMs: number;
  serverMs: Map<number, number | null>;
  machineMs: number | null;
}

function cpuSnapshot(serverPids: number[]): CpuSnapshot {
  const u = process.cpuUsage();
  return {
    clientMs: (u.user + u.system) / 1000,
    serverMs: new Map(serverPids.map((pid) => [pid, processCpuMs(pid)])),
    machineMs: machineBusyMs(),
  };
}

interface CpuUse {
  clientMs: number;
  serverMs: number;
  /** CPU used by everything else on the machine (other processes, PostgreSQL's background processes). */
  otherMs: number | null;
}

function cpuSince(before: CpuSnapshot): CpuUse {
  const after = cpuSnapshot([...before.serverMs.keys()]);
  const clientMs = after.clientMs - before.clientMs;
  let serverMs = 0;
  for (const [pid, was] of before.serverMs) {
    const now = after.serverMs.get(pid);
    // A backend that exited meanwhile is left out (the pools keep their connections, so none should).
    if (was !== null && now !== null && now !== undefined) serverMs += now - was;
  }
  const otherMs =
    after.machineMs === null || before.machineMs === null ? null : Math.max(0, after.machineMs - before.machineMs - clientMs - serverMs);
  return { clientMs, serverMs, otherMs };
}

// ---------------------------------------------------------------------------------------------
// Timed runs

interface RunResult {
  ops: number;
  events: number;
  elapsedMs: number;
  latenciesMs: number[];
  cpu: CpuUse;
}

async function runWriters(
  label: string,
  writers: number,
  eventsPerAppend: number,
  durationMs: number,
  op: Op,
  serverPids: number[] = [],
): Promise<RunResult> {
  const deadline = performance.now() + durationMs;
  const latenciesMs: number[] = [];
  let ops = 0;
  const cpuBefore = cpuSnapshot(serverPids);
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
  const elapsedMs = performance.now() - start;
  return { ops, events: ops * eventsPerAppend, elapsedMs, latenciesMs, cpu: cpuSince(cpuBefore) };
}

const perSecond = (wl: Workload) => (wl.key.startsWith('raw') ? 'rows/s' : wl.unit === 'appends' ? 'appends/s' : 'events/s');

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
  /** Where its PostgreSQL backends are: database and application_name of its pool. */
  backends: { database: string; applicationName: string };
  rates: number[];
  latencies: number[];
  appended: number;
  /** Appends in warm-ups and measured runs (the window the sequential-scan counter covers). */
  roundOps: number;
  /** Totals over the measured runs. */
  measuredOps: number;
  measuredMs: number;
  clientCpuMs: number;
  serverCpuMs: number;
  otherCpuMs: number | null;
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
  let cleaned: Promise<void> | null = null;
  const cleanup = () => (cleaned ??= (async () => {
    if (emmett) await emmett.close().catch(() => undefined);
    for (const p of pools.splice(0)) await p.end().catch(() => undefined);
    if (!opts.keep) {
      await dropDatabase(opts.benchUrl).catch((e) => progress(`could not drop ${databaseName(opts.benchUrl)}: ${String(e)}`));
      await dropDatabase(opts.emmettUrl).catch((e) => progress(`could not drop ${databaseName(opts.emmettUrl)}: ${String(e)}`));
    }
  })());
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true;
    progress(`${signal}: stopping, closing pools and dropping the bench databases`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    // --- setup (untimed) -----------------------------------------------------------------------
    progress(`setup: recreating ${databaseName(opts.benchUrl)} and ${databaseName(opts.emmettUrl)}`);
    await recreateDatabase(opts.benchUrl);
    await recreateDatabase(opts.emmettUrl);
    await runMigrations(opts.benchUrl, MIGRATIONS, { createDatabase: false });

    const appPool = createPool({ connectionString: opts.benchUrl, appRole: 'perfledger_app', max: opts.writers, applicationName: APP_NAMES.ours });
    // Pools keep their connections for the whole run (no reconnects inside a measurement).
    appPool.options.idleTimeoutMillis = 0;
    const ownerPool = new Pool({ connectionString: opts.benchUrl, max: opts.writers, application_name: APP_NAMES.raw, idleTimeoutMillis: 0 });
    ownerPool.on('error', () => undefined);
    const emmettPool = new Pool({ connectionString: opts.emmettUrl, max: opts.writers, application_name: APP_NAMES.emmett, idleTimeoutMillis: 0 });
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
    // --what-if: the very same store with its statements unnamed (parsed and planned on every call),
    // as it runs where connections share one session (pglite-socket).
    const unnamedStore = new PostgresEventStore(appPool, { preparedStatements: false });
    const oursUnnamed: Op = async (w, events) => {
      await unnamedStore.append(w.streamId, events.map(toNewEvent), { expectedVersion: w.version });
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
    const benchDb = databaseName(opts.benchUrl);
    const ourBackends = { database: benchDb, applicationName: APP_NAMES.ours };
    const rawBackends = { database: benchDb, applicationName: APP_NAMES.raw };
    const emmettBackends = { database: databaseName(opts.emmettUrl), applicationName: APP_NAMES.emmett };
    const workload = (
      key: string,
      title: string,
      eventsPerAppend: number,
      op: Op,
      backends: Workload['backends'],
      before = useDefault,
    ): Workload => ({
      key,
      title,
      eventsPerAppend,
      unit: eventsPerAppend === 1 ? 'appends' : 'events',
      op,
      before,
      backends,
      rates: [],
      latencies: [],
      appended: 0,
      roundOps: 0,
      measuredOps: 0,
      measuredMs: 0,
      clientCpuMs: 0,
      serverCpuMs: 0,
      otherCpuMs: 0,
    });
    const whatIf = {
      unnamedSingle: workload('unnamedSingle', 'what-if: ours unnamed, 1/append', 1, oursUnnamed, ourBackends),
      unnamedBatch: workload('unnamedBatch', 'what-if: ours unnamed, 10/append', 10, oursUnnamed, ourBackends),
    };
    const workloads = {
      single: workload('single', 'ours, 1 event/append', 1, ours, ourBackends),
      emmettSingle: workload('emmettSingle', 'Emmett 0.42, 1 event/append', 1, viaEmmett, emmettBackends, useEmmett),
      rawSingle: workload('rawSingle', 'raw INSERT, 1 row/statement', 1, raw, rawBackends),
      batch: workload('batch', 'ours, 10 events/append', 10, ours, ourBackends),
      emmettBatch: workload('emmettBatch', 'Emmett 0.42, 10 events/append', 10, viaEmmett, emmettBackends, useEmmett),
      rawBatch: workload('rawBatch', 'raw INSERT, 10 rows/statement', 10, raw, rawBackends),
    };
    const order = opts.whatIf
      ? [workloads.single, whatIf.unnamedSingle, workloads.emmettSingle, workloads.rawSingle, workloads.batch, whatIf.unnamedBatch, workloads.emmettBatch, workloads.rawBatch]
      : Object.values(workloads);
    const titleWidth = Math.max(...order.map((wl) => wl.title.length));
    const backendPids = async (b: Workload['backends']): Promise<number[]> =>
      (
        await ownerPool.query<{ pid: number }>(
          `SELECT pid FROM pg_catalog.pg_stat_activity WHERE datname = $1 AND application_name = $2`,
          [b.database, b.applicationName],
        )
      ).rows.map((r) => r.pid);

    // Prime (untimed): fill every store a little through its own append path, then ANALYZE, so
    // the measurement is the steady state of an established database rather than the planner's
    // first guesses on never-analysed tables (see seqScans below and docs/benchmarks.md).
    if (opts.cold) {
      progress('cold: no priming, no ANALYZE — the tables are measured as freshly migrated');
    } else {
      progress(`prime: ${opts.primeMs / 1000} s of 10-event appends per store, then ANALYZE`);
      for (const wl of [workloads.batch, workloads.emmettBatch, workloads.rawBatch]) {
        wl.before?.();
        wl.appended += (await runWriters(`prime${wl.key}`, opts.writers, wl.eventsPerAppend, opts.primeMs, wl.op)).events;
      }
      useDefault();
      await ownerPool.query('ANALYZE');
      await emmettPool.query('ANALYZE');
    }
    const seqBefore = await eventsSeqScans(ownerPool, appPool, opts.writers);

    for (let round = 1; round <= opts.rounds; round += 1) {
      for (const wl of order) {
        if (interrupted) return;
        wl.before?.();
        const warm = await runWriters(`warm${round}${wl.key}`, opts.writers, wl.eventsPerAppend, opts.warmupMs, wl.op);
        const pids = await backendPids(wl.backends);
        const r = await runWriters(`r${round}${wl.key}`, opts.writers, wl.eventsPerAppend, opts.measureMs, wl.op, pids);
        const rate = (r.ops * wl.eventsPerAppend * 1000) / r.elapsedMs;
        wl.rates.push(rate);
        wl.latencies.push(...r.latenciesMs);
        wl.appended += warm.events + r.events;
        wl.roundOps += warm.ops + r.ops;
        wl.measuredOps += r.ops;
        wl.measuredMs += r.elapsedMs;
        wl.clientCpuMs += r.cpu.clientMs;
        wl.serverCpuMs += r.cpu.serverMs;
        wl.otherCpuMs = wl.otherCpuMs === null || r.cpu.otherMs === null ? null : wl.otherCpuMs + r.cpu.otherMs;
        const other = r.cpu.otherMs === null ? '' : `, other processes ${fmtPercent(r.cpu.otherMs / (r.elapsedMs * CORES))} of the machine`;
        progress(
          `round ${round}/${opts.rounds}  ${wl.title.padEnd(titleWidth)} ${fmt(rate).padStart(7)} ${perSecond(wl)}` +
            `  (cpu/append: client ${fmtUs((r.cpu.clientMs * 1000) / r.ops)}, server ${fmtUs((r.cpu.serverMs * 1000) / r.ops)}${other})`,
        );
      }
    }
    useDefault();
    const seqAfter = await eventsSeqScans(ownerPool, appPool, opts.writers);
    const timedAppends = workloads.single.roundOps + workloads.batch.roundOps + whatIf.unnamedSingle.roundOps + whatIf.unnamedBatch.roundOps;
    const seqScans = {
      scans: seqAfter.scans - seqBefore.scans,
      rowsRead: seqAfter.rowsRead - seqBefore.rowsRead,
    };
    const seqNote =
      `sequential scans of perfledger.events during the rounds: ${fmt(seqScans.scans)} ` +
      `(${fmt(seqScans.rowsRead)} rows read, over ${fmt(timedAppends)} of our appends, warm-ups included)`;
    progress(seqNote);

    // Sanity: every counted append is in its table.
    const ourCount = Number((await ownerPool.query(`SELECT count(*)::text AS n FROM perfledger.events`)).rows[0].n);
    const rawCount = Number((await ownerPool.query(`SELECT count(*)::text AS n FROM bench_raw.events`)).rows[0].n);
    const emmettCount = Number((await emmettPool.query(`SELECT count(*)::text AS n FROM emt_messages`)).rows[0].n);
    const expectOurs = workloads.single.appended + workloads.batch.appended + whatIf.unnamedSingle.appended + whatIf.unnamedBatch.appended;
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
    const seeded = await seedBulk(ownerPool, toSeed);
    const seedMs = performance.now() - seedStart;
    progress(`seed: ${fmt(seeded)} events by bulk INSERT in ${(seedMs / 1000).toFixed(1)} s`);
    await ownerPool.query(`VACUUM (ANALYZE) perfledger.events`);
    await waitForVisibility(appPool);

    const replayPids = await backendPids(ourBackends);
    const replay = await replayAll((c, n) => store.readAll(c, n), opts.replayEvents, opts.replayBatch, replayPids);
    const describeReplay = (r: typeof replay) => {
      const perEvent = (ms: number) => `${((ms * 1000) / r.events).toFixed(1)} µs/event`;
      const other = r.cpu.otherMs === null ? '' : `, other processes ${fmtPercent(r.cpu.otherMs / (r.elapsedMs * CORES))} of the machine`;
      return (
        `${fmt(r.events)} events in ${fmt(r.batches)} batches of ${opts.replayBatch} in ${(r.elapsedMs / 1000).toFixed(2)} s; ` +
        `cpu client ${perEvent(r.cpu.clientMs)}, server ${perEvent(r.cpu.serverMs)}${other}`
      );
    };
    const replayLine = describeReplay(replay);
    progress(`replay: ${replayLine}`);
    if (opts.verify) {
      const report = await new Verifier(appPool).verify();
      progress(`verify: ${report.ok ? 'ok' : 'FAILED'} — ${fmt(report.events)} events in ${fmt(report.streams)} streams`);
      if (!report.ok) throw new Error(`the verifier rejects the log: ${JSON.stringify(report.firstBroken)}`);
    }

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
        (opts.cold ? 'COLD: tables freshly migrated, never ANALYZEd; ' : `each store primed (${opts.primeMs / 1000} s of 10-event appends) and ANALYZEd first; `) +
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
    if (opts.whatIf) {
      const p1 = rate(whatIf.unnamedSingle);
      const p10 = rate(whatIf.unnamedBatch);
      line('what-if: ours, unnamed statements, 1 event/append', fmt(p1), '≥ 4,000', target(p1, 4_000));
      line('what-if: ours, unnamed statements, 10 events/append', fmt(p10), '≥ 25,000', target(p10, 25_000));
      const r1 = ratio(p1, figures.emmettSingleAppendsPerSec);
      line('what-if: unnamed ÷ Emmett, single', fmtRatio(r1), '≥ 1.30×', r1 === null ? '' : target(r1, 1.3));
      line('what-if: unnamed ÷ Emmett, batch', fmtRatio(ratio(p10, figures.emmettBatchEventsPerSec)), '', '');
    }
    line(`replay via readAll, ${fmt(replay.events)} events, batch ${opts.replayBatch} (events/s)`, fmt(figures.replayEventsPerSec), '≥ 120,000', target(figures.replayEventsPerSec, 120_000));
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ['figure', 'value', 'target', ''][i].length));
    out(`${'figure'.padEnd(widths[0])}  ${'value'.padStart(widths[1])}  ${'target'.padEnd(widths[2])}  status`);
    out(`${'-'.repeat(widths[0])}  ${'-'.repeat(widths[1])}  ${'-'.repeat(widths[2])}  ------`);
    for (const r of rows) out(`${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2].padEnd(widths[2])}  ${r[3]}`.trimEnd());
    out();
    out('details (all rounds): per-append latency, CPU per append in this process (client) and in the');
    out('PostgreSQL backends of the pool (server), CPU used by other processes, rate of each round:');
    for (const wl of order) {
      const other = wl.otherCpuMs === null ? 'n/a' : fmtPercent(wl.otherCpuMs / (wl.measuredMs * CORES));
      out(
        `  ${wl.title.padEnd(titleWidth)}  ${lat(wl)}; cpu/append client ${fmtUs((wl.clientCpuMs * 1000) / wl.measuredOps)}, ` +
          `server ${fmtUs((wl.serverCpuMs * 1000) / wl.measuredOps)}; other processes ${other}${spread(wl)}`,
      );
    }
    out(`  ${'replay via readAll'.padEnd(titleWidth)}  ${replayLine}`);
    out(
      `replay log: ${fmt(ourCount)} events appended by the workloads above + ${fmt(seeded)} bulk-inserted as the owner ` +
        `(streams of 100, valid hash chains; ${(seedMs / 1000).toFixed(1)} s, untimed), then VACUUM ANALYZE`,
    );
    out(`${seqNote}${seqScans.scans > 0 ? '  <-- WARNING: appends should never scan the log' : ''}`);

    if (opts.json) {
      const json = {
        ...figures,
        ratios,
        cpuMicrosPerAppend: Object.fromEntries(
          order.map((wl) => [
            wl.key,
            { client: Math.round((wl.clientCpuMs * 1000) / wl.measuredOps), server: Math.round((wl.serverCpuMs * 1000) / wl.measuredOps) },
          ]),
        ),
        seqScansOfEventsDuringAppends: seqScans.scans,
        ...(opts.whatIf
          ? {
              whatIf: {
                unpreparedSingleAppendsPerSec: rate(whatIf.unnamedSingle),
                unpreparedBatchEventsPerSec: rate(whatIf.unnamedBatch),
              },
            }
          : {}),
        replayEvents: replay.events,
        replayBatch: opts.replayBatch,
        writers: opts.writers,
        rounds: opts.rounds,
        secondsPerRound: opts.measureMs / 1000,
        quick: opts.quick,
        cold: opts.cold,
        startedAt: startedAt.toISOString(),
        machine,
      };
      process.stdout.write(`${JSON.stringify(json)}\n`);
    }
  } finally {
    if (!interrupted) await cleanup();
  }
}

/**
 * pg_stat_user_tables counters for perfledger.events: an append should never scan the log.
 * A backend publishes its counters when it goes idle, but at most once a second (otherwise
 * 10 s later), so first wait a second and give every connection of the app pool a statement.
 */
async function eventsSeqScans(ownerPool: Pool, appPool: Pool, size: number): Promise<{ scans: number; rowsRead: number }> {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  await sleep(1_100);
  const clients = await Promise.all(Array.from({ length: size }, () => appPool.connect()));
  try {
    await Promise.all(clients.map((c) => c.query('SELECT 1')));
  } finally {
    clients.forEach((c) => c.release());
  }
  await sleep(200);
  const { rows } = await ownerPool.query<{ scans: string; rows_read: string }>(
    `SELECT coalesce(seq_scan, 0)::text AS scans, coalesce(seq_tup_read, 0)::text AS rows_read
       FROM pg_catalog.pg_stat_user_tables WHERE schemaname = 'perfledger' AND relname = 'events'`,
  );
  return { scans: Number(rows[0]?.scans ?? 0), rowsRead: Number(rows[0]?.rows_read ?? 0) };
}

/**
 * Tops the log up to the replay size with a direct bulk INSERT as the owner (untimed): streams of
 * 100 events, every column valid — versions, hash chains computed with the store's own eventHash,
 * stream heads — so `perfledger verify` would accept the result. 5,000 events per statement
 * (one transaction each), two statements in flight.
 */
async function seedBulk(ownerPool: Pool, total: number): Promise<number> {
  const PER_STREAM = 100;
  const PER_BATCH = 5_000;
  const streamsNeeded = Math.ceil(total / PER_STREAM);
  let nextStreamNo = 0;
  let written = 0;
  let lastReport = performance.now();
  const recordedBase = Date.now() - 86_400_000;
  const batch = () => {
    const events: Record<string, unknown>[] = [];
    const heads: Record<string, unknown>[] = [];
    while (events.length < PER_BATCH && nextStreamNo < streamsNeeded) {
      nextStreamNo += 1;
      const unitId = randomUUID();
      const streamId = `filing-seed-${nextStreamNo}`;
      let prev: Buffer = GENESIS_HASH;
      for (let version = 1; version <= PER_STREAM; version += 1) {
        const e = benchEvent(unitId);
        const recordedAt = new Date(recordedBase + nextStreamNo * PER_STREAM + version).toISOString();
        const hash = eventHash(prev, { streamId, version, eventId: e.eventId, type: EVENT_TYPE, schemaVersion: 1, data: e.data, metadata: e.metadata, recordedAt });
        events.push({ s: streamId, v: version, id: e.eventId, d: e.data, m: e.metadata, r: recordedAt, p: prev.toString('hex'), h: hash.toString('hex') });
        prev = hash;
      }
      heads.push({ s: streamId, v: PER_STREAM, h: prev.toString('hex') });
    }
    return { events, heads };
  };
  const SEED_SQL = `
WITH ev AS (
  INSERT INTO perfledger.events (stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
  SELECT r.s, r.v, r.id, $2, 1, r.d, r.m, r.r, decode(r.p, 'hex'), decode(r.h, 'hex')
    FROM json_to_recordset($1::json) AS r(s text, v bigint, id uuid, d jsonb, m jsonb, r timestamptz, p text, h text)
  RETURNING 1
)
INSERT INTO perfledger.streams (stream_id, version, last_hash)
SELECT t.s, t.v, decode(t.h, 'hex') FROM json_to_recordset($3::json) AS t(s text, v bigint, h text)`;
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      for (;;) {
        const { events, heads } = batch();
        if (events.length === 0) return;
        await ownerPool.query(SEED_SQL, [JSON.stringify(events), EVENT_TYPE, JSON.stringify(heads)]);
        written += events.length;
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

type ReadAll = (cursor: Cursor, batchSize: number) => Promise<ReadAllResult>;

async function replayAll(
  read: ReadAll,
  target: number,
  batchSize: number,
  serverPids: number[],
): Promise<{ events: number; batches: number; elapsedMs: number; cpu: CpuUse }> {
  let cursor: Cursor = START_CURSOR;
  let events = 0;
  let batches = 0;
  let checksum = 0;
  const cpuBefore = cpuSnapshot(serverPids);
  const start = performance.now();
  while (events < target) {
    const batch = await read(cursor, batchSize);
    if (batch.events.length === 0) throw new Error(`replay stopped after ${events} events: the log has fewer than ${target} visible events`);
    // Touch what a projector would touch, so nothing is optimised away.
    for (const e of batch.events) checksum += e.version + (e.data as { path: string }).path.length;
    events += batch.events.length;
    batches += 1;
    cursor = batch.cursor;
  }
  const elapsedMs = performance.now() - start;
  const cpu = cpuSince(cpuBefore);
  if (checksum <= 0) throw new Error('replay read nothing');
  return { events, batches, elapsedMs, cpu };
}

/** Set by SIGINT/SIGTERM: the signal handler cleans up and exits; main's own failure then is expected. */
let interrupted = false;

main().then(
  () => {
    if (!interrupted) process.exit(0);
  },
  (error: unknown) => {
    if (interrupted) return;
    progress(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
