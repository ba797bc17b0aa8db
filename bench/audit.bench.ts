/**
 * Audit benchmark (`npm run bench:audit`): one filing with 5,000 events (the Hengshan fixture imported,
 * then figure corrections through the real command handler, so the blame index is written as in
 * production), against a real PostgreSQL. Measures, as median / p95 / max over the runs:
 *   - blame of one figure (`AuditService.blame`: the `figure_changes` index joined with the events);
 *   - as-of the version before the last change (`AuditService.asOf`: the stream read up to it and folded,
 *     figures and computed figures with the template's scores);
 *   - as-of a submission-free ISO time, and a diff between two versions, for reference.
 * Target (issue 8): blame and as-of < 50 ms each.
 *
 * Options: --json (one JSON object on the last line), --runs N (default 50), --events N (default 5000).
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/perfledger_audit_bench) must name a
 * database whose name contains "bench": it is dropped and recreated.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AuditService, FilingCommandHandler, ImportService, UnitCommandHandler } from '@app/application';
import { createPool, PostgresEventStore } from '@app/event-store';
import { scratchDatabase } from './support/scratch-database';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = option('runs', 50);
const EVENTS = option('events', 5000);
const JSON_OUT = args.includes('--json');
const PATH = 'overall.indicators.benefit.ecological.绿色低碳环保.score';

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: +at(0.5).toFixed(1), p95: +at(0.95).toFixed(1), max: +s[s.length - 1].toFixed(1) };
}

async function timed(runs: number, work: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await work(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    ms.push(performance.now() - t);
  }
  return stats(ms);
}

(async () => {
  const db = scratchDatabase('postgres://postgres@127.0.0.1:5432/perfledger_audit_bench');
  await db.recreate();
  const pool = createPool({ connectionString: db.url, appRole: 'perfledger_app', max: 4 });
  try {
    const store = new PostgresEventStore(pool);
    const actor = { userId: 'bench', role: 'system' };
    const context = { actor, reason: '基准测试', source: 'system' as const };
    await new UnitCommandHandler(pool, store).registerCounty('430423', '衡山县', context);
    const imported = await new ImportService(pool, store).import(readFileSync(join(__dirname, '../test/fixtures/hengshan-2023-self-evaluation.txt')), {
      countyCode: '430423',
      fileName: 'hengshan-2023-self-evaluation.txt',
      actor,
    });
    const ref = { countyCode: '430423', unitCode: imported.unit!.code, year: 2023 };
    const handler = new FilingCommandHandler(pool, store);
    // corrections in commands of 50 figures: every indicator's actual, and the blamed score now and then
    const view = (await pool.query(`SELECT figures FROM perfledger.filing_views WHERE unit_code = $1`, [ref.unitCode])).rows[0].figures as Record<string, string | null>;
    const actuals = Object.keys(view).filter((p) => p.startsWith('overall.indicators.') && p.endsWith('.actual'));
    let version = (await store.readStream(`filing-430423-${ref.unitCode}-2023`)).length;
    let round = 0;
    const setup = performance.now();
    while (version < EVENTS) {
      round += 1;
      const figures = Array.from({ length: Math.min(50, EVENTS - version) }, (_, i) =>
        i === 0 ? { path: PATH, value: round % 2 === 0 ? '10' : '9.5' } : { path: actuals[(round + i) % actuals.length], value: `${(round * 7 + i) % 100}%` },
      );
      const r = await handler.execute(ref, [{ type: 'RecordFigures', figures }], context);
      if (r.appended === 0) break;
      version = r.version;
    }
    const setupMs = performance.now() - setup;
    const audit = new AuditService(pool);
    const blameChanges = (await audit.blame(ref, PATH)).length;
    const blame = await timed(RUNS, () => audit.blame(ref, PATH));
    const asOf = await timed(RUNS, () => audit.asOf(ref, { version: version - 1 }));
    const mid = (await pool.query(`SELECT recorded_at FROM perfledger.events WHERE stream_id = $1 AND version = $2`, [`filing-430423-${ref.unitCode}-2023`, Math.floor(version / 2)])).rows[0].recorded_at as Date;
    const asOfTime = await timed(RUNS, () => audit.asOf(ref, { time: mid.toISOString() }));
    const diff = await timed(Math.max(5, Math.floor(RUNS / 5)), () => audit.diff(ref, { version: Math.floor(version / 2) }, { version }));
    const result = {
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
      events: version,
      blameChanges,
      setupSeconds: +(setupMs / 1000).toFixed(1),
      blameMs: blame,
      asOfVersionMs: asOf,
      asOfTimeMs: asOfTime,
      diffMs: diff,
      target: { blameMs: 50, asOfMs: 50 },
      met: blame.p95 < 50 && asOf.p95 < 50,
    };
    if (!JSON_OUT) {
      console.log(`filing with ${version} events (${blameChanges} changes of the blamed figure), built in ${result.setupSeconds} s`);
      console.log(`blame of one figure      median ${blame.median} ms, p95 ${blame.p95} ms, max ${blame.max} ms   (target < 50 ms)`);
      console.log(`as-of a version          median ${asOf.median} ms, p95 ${asOf.p95} ms, max ${asOf.max} ms   (target < 50 ms)`);
      console.log(`as-of a time             median ${asOfTime.median} ms, p95 ${asOfTime.p95} ms, max ${asOfTime.max} ms`);
      console.log(`diff half the stream     median ${diff.median} ms, p95 ${diff.p95} ms, max ${diff.max} ms`);
    }
    console.log(JSON.stringify(result));
  } finally {
    await pool.end();
    await db.drop();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
