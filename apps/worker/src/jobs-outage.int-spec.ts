import type { INestApplicationContext } from '@nestjs/common';
import Decimal from 'decimal.js';
import type { AppConfig } from '@app/shared';
import { cliJson as json } from '../../../test/support/cli';
import { TcpProxy } from '../../../test/support/tcp-proxy';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { inspectQueue, startWorker, waitFor, workerConfig } from '../../../test/support/worker';

/**
 * Redis goes away (a proxy in front of the real Redis cuts every connection): commands keep succeeding,
 * since the events are in PostgreSQL; the reactor's checkpoint stops; when Redis returns, every job the
 * missed changes call for runs, once.
 */
jest.setTimeout(180_000);

let db: TestDatabase;
let config: AppConfig;
let worker: INestApplicationContext;
let inspect: ReturnType<typeof inspectQueue>;
const proxy = new TcpProxy({ host: '127.0.0.1', port: 6379 });
const saved = { ...process.env };
const trace = (m: string) => process.env.DEBUG_JOBS && process.stderr.write(`[outage] ${m}\n`);

beforeAll(async () => {
  db = await createTestDatabase('jobs_outage');
  process.env.DATABASE_URL = db.url;
  process.env.PERFLEDGER_COUNTY = '430423';
  await proxy.up();
  config = workerConfig(db.url, { REDIS_URL: proxy.url });
  inspect = inspectQueue(config);
  worker = await startWorker(config);
});
afterAll(async () => {
  await proxy.up().catch(() => undefined);
  trace('closing the worker');
  await worker?.close();
  trace('closed');
  await proxy.down();
  await inspect?.wipe();
  await inspect?.close();
  process.env = saved;
  await db.drop();
});

const reactorCursor = async () =>
  (await db.owner.query(`SELECT tx_id::text AS tx, global_position::text AS position FROM perfledger.checkpoints WHERE name = 'job-reactor'`)).rows[0];
const streamVersion = async (streamId: string) =>
  Number((await db.owner.query(`SELECT version FROM perfledger.streams WHERE stream_id = $1`, [streamId])).rows[0].version);
const idle = async () => {
  const c = await inspect.queue.getJobCounts('waiting', 'active', 'prioritized');
  return c.waiting + c.active + c.prioritized === 0;
};

describe('a Redis outage', () => {
  it('loses no job and runs none twice', async () => {
    const demo = await json('demo', '--units', '10', '--seed', '5', '--year', '2024');
    await waitFor('the first summary', async () => {
      const row = (await db.owner.query(`SELECT summary FROM perfledger.county_summaries WHERE county_code = '430423' AND year = 2024`)).rows[0];
      return row?.summary.ranking.length === 10 && (await idle());
    });
    const before = await reactorCursor();
    trace(`quiet at ${JSON.stringify(before)}`);

    await proxy.down();
    trace('redis down');
    const edited = demo.units.slice(2, 6).map((u: any) => u.code as string);
    for (const unit of edited) {
      const full = (await json('figures', unit, '2024')).figures['overall.budget.full'];
      // an adjustment with no reason or document: A02, found only by the history scan job
      await json('set', unit, '2024', 'overall.budget.full', new Decimal(full).plus(2).toFixed(2));
    }
    const finals = new Map<string, number>();
    for (const unit of edited) finals.set(unit, await streamVersion(`filing-430423-${unit}-2024`));
    await new Promise((r) => setTimeout(r, 1500));
    // the reactor could not enqueue, so it did not move past the changes
    expect(await reactorCursor()).toEqual(before);

    trace('edits done');
    await proxy.up();
    trace('redis up');
    for (const unit of edited) {
      const id = `scan-filing_430423_${unit}_2024_v${finals.get(unit)}`;
      const job = await waitFor(`job ${id}`, async () => {
        const j = await inspect.queue.getJob(id);
        return j && (await j.isCompleted()) ? inspect.queue.getJob(id) : null; // read again: the job as it finished
      }, 60_000);
      expect(job.attemptsMade).toBe(1);
      expect(job.returnvalue).toMatchObject({ state: 'done' });
      const { findings } = await json('findings', unit, '2024');
      expect(findings.filter((f: any) => f.ruleId === 'A02')).toHaveLength(1);
    }
    const summary = await waitFor('the summary after the outage', async () => {
      const row = (await db.owner.query(`SELECT summary, stream_versions FROM perfledger.county_summaries WHERE county_code = '430423' AND year = 2024`)).rows[0];
      // every edited filing and its findings (the history scans' A02) at their current versions
      const current = new Map<string, number>();
      for (const u of edited) for (const kind of ['filing', 'findings']) current.set(`${kind}-430423-${u}-2024`, await streamVersion(`${kind}-430423-${u}-2024`));
      return [...current].every(([stream, v]) => row.stream_versions[stream] === v) && (await idle()) ? row : null;
    });
    expect(summary.summary.findings.byRule.A02).toBe(edited.length);
    expect(await inspect.queue.getFailedCount()).toBe(0);
    // once each: no finding raised twice, and no job id ran more than one attempt
    const doubled = await db.owner.query(
      `SELECT stream_id, data->>'findingId' AS id FROM perfledger.events WHERE type = 'FindingRaised' GROUP BY 1, 2 HAVING count(*) > 1`,
    );
    expect(doubled.rows).toEqual([]);
    const completed = await inspect.queue.getCompleted(0, -1);
    expect(completed.filter((j) => j.attemptsMade !== 1).map((j) => j.id)).toEqual([]);
    expect((await reactorCursor()).position).not.toBe(before.position);
  });
});
