import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import Decimal from 'decimal.js';
import type { AppConfig } from '@app/shared';
import { cliJson as json } from '../../../test/support/cli';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { inspectQueue, startWorker, TEST_REDIS_URL, waitFor, workerConfig } from '../../../test/support/worker';

/**
 * A worker process killed (SIGKILL) in the middle of a job that records findings filing by filing: the
 * job's lock lapses, another worker runs it again, and every finding it records is recorded once.
 */
jest.setTimeout(240_000);

const root = path.resolve(__dirname, '../../..');
let db: TestDatabase;
let config: AppConfig;
let inspect: ReturnType<typeof inspectQueue>;
let child: ChildProcess | undefined;
let second: INestApplicationContext | undefined;
const saved = { ...process.env };

beforeAll(async () => {
  db = await createTestDatabase('jobs_kill');
  process.env.DATABASE_URL = db.url;
  process.env.PERFLEDGER_COUNTY = '430423';
  config = workerConfig(db.url, { JOB_LOCK_MS: '1000' });
  inspect = inspectQueue(config);
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await second?.close();
  await inspect?.wipe();
  await inspect?.close();
  process.env = saved;
  await db.drop();
});

function spawnWorker(): ChildProcess {
  return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: config.queuePrefix, JOB_LOCK_MS: '1000', LOG_LEVEL: 'silent', TS_NODE_PROJECT: 'tsconfig.json' },
    stdio: 'ignore',
  });
}

const a02 = async (unit: string) => (await json('findings', unit, '2024')).findings.filter((f: any) => f.ruleId === 'A02');

describe('a worker killed mid-job', () => {
  it('has its job retried by another worker, with the effect applied once', async () => {
    const demo = await json('demo', '--units', '40', '--seed', '9', '--year', '2024');
    await json('round', 'open', '2024', '--deadline', '2024-12-31');
    const units: string[] = demo.units.map((u: any) => u.code).sort();
    const late = units.slice(-2); // scanned last by the nightly job
    for (const unit of late) {
      const full = (await json('figures', unit, '2024')).figures['overall.budget.full'];
      await json('set', unit, '2024', 'overall.budget.full', new Decimal(full).plus(3).toFixed(2)); // no reason: A02
    }
    // only the job under test runs: the reactor starts at the head of the log
    await db.owner.query(
      `INSERT INTO perfledger.checkpoints (name, tx_id, global_position)
       SELECT 'job-reactor', e.tx_id, e.global_position FROM perfledger.events e ORDER BY e.tx_id DESC, e.global_position DESC LIMIT 1`,
    );
    await inspect.queue.add('nightly-rescan', {}, { jobId: 'nightly-kill-test', attempts: 3 });

    child = spawnWorker();
    const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));
    await waitFor('the job part done', async () => {
      const job = await inspect.queue.getJob('nightly-kill-test');
      const p = job?.progress as { filingsDone?: number; filings?: number } | undefined;
      return typeof p === 'object' && p.filingsDone !== undefined && p.filingsDone >= 3 && p.filingsDone < p.filings! - 2;
    }, 120_000);
    child.kill('SIGKILL');
    await exited;
    child = undefined;
    // killed mid-job: the last filings are not scanned yet
    for (const unit of late) expect(await a02(unit)).toEqual([]);
    expect(await (await inspect.queue.getJob('nightly-kill-test'))!.isActive()).toBe(true);

    second = await startWorker(config);
    const done = await waitFor('the job retried to completion', async () => {
      const job = await inspect.queue.getJob('nightly-kill-test');
      return job && (await job.isCompleted()) ? inspect.queue.getJob(job.id!) : null; // read again: the job as it finished
    }, 120_000);
    expect(done.stalledCounter).toBeGreaterThanOrEqual(1);
    expect(done.returnvalue.rounds).toEqual([expect.objectContaining({ countyCode: '430423', year: 2024, filings: 40 })]);
    for (const unit of late) expect(await a02(unit)).toHaveLength(1);
    const doubled = await db.owner.query(
      `SELECT stream_id, data->>'findingId' AS id FROM perfledger.events WHERE type = 'FindingRaised' GROUP BY 1, 2 HAVING count(*) > 1`,
    );
    expect(doubled.rows).toEqual([]);
    // and nothing is left to apply: another scan changes nothing
    expect((await json('scan', '--year', '2024')).changes).toBe(0);
  });
});
