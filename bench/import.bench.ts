/**
 * Import benchmark (`npm run bench:import`): the Hengshan fixture imported end to end — parse, decide,
 * append ~266 events, project the filing view — into a real PostgreSQL, after warm-up.
 *
 * Measures, each as median / p95 / max over the runs:
 *   - parse only (libs/importers);
 *   - a first import (a new unit and its filing: the document under a fresh unit name each run);
 *   - a re-import of a document already imported (nothing appended: the idempotent path).
 * Target (issue 5): a first import under 300 ms after warm-up.
 *
 * Options: --json (one JSON object on the last line), --runs N (default 50), --warmup N (default 10).
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/perfledger_import_bench) must name a
 * database whose name contains "bench": it is dropped and recreated.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { ImportService, UnitCommandHandler } from '@app/application';
import { createPool, PostgresEventStore } from '@app/event-store';
import { parseSelfEvaluation } from '@app/importers';
import { runMigrations } from '@app/shared';
import { MIGRATIONS } from '../migrations';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = option('runs', 50);
const WARMUP = option('warmup', 10);
const JSON_OUT = args.includes('--json');
const URL_ = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/perfledger_import_bench';

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: +at(0.5).toFixed(1), p95: +at(0.95).toFixed(1), max: +s[s.length - 1].toFixed(1) };
}

async function main() {
  const url = new URL(URL_);
  const name = url.pathname.slice(1);
  if (!/bench/u.test(name)) throw new Error(`BENCH_DATABASE_URL must name a database containing "bench" (got ${name})`);
  const admin = new Client({ connectionString: Object.assign(new URL(URL_), { pathname: '/postgres' }).toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  await runMigrations(URL_, MIGRATIONS);

  const pool = createPool({ connectionString: URL_, appRole: 'perfledger_app', max: 4 });
  const store = new PostgresEventStore(pool);
  const importer = new ImportService(pool, store);
  const actor = { userId: 'bench', role: 'unit_filer' };
  await new UnitCommandHandler(pool, store).registerCounty('430423', '衡山县', { actor, source: 'system' });

  const fixture = readFileSync(join(__dirname, '../test/fixtures/hengshan-2023-self-evaluation.txt'), 'utf8');
  const UNIT = '衡山县社会治理和网格化信息中心';
  const document = (i: number) => Buffer.from(fixture.replaceAll(UNIT, `${UNIT}${i}`));

  const parse: number[] = [];
  const first: number[] = [];
  const again: number[] = [];
  let events = 0;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const doc = document(i);
    let t = performance.now();
    parseSelfEvaluation(doc.toString('utf8'));
    const tParse = performance.now() - t;
    t = performance.now();
    const report = await importer.import(doc, { countyCode: '430423', actor });
    const tFirst = performance.now() - t;
    t = performance.now();
    const second = await importer.import(doc, { countyCode: '430423', actor });
    const tAgain = performance.now() - t;
    if (second.eventsAppended !== 0) throw new Error('re-import appended events');
    if (i >= WARMUP) {
      parse.push(tParse);
      first.push(tFirst);
      again.push(tAgain);
      events = report.eventsAppended;
    }
  }
  await pool.end();

  const result = {
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version },
    runs: RUNS,
    warmup: WARMUP,
    eventsPerImport: events,
    parseMs: stats(parse),
    firstImportMs: stats(first),
    reimportMs: stats(again),
    targetMs: 300,
    met: stats(first).median < 300 && stats(first).p95 < 300,
  };
  process.stdout.write(
    `import of the Hengshan fixture (${events} events), ${RUNS} runs after ${WARMUP} warm-up:\n` +
      `  parse only      median ${result.parseMs.median} ms, p95 ${result.parseMs.p95} ms\n` +
      `  first import    median ${result.firstImportMs.median} ms, p95 ${result.firstImportMs.p95} ms, max ${result.firstImportMs.max} ms (target < 300 ms: ${result.met ? 'met' : 'NOT met'})\n` +
      `  re-import (0 events appended)  median ${result.reimportMs.median} ms, p95 ${result.reimportMs.p95} ms\n`,
  );
  if (JSON_OUT) process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
