import path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import Decimal from 'decimal.js';
import type { AppConfig } from '@app/shared';
import { cliJson as json } from '../../../test/support/cli';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { inspectQueue, startWorker, waitFor, workerConfig } from '../../../test/support/worker';

/**
 * The worker end to end against the real PostgreSQL and Redis: commands only append (and project their
 * filing inline); the reactor turns the log into jobs, and the county summary and the county and history
 * rules follow with no manual step.
 */
jest.setTimeout(120_000);

let db: TestDatabase;
let config: AppConfig;
let worker: INestApplicationContext;
let inspect: ReturnType<typeof inspectQueue>;
const saved = { ...process.env };

beforeAll(async () => {
  db = await createTestDatabase('worker_e2e');
  process.env.DATABASE_URL = db.url;
  process.env.PERFLEDGER_COUNTY = '430423';
  config = workerConfig(db.url, { SEAL_EVERY_SECONDS: '1', SEAL_EVERY_EVENTS: '500' });
  process.env.REDIS_URL = config.redisUrl;
  process.env.QUEUE_PREFIX = config.queuePrefix;
  process.env.QUEUE_BACKEND = config.queueBackend; // the CLI (`perfledger jobs`) reads the same queue
  inspect = inspectQueue(config);
  worker = await startWorker(config);
});
afterAll(async () => {
  await worker?.close();
  await inspect?.wipe();
  await inspect?.close();
  process.env = saved;
  await db.drop();
});

const storedSummary = async () =>
  (await db.owner.query(`SELECT summary, stream_versions FROM perfledger.county_summaries WHERE county_code = '430423' AND year = 2024`)).rows[0] ?? null;

describe('the worker', () => {
  it('keeps the county summary and the county and history findings current after imports and edits', async () => {
    const demo = await json('demo', '--units', '12', '--seed', '11', '--year', '2024');
    // the summary the jobs store reaches every unit, with no manual step
    const first = await waitFor('a stored summary of 12 units', async () => {
      const row = await storedSummary();
      return row && row.summary.ranking.length === 12 && row.summary.filings.draft === 12 ? row : null;
    });
    expect(first.summary.units).toBe(12);
    await waitFor('the queue to drain', async () => {
      const c = await inspect.queue.getJobCounts('waiting', 'active', 'prioritized');
      return c.waiting + c.active + c.prioritized === 0;
    });
    // the jobs ran through the configured store: on QUEUE_BACKEND=postgres they are rows of bullmq.job
    if (config.queueBackend === 'postgres') expect((await db.owner.query(`SELECT count(*)::int AS n FROM bullmq.job`)).rows[0].n).toBeGreaterThan(0);
    // with the county (S) and history (A) rules run too, the findings are exactly the injected anomalies
    const expected = new Set(demo.anomalies.map((a: any) => `${a.unit.code}|${a.ruleId}|${a.table}|${a.path}`));
    const found = new Set<string>();
    for (const u of demo.units) {
      for (const f of (await json('findings', u.code, '2024')).findings) found.add(`${u.code}|${f.ruleId}|${f.table}|${f.paths[0]}`);
    }
    expect([...found].sort()).toEqual([...expected].sort());
    expect(await db.owner.query(`SELECT 1 FROM perfledger.county_scans WHERE county_code = '430423' AND year = 2024`)).toHaveProperty('rowCount', 1);
    const unit = demo.units[3].code;

    // one unit's execution far below the others' (S02) and an adjustment typed without a reason (A02)
    const figures = (await json('figures', unit, '2024')).figures;
    await json('set', unit, '2024', 'overall.budget.executed', '0.01', '--reason', '核对');
    await json('set', unit, '2024', 'overall.budget.full', new Decimal(figures['overall.budget.full']).plus(1).toFixed(2)); // no --reason, no --document
    await json('set', unit, '2024', 'basic.savingsMeasures', '严格执行过紧日子要求'); // the last change: a later version to wait for
    const version = Number((await db.owner.query(`SELECT version FROM perfledger.streams WHERE stream_id = $1`, [`filing-430423-${unit}-2024`])).rows[0].version);

    const edited = await waitFor('S02 and A02 on the edited unit', async () => {
      const { findings } = await json('findings', unit, '2024');
      const rules = new Set(findings.map((f: any) => f.ruleId));
      return rules.has('S02') && rules.has('A02') ? findings : null;
    });
    expect(edited.find((f: any) => f.ruleId === 'S02')).toMatchObject({ severity: 'info', status: 'open' });

    // the stored summary catches up with the filing's last version and counts the new findings
    const after = await waitFor('the summary of the edited filing', async () => {
      const row = await storedSummary();
      return row && row.stream_versions[`filing-430423-${unit}-2024`] >= version && row.summary.findings.byRule.S02 >= 1 && row.summary.findings.byRule.A02 >= 1 ? row : null;
    });
    expect(after.summary.ranking.map((r: any) => r.unit.code)).toContain(unit);

    // `perfledger summary` shows the stored one once it is current
    const cliSummary = await waitFor('perfledger summary from the store', async () => {
      const s = await json('summary', '430423', '2024');
      return s.source === 'stored' ? s : null;
    });
    expect(cliSummary.ranking.map((r: any) => r.unit.code)).toContain(unit);

    // every job ran once: the filing's history scan of its last version completed, nothing failed
    const job = await waitFor('the history scan job', async () => {
      const j = await inspect.queue.getJob(`scan-filing_430423_${unit}_2024_v${version}`);
      return j && (await j.isCompleted()) ? inspect.queue.getJob(j.id!) : null; // read again: the job as it finished
    });
    expect(job.attemptsMade).toBe(1);
    expect(await inspect.queue.getFailedCount()).toBe(0);
    // and each finding was raised once, however many jobs looked at the filing
    const raised = await db.owner.query(
      `SELECT data->>'findingId' AS id, count(*)::int AS n FROM perfledger.events WHERE type = 'FindingRaised' AND stream_id = $1 GROUP BY 1 HAVING count(*) > 1`,
      [`findings-430423-${unit}-2024`],
    );
    expect(raised.rows).toEqual([]);
  });

  it('follows an import of the official document with the summary, the unit in its ranking, with no manual step', async () => {
    const imported = await json('import', path.resolve(__dirname, '../../../test/fixtures/hengshan-2023-self-evaluation.txt'));
    const code = imported.unit.code;
    const summary = await waitFor('perfledger summary of 2023 from the store, with the imported unit', async () => {
      const s = await json('summary', '430423', '2023');
      return s.source === 'stored' && s.ranking.some((r: any) => r.unit.code === code) ? s : null;
    });
    expect(summary.ranking.find((r: any) => r.unit.code === code)).toMatchObject({ unit: { name: '衡山县社会治理和网格化信息中心' }, selfScore: expect.any(String) });
    expect(summary.filings.draft).toBe(1);
    // the history scan of the imported filing ran too (an import is not a change made in the platform: no A02)
    const version = Number((await db.owner.query(`SELECT version FROM perfledger.streams WHERE stream_id = $1`, [`filing-430423-${code}-2023`])).rows[0].version);
    await waitFor('the imported filing\'s history scan', async () => (await inspect.queue.getJob(`scan-filing_430423_${code}_2023_v${version}`))?.isCompleted());
    expect((await json('findings', code, '2023')).findings.filter((f: any) => f.ruleId.startsWith('A'))).toEqual([]);
  });

  it('keeps a job that fails as failed, with its error, for `perfledger jobs` to show and retry', async () => {
    const id = 'scan-county_999999_2024_manual-test';
    await inspect.queue.add('scan-county', { countyCode: '999999', year: 2024, trigger: null }, { jobId: id, attempts: 2, backoff: { type: 'fixed', delay: 100 } });
    const failed = await waitFor('the job to fail for good', async () => {
      const j = await inspect.queue.getJob(id);
      return j && (await j.isFailed()) ? inspect.queue.getJob(j.id!) : null;
    });
    expect(failed.attemptsMade).toBe(2);
    const listed = await json('jobs', '--failed');
    expect(listed.counts.failed).toBe(1);
    expect(listed.failed).toEqual([expect.objectContaining({ id, name: 'scan-county', attempts: 2, error: '行政区划 999999 不存在' })]);
    expect(await json('jobs', '--retry', id)).toEqual({ retried: [id] });
    await waitFor('the retried job to fail again', async () => ((await inspect.queue.getJob(id))?.attemptsMade ?? 0) > 2 && (await inspect.queue.getJob(id))!.isFailed());
    await inspect.queue.remove(id);
  });

  it('seals the log and rescans open rounds on a schedule', async () => {
    const scheduler = await inspect.queue.getJobScheduler('nightly-rescan');
    expect(scheduler).toMatchObject({ name: 'nightly-rescan', pattern: '0 2 * * *', tz: 'Asia/Shanghai' });
    // the seal job runs every second here: the thousands of events the demo appended get sealed
    const seals = await waitFor('a seal', async () => {
      const { rows } = await db.owner.query(`SELECT count(*)::int AS n, sum(event_count)::int AS events FROM perfledger.seals`);
      return rows[0].n > 0 ? rows[0] : null;
    });
    expect(seals.events).toBeGreaterThanOrEqual(500);
    const verify = await json('verify');
    expect(verify).toMatchObject({ ok: true });
    expect(verify.seals).toBeGreaterThan(0);
  });
});
