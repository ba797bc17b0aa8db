/**
 * API benchmark (`npm run bench:api`): a synthetic county of 300 units (libs/demo, imported through the
 * real import path), the API started as its own process (as in production), and autocannon against it:
 *   - GET the filing view, cycling over the 300 units, at 50 connections;
 *   - GET the county summary at 50 connections (the stored summary, current);
 *   - POST a figure command (append + inline projection + rules) cycling over the units, at 20 connections;
 *   - and, for scale, the floor of this machine: an unknown route (404) and GET auth/me, at 50 connections.
 * Prints requests/s and latency p50/p99 of each. Targets (issue 9): the GETs p99 < 50 ms, the command p99 < 100 ms.
 *
 * Options: --json (one JSON object on the last line), --units N (default 300), --seconds S per run (default 10),
 * --profile DIR (a CPU profile of the API process), --only view|summary|command (one of the three runs).
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/perfledger_api_bench) must name a
 * database whose name contains "bench": it is dropped and recreated.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { CountySummaryService, ImportService, UnitCommandHandler } from '@app/application';
import { generateCounty } from '@app/demo';
import { createPool, PostgresEventStore } from '@app/event-store';
import { scratchDatabase } from './support/scratch-database';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const UNITS = option('units', 300);
const SECONDS = option('seconds', 10);
const JSON_OUT = args.includes('--json');
// --profile DIR: the API process writes a V8 CPU profile there (open it in Chrome DevTools)
// --only view|summary|command: run that one (while profiling or tuning one path)
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const PROFILE = args.includes('--profile') ? args[args.indexOf('--profile') + 1] : undefined;
const PORT = 39_000 + Math.floor(Math.random() * 1000);
const ADMIN = { username: 'bench-admin', password: 'Bench-pass-2024' };
const log = (m: string) => !JSON_OUT && console.log(m);

async function run(title: string, options: autocannon.Options) {
  if (ONLY && !title.toLowerCase().includes(ONLY)) return { requestsPerSecond: 0, p50: 0, p99: 0, errors: 0, non2xx: 0, requests: 0, skipped: true };
  const r = await autocannon({ ...options, duration: SECONDS });
  const out = { requestsPerSecond: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx, requests: r.requests.total, kBPerResponse: Math.round(r.throughput.total / Math.max(1, r.requests.total) / 1024) };
  log(`${title.padEnd(38)} ${String(out.requestsPerSecond).padStart(6)} req/s   p50 ${out.p50} ms   p99 ${out.p99} ms   ${out.kBPerResponse} kB   non-2xx ${out.non2xx}`);
  return out;
}

(async () => {
  // the API runs from dist/ as `npm run start:api` does; build it now rather than while the clock runs
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('../scripts/ensure-built') as { ensureBuilt: () => void }).ensureBuilt();
  const db = scratchDatabase('postgres://postgres@127.0.0.1:5432/perfledger_api_bench');
  await db.recreate();
  const pool = createPool({ connectionString: db.url, appRole: 'perfledger_app', max: 4 });
  let api: ReturnType<typeof spawn> | undefined;
  try {
    const store = new PostgresEventStore(pool);
    const actor = { userId: 'bench', role: 'system' };
    await new UnitCommandHandler(pool, store).registerCounty('430423', '衡山县', { actor, source: 'system' });
    const county = generateCounty({ units: UNITS, seed: 1, year: 2024 });
    const importer = new ImportService(pool, store);
    const codes: string[] = [];
    const started = Date.now();
    let next = 0;
    await Promise.all(
      [0, 1].map(async () => {
        while (next < county.documents.length) {
          const doc = county.documents[next++];
          const r = await importer.import(Buffer.from(doc.text, 'utf8'), { countyCode: '430423', fileName: `bench-${next}.txt`, actor });
          codes.push(r.unit!.code);
        }
      }),
    );
    log(`imported ${codes.length} units in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await new CountySummaryService(pool).recompute('430423', 2024, { force: true });

    api = spawn(process.execPath, [...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : []), join(__dirname, '../scripts/start.js'), 'api'], {
      cwd: join(__dirname, '..'),
      env: { ...process.env, DATABASE_URL: db.url, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', PORT: String(PORT), LOG_LEVEL: 'warn', QUEUE_PREFIX: 'bench-api', PERFLEDGER_ADMIN_USER: ADMIN.username, PERFLEDGER_ADMIN_PASSWORD: ADMIN.password, RATE_LIMIT_PER_MINUTE: '10000000' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${PORT}`;
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/health`).then((r) => r.status === 200, () => false);
      if (ok) break;
      if (i > 300) throw new Error('the API did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };

    // the floor this machine allows: a route that does nothing (404 from the router) and the sign-in
    // check alone (token + user row), at the same 50 connections
    const floor = await run('GET unknown route, floor (50 conn.)', { url: base, connections: 50, requests: [{ method: 'GET', path: '/api/v1/no-such-route' }] });
    const me = await run('GET auth/me, sign-in floor (50 conn.)', { url: base, connections: 50, headers, requests: [{ method: 'GET', path: '/api/v1/auth/me' }] });
    const view = await run('GET filing view (50 conn.)', { url: base, connections: 50, headers, requests: codes.map((c) => ({ method: 'GET', path: `/api/v1/filings/430423/${c}/2024` })) });
    const summary = await run('GET county summary (50 conn.)', { url: base, connections: 50, headers, requests: [{ method: 'GET', path: '/api/v1/counties/430423/summary/2024' }] });
    let n = 0;
    const command = await run('POST figure command (20 conn.)', {
      url: base,
      connections: 20,
      headers,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            n += 1;
            return { ...req, path: `/api/v1/filings/430423/${codes[n % codes.length]}/2024/figures`, body: JSON.stringify({ figures: [{ path: 'basic.savingsMeasures', value: `压减一般性支出（第 ${n} 次）` }], reason: '基准测试' }) };
          },
        },
      ],
    });
    const result = {
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
      units: codes.length,
      seconds: SECONDS,
      floor: { unknownRoute: floor, authMe: me },
      filingView: view,
      countySummary: summary,
      figureCommand: command,
      target: { getP99Ms: 50, commandP99Ms: 100 },
      met: view.p99 < 50 && summary.p99 < 50 && command.p99 < 100,
    };
    console.log(JSON.stringify(result));
  } finally {
    if (api && api.exitCode === null) {
      const exited = new Promise((r) => api!.once('exit', r));
      api.kill('SIGTERM');
      await exited;
    }
    await pool.end();
    await db.drop();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
