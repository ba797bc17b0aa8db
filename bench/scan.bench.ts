/**
 * Scan, county summary and rebuild benchmark (`npm run bench:scan`). For each size (300 and 3,000 units by
 * default) a synthetic county from `generateCounty` (libs/demo) is imported through `ImportService`, as
 * `perfledger demo` does (events, read models and inline findings real; 2 importers), into a freshly migrated
 * scratch database, connected as the app role, then VACUUM ANALYZE and CHECKPOINT (setup, not timed). Timed:
 *   - full scan: the per-filing rules (C, X, P) re-run over every filing from its events — read and fold the
 *     stream, figures / computed / scores as `writeFilingView` builds them (nothing written), then
 *     `FindingsService.refreshIn` (the rules, and reconciling with the recorded findings), one transaction per
 *     filing, rolled back; then the county (S) and history (A) rules through `CountyScanService.scan`, twice
 *     (the first run records the S/A findings of a fresh county, the second is the nightly rescan);
 *   - the county summary recompute (`CountySummaryService.recompute`, force): median of --runs after a warm-up;
 *   - for the largest size only, `rebuildReadModels` over the whole log: events / s and the wall time.
 * With each part: the peak RSS of this process so far, and the share of the machine other processes used (noise).
 *
 * Options: --json (the figures as one JSON object on the last line of stdout), --units 300,3000, --seed N
 * (default 1), --runs N (summary runs, default 5), --importers N (default 2), --keep (leave the database).
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/perfledger_scan_bench) must name a
 * database whose name contains "bench": it is dropped and recreated for each size, and dropped at the end.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { FilingEvent } from '@app/domain';
import { computedOf, figuresOf, filingStreamId, fold } from '@app/domain';
import { CountyScanService, CountySummaryService, FindingsService } from '@app/application';
import { createPool, PostgresEventStore } from '@app/event-store';
import { domainEvent, filingScoring, listFilingViews, rebuildReadModels } from '@app/projections';
import { importDemoCounty } from './support/demo-county';
import { loadSnapshot, otherShare } from './support/machine-load';
import { scratchDatabase } from './support/scratch-database';

const args = process.argv.slice(2);
const value = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const whole = (text: string) => {
  if (!/^\d{1,6}$/u.test(text) || Number(text) < 1) throw new Error(`expected a whole number ≥ 1, got ${text}`);
  return Number(text);
};
const SIZES = (value('units') ?? '300,3000').split(',').map(whole);
const SEED = whole(value('seed') ?? '1');
const RUNS = whole(value('runs') ?? '5');
const IMPORTERS = whole(value('importers') ?? '2');
const JSON_OUT = args.includes('--json');
const COUNTY = '430423';
const db = scratchDatabase('postgres://postgres@127.0.0.1:5432/perfledger_scan_bench', { keep: args.includes('--keep') });

const say = (line: string) => process.stderr.write(`${line}\n`);
/** The figures: on stdout, or on stderr with --json (stdout then holds only the JSON line). */
const show = (line: string) => (JSON_OUT ? process.stderr : process.stdout).write(`${line}\n`);
const ms = (t0: number) => performance.now() - t0;
const r1 = (n: number) => Math.round(n * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
/** Starts watching a part: its end gives the share of the machine other processes used, and the peak RSS so far. */
const watch = () => {
  const from = loadSnapshot(db.name);
  return () => ({ otherShare: otherShare(from, loadSnapshot(db.name)), peakRssMb: rssMb() });
};

async function measure(units: number, rebuild: boolean) {
  await db.recreate();
  const pool = createPool({ connectionString: db.url, appRole: 'perfledger_app', max: 4 });
  const store = new PostgresEventStore(pool);
  try {
    // Setup (untimed).
    let t = performance.now();
    const progress = (n: number) => n % 100 === 0 && process.stderr.write(`\r  ${units} units: imported ${n}`);
    const { year, anomalies } = await importDemoCounty(pool, store, { countyCode: COUNTY, units, seed: SEED, importers: IMPORTERS, onProgress: progress });
    const { rows } = await pool.query(`SELECT count(*)::int AS n, current_setting('server_version') AS postgres FROM perfledger.events`);
    await db.settle();
    say(`\r  ${units} units: imported in ${(ms(t) / 1000).toFixed(1)} s, ${rows[0].n} events, ${anomalies} injected anomalies`);

    // 1a. Per-filing rules (C, X, P) over every filing, from its events.
    const findings = new FindingsService(pool, store);
    const perFiling = { ms: 0, readFoldMs: 0, scoringMs: 0, rulesMs: 0, filings: 0, changes: 0 };
    const views = await listFilingViews(pool, COUNTY, year);
    const client = await pool.connect();
    const afterSetup = { peakRssMb: rssMb() };
    let done = watch();
    t = performance.now();
    try {
      for (const v of views) {
        const ref = { countyCode: COUNTY, unitCode: v.unitCode, year };
        await client.query('BEGIN');
        let t1 = performance.now();
        const events = await store.readStream(filingStreamId(COUNTY, v.unitCode, year), { client });
        const state = fold(events.map((e) => domainEvent<FilingEvent>(e)));
        perFiling.readFoldMs += ms(t1);
        t1 = performance.now();
        const scoring = await filingScoring(client, state);
        const inputs = { figures: figuresOf(state), computed: { ...computedOf(state), ...scoring.computed }, score: scoring.score, template: scoring.template, templateVersion: scoring.templateVersion };
        perFiling.scoringMs += ms(t1);
        t1 = performance.now();
        const cause = { correlationId: 'bench', causationId: events.at(-1)?.eventId ?? null };
        perFiling.changes += (await findings.refreshIn(client, ref, state, events.length, inputs, cause)).length;
        perFiling.rulesMs += ms(t1);
        await client.query('ROLLBACK');
        perFiling.filings++;
      }
    } finally {
      client.release();
    }
    perFiling.ms = ms(t);
    const perFilingLoad = done();

    // 1b. County (S) and history (A) rules: `scan` as `perfledger scan` runs it, its two halves timed apart.
    const scanRun = async () => {
      const scanner = new CountyScanService(pool, store);
      const part = { sMs: 0, aMs: 0 };
      const timed = <A extends unknown[], R>(f: (...a: A) => Promise<R>, key: 'sMs' | 'aMs') => async (...a: A) => {
        const t0 = performance.now();
        try {
          return await f(...a);
        } finally {
          part[key] += ms(t0);
        }
      };
      scanner.scanCounty = timed(scanner.scanCounty.bind(scanner), 'sMs');
      scanner.scanFiling = timed(scanner.scanFiling.bind(scanner), 'aMs');
      const [t0, end] = [performance.now(), watch()];
      const report = await scanner.scan(COUNTY, year);
      return { ms: r1(ms(t0)), sMs: r1(part.sMs), aMs: r1(part.aMs), filings: report.filings, changes: report.changes, ...end() };
    };
    const firstScan = await scanRun();
    const rescan = await scanRun();

    // 2. County summary recompute.
    const summaries = new CountySummaryService(pool);
    await summaries.recompute(COUNTY, year, { force: true });
    const summaryMs: number[] = [];
    done = watch();
    for (let i = 0; i < RUNS; i++) {
      t = performance.now();
      await summaries.recompute(COUNTY, year, { force: true });
      summaryMs.push(ms(t));
    }
    const summaryLoad = done();

    // 3. Projection rebuild over the whole log.
    let rebuilt = null;
    if (rebuild) {
      const { rows: log } = await pool.query(`SELECT count(*)::int AS events, count(DISTINCT stream_id)::int AS streams FROM perfledger.events`);
      [t, done] = [performance.now(), watch()];
      const counts = await rebuildReadModels(pool, store);
      const wall = ms(t);
      rebuilt = { events: log[0].events, streams: log[0].streams, ms: Math.round(wall), eventsPerSec: Math.round((log[0].events / wall) * 1000), counts, ...done() };
    }

    const fullMs = perFiling.ms + firstScan.ms;
    return {
      units,
      eventsImported: rows[0].n,
      postgres: rows[0].postgres as string,
      afterSetup,
      perFiling: { ms: r1(perFiling.ms), readFoldMs: r1(perFiling.readFoldMs), scoringMs: r1(perFiling.scoringMs), rulesAndReconcileMs: r1(perFiling.rulesMs), filings: perFiling.filings, changes: perFiling.changes, ...perFilingLoad },
      countyHistoryScan: firstScan,
      rescan,
      fullScanMs: r1(fullMs),
      fullRescanMs: r1(perFiling.ms + rescan.ms),
      summary: { medianMs: r1(median(summaryMs)), minMs: r1(Math.min(...summaryMs)), maxMs: r1(Math.max(...summaryMs)), runs: RUNS, ...summaryLoad },
      rebuild: rebuilt,
    };
  } finally {
    await pool.end();
  }
}

async function main() {
  const results: Awaited<ReturnType<typeof measure>>[] = [];
  for (const [i, units] of SIZES.entries()) results.push(await measure(units, i === SIZES.length - 1));
  await db.drop();
  const [small, large] = [results[0], results[results.length - 1]];
  const growth = (f: (r: (typeof results)[number]) => number) => Math.round((f(large) / large.units / (f(small) / small.units)) * 100) / 100;
  const perUnitGrowth = { perFiling: growth((r) => r.perFiling.ms), countyRules: growth((r) => r.countyHistoryScan.sMs), historyRules: growth((r) => r.countyHistoryScan.aMs), fullScan: growth((r) => r.fullScanMs), summary: growth((r) => r.summary.medianMs) };
  const pct = (share: number | null) => (share === null ? 'n/a' : `${Math.round(share * 100)}%`);
  const noted = (p: { otherShare: number | null; peakRssMb: number }) => `[other processes ${pct(p.otherShare)}, peak RSS ${p.peakRssMb} MB]`;
  const target = (r: { units: number }, ok: boolean, text: string) => (r.units === 300 ? ` — target ${text}: ${ok ? 'met' : 'NOT met'}` : '');
  for (const r of results) {
    const [p, first, again] = [r.perFiling, r.countyHistoryScan, r.rescan];
    const lines = [
      `${r.units} units (${r.eventsImported} events imported; peak RSS after the import ${r.afterSetup.peakRssMb} MB):`,
      `  per-filing rules C/X/P   ${p.ms} ms over ${p.filings} filings (read+fold ${p.readFoldMs}, figures+scores ${p.scoringMs}, rules+reconcile ${p.rulesAndReconcileMs}; ${p.changes} changes) ${noted(p)}`,
      `  county S + history A     ${first.ms} ms (S ${first.sMs}, A ${first.aMs}; ${first.changes} findings events) ${noted(first)}`,
      `    again (nightly rescan) ${again.ms} ms (S ${again.sMs}, A ${again.aMs}; ${again.changes} findings events) ${noted(again)}`,
      `  full scan                ${r.fullScanMs} ms (with the rescan ${r.fullRescanMs} ms)${target(r, r.fullScanMs < 10_000, '< 10 s')}`,
      `  county summary recompute median ${r.summary.medianMs} ms (min ${r.summary.minMs}, max ${r.summary.maxMs}, ${r.summary.runs} runs)${target(r, r.summary.medianMs < 1000, '< 1 s')} ${noted(r.summary)}`,
    ];
    if (r.rebuild) lines.push(`  rebuild of the read models ${r.rebuild.ms} ms for ${r.rebuild.events} events in ${r.rebuild.streams} streams: ${r.rebuild.eventsPerSec} events/s ${noted(r.rebuild)}`);
    show(lines.join('\n'));
  }
  if (results.length > 1) show(`time per unit, ${large.units} vs ${small.units} units: ${JSON.stringify(perUnitGrowth)}; peak RSS ${rssMb()} MB`);
  const machine = { cpu: os.cpus()[0]?.model, cores: os.cpus().length, memoryGiB: r1(os.totalmem() / 2 ** 30), node: process.version, postgres: small.postgres };
  if (JSON_OUT) process.stdout.write(`${JSON.stringify({ seed: SEED, importers: IMPORTERS, results, perUnitGrowth, peakRssMb: rssMb(), machine, startedAt: STARTED })}\n`);
}

const STARTED = new Date().toISOString();
main().catch(async (error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  await db.drop().catch(() => undefined);
  process.exit(1);
});
