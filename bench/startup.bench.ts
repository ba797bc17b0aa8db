/**
 * Startup benchmark (`npm run bench:startup`): `npm start` as its own process, timed from spawn to the first
 * 200 from /health, with the process's resident memory (RSS, /proc) then and after the jobs have settled.
 *   - embedded: a first start with dist/ removed (the build included, as after `npm ci`), a first start with
 *     dist/ built (an empty data directory: PGlite's initdb, migrations, the demo of 41 self-evaluations),
 *     and a restart on the same data;
 *   - production: PostgreSQL (a fresh database) and Redis, first start and restart, for comparison.
 * Options: --json (one JSON object on the last line), --no-build (skip the run that rebuilds dist/),
 * --settle S (seconds to wait before the second RSS reading, default 20).
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/perfledger_startup_bench) must name a
 * database whose name contains "bench": it is dropped and recreated.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { scratchDatabase } from './support/scratch-database';

const ROOT = join(__dirname, '..');
const args = process.argv.slice(2);
const JSON_OUT = args.includes('--json');
const BUILD = !args.includes('--no-build');
const SETTLE = args.includes('--settle') ? Number(args[args.indexOf('--settle') + 1]) : 20;
const log = (m: string) => !JSON_OUT && console.log(m);

const rssMb = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/u.exec(status)![1]) / 1024);
};

interface Run {
  firstResponseMs: number;
  rssAtFirstResponseMb: number;
  rssSettledMb: number;
}

async function startOnce(env: Record<string, string>, port: number): Promise<Run> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'scripts/start.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status === 200, () => false);
      if (ok) break;
      if (performance.now() - started > 300_000) throw new Error('no answer within 300 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    const firstResponseMs = Math.round(performance.now() - started);
    const rssAtFirstResponseMb = rssMb(child.pid!);
    await new Promise((r) => setTimeout(r, SETTLE * 1000));
    return { firstResponseMs, rssAtFirstResponseMb, rssSettledMb: rssMb(child.pid!) };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

const show = (title: string, r: Run) => log(`${title.padEnd(44)} first response ${(r.firstResponseMs / 1000).toFixed(1).padStart(5)} s   RSS ${r.rssAtFirstResponseMb} MB, after ${SETTLE} s ${r.rssSettledMb} MB`);

(async () => {
  const port = 39_000 + Math.floor(Math.random() * 1000);
  const result: Record<string, unknown> = { machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version }, settleSeconds: SETTLE };
  const dataDir = mkdtempSync(join(os.tmpdir(), 'perfledger-startup-'));
  const embedded = { PERFLEDGER_DB: 'embedded', PERFLEDGER_DATA_DIR: dataDir };
  try {
    if (BUILD) {
      rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
      result.embeddedFirstWithBuild = await startOnce(embedded, port);
      show('embedded, first start, build included', result.embeddedFirstWithBuild as Run);
      rmSync(dataDir, { recursive: true, force: true });
    }
    result.embeddedFirst = await startOnce(embedded, port);
    show('embedded, first start (initdb, demo)', result.embeddedFirst as Run);
    result.embeddedRestart = await startOnce(embedded, port);
    show('embedded, restart', result.embeddedRestart as Run);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const db = scratchDatabase('postgres://postgres@127.0.0.1:5432/perfledger_startup_bench');
  await db.recreate();
  try {
    const production = { DATABASE_URL: db.url, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', QUEUE_PREFIX: `bench-startup-${port}`, PERFLEDGER_ADMIN_USER: 'admin', PERFLEDGER_ADMIN_PASSWORD: 'Bench-pass-2024' };
    result.productionFirst = await startOnce(production, port);
    show('production (PostgreSQL + Redis), first start', result.productionFirst as Run);
    result.productionRestart = await startOnce(production, port);
    show('production (PostgreSQL + Redis), restart', result.productionRestart as Run);
  } finally {
    await db.drop();
  }
  const first = (result.embeddedFirstWithBuild ?? result.embeddedFirst) as Run;
  result.target = { firstStartMs: 90_000, restartMs: 15_000 };
  result.met = first.firstResponseMs < 90_000 && (result.embeddedRestart as Run).firstResponseMs < 15_000;
  console.log(JSON.stringify(result));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
