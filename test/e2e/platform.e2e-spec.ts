import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, login } from '../support/api';
import { freePort, Platform, startPlatform, startRefused } from '../support/platform';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { inspectQueue, TEST_REDIS_URL, waitFor, workerConfig } from '../support/worker';

/**
 * `npm start` end to end, as its own process, in both modes — one code path:
 * - embedded: forced with PERFLEDGER_DB=embedded although a PostgreSQL runs here; PGlite in a temporary data
 *   directory, the jobs queue on BullMQ's PostgreSQL backend in it, the demo seeded on first start;
 * - production: the real PostgreSQL (a test database) and Redis.
 * The same flow runs in each: sign in, import a self-evaluation over HTTP, wait for the jobs (on the queue
 * of the mode) to store the county summary with the new unit, read its findings and the summary.
 */
jest.setTimeout(300_000);

const FIXTURE = readFileSync(join(__dirname, '../fixtures/qinghe-2022-self-evaluation.txt'));
const COUNTY = '430423';
const ADMIN_PASSWORD = 'Platform-pass-2024';

interface Mode {
  name: string;
  embedded: boolean;
}

const upload = (bytes: Buffer, fields: Record<string, string>) => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), 'qinghe-2022.txt');
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
};

/** The shared flow: import over HTTP, then the jobs' results. Returns the imported unit's code. */
async function importAndFollow(admin: Client): Promise<{ unit: string; summary: any; findings: any[] }> {
  const counties = (await admin.request('GET', '/api/v1/counties')).body.counties as { code: string }[];
  if (!counties.some((c) => c.code === COUNTY)) expect((await admin.request('POST', '/api/v1/counties', { body: { code: COUNTY, name: '衡山县' } })).status).toBe(201);
  const imported = await admin.request('POST', '/api/v1/imports', { raw: upload(FIXTURE, { county: COUNTY }) });
  expect(imported.status).toBe(200);
  expect(imported.body).toMatchObject({ year: 2022, created: true, dryRun: false });
  expect(imported.body.eventsAppended).toBeGreaterThan(50);
  const unit = imported.body.unit.code as string;
  // the worker's jobs (reactor → queue → summary job) store a current summary that ranks the new unit
  const summary = await waitFor(
    'the county summary job',
    async () => {
      const res = await admin.request('GET', `/api/v1/counties/${COUNTY}/summary/2022`);
      return res.status === 200 && res.body.source === 'stored' && res.body.ranking.some((r: any) => r.unit.code === unit) ? res.body : null;
    },
    120_000,
  );
  // and the queue drains with nothing failed
  await waitFor('the queue to drain', async () => {
    const c = (await admin.request('GET', '/api/v1/jobs')).body.counts;
    return c && c.waiting + c.active === 0 && c.completed > 0 ? c : null;
  }, 120_000);
  expect((await admin.request('GET', '/api/v1/jobs')).body.counts.failed).toBe(0);
  const findings = (await admin.request('GET', `/api/v1/filings/${COUNTY}/${unit}/2022/findings`)).body.findings as any[];
  return { unit, summary, findings };
}

describe.each<Mode>([
  { name: 'embedded (PGlite; the queue on PostgreSQL)', embedded: true },
  { name: 'production (PostgreSQL and Redis)', embedded: false },
])('npm start — $name', ({ embedded }) => {
  let dataDir: string;
  let db: TestDatabase | undefined;
  let env: Record<string, string>;
  let platform: Platform | undefined;
  let startedIn: number;

  beforeAll(async () => {
    const port = String(await freePort());
    if (embedded) {
      dataDir = mkdtempSync(join(tmpdir(), 'perfledger-platform-'));
      env = { PERFLEDGER_DB: 'embedded', PERFLEDGER_DATA_DIR: dataDir, PORT: port, DATABASE_URL: 'postgres://ignored@127.0.0.1:1/x' };
    } else {
      db = await createTestDatabase('platform');
      env = {
        DATABASE_URL: db.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: `test-platform-${port}`,
        PERFLEDGER_ADMIN_USER: 'admin',
        PERFLEDGER_ADMIN_PASSWORD: ADMIN_PASSWORD,
        PORT: port,
        PROJECTION_POLL_MS: '100',
      };
    }
    const t0 = Date.now();
    platform = await startPlatform(env);
    startedIn = Date.now() - t0;
  });
  afterAll(async () => {
    const code = await platform?.stop();
    if (platform) expect(code).toBe(0); // the orderly shutdown
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (db) {
      // the production run's jobs stay in Redis under its prefix: remove them
      const inspect = inspectQueue(workerConfig(db.url, { QUEUE_PREFIX: env.QUEUE_PREFIX }));
      await inspect.wipe();
      await inspect.close();
    }
    await db?.drop();
  });

  const adminPassword = () => (embedded ? (JSON.parse(readFileSync(join(dataDir, 'demo-logins.json'), 'utf8')).admin.password as string) : ADMIN_PASSWORD);

  it('serves the API; an import over HTTP is followed by the jobs: the stored county summary ranks the unit, and its findings are read', async () => {
    const health = (await (await fetch(`${platform!.base}/health`)).json()) as any;
    if (embedded) expect(health.details.queue).toMatchObject({ status: 'up', backend: 'postgres' });
    else expect(health.details.redis).toMatchObject({ status: 'up', reply: 'PONG' });
    const admin = await login(platform!.base, 'admin', adminPassword());
    const { unit, summary, findings } = await importAndFollow(admin);
    expect(summary.ranking.length).toBeGreaterThanOrEqual(1);
    const ranked = summary.ranking.find((r: any) => r.unit.code === unit);
    expect(ranked).toBeDefined();
    // the findings the rules raised for the filing are the ones the summary counts for it
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => typeof f.ruleId === 'string' && ['error', 'warning', 'info'].includes(f.severity))).toBe(true);
    const counted = Object.values(summary.findings.bySeverity as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(counted).toBeGreaterThanOrEqual(findings.length);
  });

  if (embedded) {
    it('seeded the demo on first start: the fixture unit, a synthetic county with its anomalies, an open round, a login per role', async () => {
      const out = platform!.output();
      expect(out).toContain('/api/docs');
      expect(out).toContain('正在生成演示数据');
      const demo = JSON.parse(readFileSync(join(dataDir, 'demo-logins.json'), 'utf8'));
      expect(demo.report.logins.map((l: any) => l.role).sort()).toEqual(['auditor', 'bureau_admin', 'bureau_reviewer', 'unit_filer']);
      for (const l of demo.report.logins) expect(out).toContain(l.password); // printed on the console
      const admin = await login(platform!.base, 'admin', adminPassword());
      const summary = (await admin.request('GET', `/api/v1/counties/${COUNTY}/summary/2024`)).body;
      expect(summary.ranking).toHaveLength(40);
      expect(Object.values(summary.findings.bySeverity as Record<string, number>).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(demo.report.anomalies);
      const rounds = (await admin.request('GET', `/api/v1/counties/${COUNTY}/rounds`)).body;
      expect(JSON.stringify(rounds)).toContain('2024');
      // the filer sees the fixture's unit and no other
      const filer = demo.report.logins.find((l: any) => l.role === 'unit_filer');
      const f = await login(platform!.base, filer.username, filer.password);
      expect((await f.request('GET', `/api/v1/filings/${COUNTY}/${demo.report.fixtureUnit.code}/2023`)).status).toBe(200);
      const other = summary.ranking[0].unit.code;
      expect((await f.request('GET', `/api/v1/filings/${COUNTY}/${other}/2024`)).status).toBe(404);
    });

    it('keeps the data across a restart (no second demo, the same logins), and starts over with --reset', async () => {
      const before = await login(platform!.base, 'admin', adminPassword());
      const units = (await before.request('GET', `/api/v1/counties/${COUNTY}/units`)).body.units.length as number;
      expect(await platform!.stop()).toBe(0);
      const t0 = Date.now();
      platform = await startPlatform(env);
      const restartMs = Date.now() - t0;
      expect(platform.output()).not.toContain('正在生成演示数据');
      const admin = await login(platform.base, 'admin', adminPassword());
      expect((await admin.request('GET', `/api/v1/counties/${COUNTY}/units`)).body.units).toHaveLength(units);
      expect((await admin.request('GET', `/api/v1/counties/${COUNTY}/summary/2022`)).body.ranking).toHaveLength(1); // the import survived
      console.log(`embedded: first start ${startedIn} ms, restart ${restartMs} ms`);

      expect(await platform.stop()).toBe(0);
      const oldPassword = adminPassword();
      platform = await startPlatform(env, ['--reset']);
      expect(platform.output()).toContain('正在生成演示数据');
      expect(adminPassword()).not.toBe(oldPassword);
      const fresh = await login(platform.base, 'admin', adminPassword());
      expect((await fresh.request('GET', `/api/v1/counties/${COUNTY}/summary/2022`)).body.ranking).toHaveLength(0); // the import is gone
    });

    it('says what is wrong when the port is taken, the data directory cannot be written, a variable is mistyped or Node is too old, and writes nothing', async () => {
      const other = mkdtempSync(join(tmpdir(), 'perfledger-platform-'));
      try {
        const taken = await startRefused({ ...env, PERFLEDGER_DATA_DIR: other });
        expect(taken.code).not.toBe(0);
        expect(taken.output).toMatch(/端口 \d+ 已被占用[\s\S]*port \d+ is in use/u);
        const unwritable = await startRefused({ ...env, PORT: String(await freePort()), PERFLEDGER_DATA_DIR: join(__filename, 'data') });
        expect(unwritable.code).not.toBe(0);
        expect(unwritable.output).toMatch(/数据目录不可写[\s\S]*PERFLEDGER_DATA_DIR/u);
        const typo = await startRefused({ ...env, PORT: 'abc', PERFLEDGER_DATA_DIR: join(other, 'never') });
        expect(typo.code).toBe(2);
        expect(typo.output).toMatch(/PORT: PORT must be a whole number \(got "abc"\)/u);
        // a Node older than 20.19 (the version a preloaded script reports), before anything else
        const preload = join(other, '..', `old-node-${process.pid}.js`);
        writeFileSync(preload, `Object.defineProperty(process.versions, 'node', { value: '18.20.4' });`);
        try {
          const old = await startRefused({ ...env, NODE_OPTIONS: `--require ${preload}`, PERFLEDGER_DATA_DIR: join(other, 'never') });
          expect(old.code).toBe(2);
          expect(old.output).toMatch(/需要 Node\.js 20\.19 或更高版本，当前为 v18\.20\.4[\s\S]*needs Node\.js 20\.19 or later/u);
        } finally {
          rmSync(preload, { force: true });
        }
        expect(readdirOrEmpty(other)).toEqual([]); // no database was started for any of them
      } finally {
        rmSync(other, { recursive: true, force: true });
      }
    });
  }
});

function readdirOrEmpty(dir: string): string[] {
  try {
    return require('node:fs').readdirSync(dir);
  } catch {
    return [];
  }
}
