import { PostgresEventStore } from '@app/event-store';
import { rebuildIntoSchema, runRebuild, unfinishedRun } from '@app/projections';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { cli, cliJson as json } from '../../../test/support/cli';
import type { ReadModelTable } from './rebuild.spec-support';
import { allRows, READ_MODEL_TABLES, seedCounty, shadowTables, tableRows } from './rebuild.spec-support';

/**
 * `perfledger rebuild`: blue/green into the shadow schema, then a content switch that keeps the live tables;
 * resumed from its checkpoint after an interruption, cancelled, one projection alone, one filing alone.
 * Every comparison is with a clean rebuild of the whole log into a fresh schema (`rebuildIntoSchema`).
 */
jest.setTimeout(120_000);

const COUNTY = '430423';
let db: TestDatabase;
let store: PostgresEventStore;
let codes: string[];
const saved = { ...process.env };
let cleanNo = 0;

/** The read models as a clean rebuild of the log (into a fresh schema) has them. */
async function clean(): Promise<Awaited<ReturnType<typeof allRows>>> {
  const schema = `clean_${++cleanNo}`;
  await db.owner.query(`CREATE SCHEMA ${schema}`);
  await rebuildIntoSchema(db.owner, store, schema);
  const rows = await allRows(db.owner, schema);
  await db.owner.query(`DROP SCHEMA ${schema} CASCADE`);
  return rows;
}

const live = () => allRows(db.owner, 'perfledger');
const oids = async () => (await db.owner.query(`SELECT c.relname, c.oid::int FROM pg_class c WHERE c.relnamespace = 'perfledger'::regnamespace AND c.relname = ANY ($1) ORDER BY 1`, [READ_MODEL_TABLES])).rows;
const totalStreams = async () =>
  (await db.owner.query(`SELECT count(*)::int AS n FROM perfledger.streams WHERE stream_id LIKE ANY ($1)`, [['county-%', 'unit-%', 'template-%', 'round-%', 'filing-%', 'findings-%']])).rows[0].n as number;
const runRow = async (id: number) => (await db.owner.query(`SELECT status, last_stream_id, finished_at FROM perfledger.rebuild_runs WHERE id = $1`, [id])).rows[0];

/** Damage in every table, including a row the log does not yield at all. */
async function corrupt(): Promise<void> {
  await db.owner.query(`UPDATE perfledger.counties SET name = 'x'`);
  await db.owner.query(`UPDATE perfledger.units SET name = name || '-stale', version = 99 WHERE code = $1`, [codes[0]]);
  await db.owner.query(`UPDATE perfledger.templates SET note = 'stale'`);
  await db.owner.query(`UPDATE perfledger.rounds SET deadline = '2000-01-01', version = 0`);
  await db.owner.query(`UPDATE perfledger.filing_views SET figures = '{}', status = 'published', version = 999 WHERE unit_code = $1`, [codes[1]]);
  await db.owner.query(`UPDATE perfledger.findings SET status = 'dismissed', actual = 'stale'`);
  await db.owner.query(`INSERT INTO perfledger.findings SELECT 'orphan', stream_id, county_code, unit_code, year, rule_id, severity, table_name, paths, expected, actual, message,
                        message_en, status, review_reason, raised_at, resolved_at, version, updated_at FROM perfledger.findings LIMIT 1`);
}

beforeAll(async () => {
  db = await createTestDatabase('cli_rebuild');
  process.env.DATABASE_URL = db.url;
  process.env.PERFLEDGER_COUNTY = COUNTY;
  store = new PostgresEventStore(db.app);
  ({ codes } = await seedCounty(db.app, store, COUNTY, 8, 5));
});
afterAll(async () => {
  process.env = saved;
  await db.drop();
});

describe('perfledger rebuild', () => {
  it('rebuilds every read model in the shadow and switches the contents, keeping the live tables', async () => {
    const tablesBefore = await oids();
    await corrupt();
    const body = await json('rebuild');
    expect(body).toMatchObject({ status: 'switched', resumed: false, projections: ['counties', 'units', 'templates', 'rounds', 'filings', 'findings', 'users'] });
    expect(body.streamsBuilt).toBe(await totalStreams());
    expect(body.rebuilt).toMatchObject({ counties: 1, units: 8, rounds: 1, filings: 8 });
    expect(body.swapped.findings.deleted).toBe(1); // the orphan
    expect(await live()).toEqual(await clean());
    expect(await oids()).toEqual(tablesBefore); // contents swapped, never a table dropped or renamed
    expect(await shadowTables(db.owner)).toEqual([]);
    expect(await runRow(body.runId)).toMatchObject({ status: 'switched', finished_at: expect.any(Date) });
    // nothing moved: a second run changes no live row
    const again = await json('rebuild');
    for (const t of Object.values(again.swapped) as { inserted: number; updated: number; deleted: number }[]) expect(t).toEqual({ inserted: 0, updated: 0, deleted: 0 });
  });

  it('refuses an unknown read model in Chinese, naming the valid ones', async () => {
    const r = await cli('rebuild', 'views');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('未知的读模型：views');
    expect(r.stderr).toContain('counties、units、templates、rounds、filings、findings');
    expect(JSON.parse((await cli('rebuild', 'views', '--json')).stdout).error.code).toBe('invalid-option');
  });

  it('rebuilds units alone against the live parents and children (foreign keys hold, other tables untouched)', async () => {
    const others = async () => Promise.all((['counties', 'filing_views', 'findings'] as ReadModelTable[]).map((t) => db.owner.query(`SELECT *, updated_at::text FROM perfledger.${t} ORDER BY 1`)));
    const before = (await others()).map((r) => r.rows);
    await db.owner.query(`UPDATE perfledger.units SET name = name || '-stale', version = 0`);
    const body = await json('rebuild', 'units');
    expect(body.projections).toEqual(['units']);
    expect(Object.keys(body.rebuilt)).toEqual(['units']);
    // every unit is referenced by a filing view: deleting the live units and inserting them again would break that key
    expect(body.swapped.units).toEqual({ inserted: 0, updated: 8, deleted: 0 });
    expect(await tableRows(db.owner, 'perfledger', 'units')).toEqual((await clean()).units);
    expect((await others()).map((r) => r.rows)).toEqual(before);
  });

  it('resumes an interrupted run from its checkpoint instead of starting over, and equals a clean rebuild', async () => {
    const K = 5;
    const controller = new AbortController();
    const first = await runRebuild(db.app, store, {
      signal: controller.signal,
      hooks: { afterStream: (_id, n) => (n === K ? controller.abort() : undefined) },
    });
    expect(first).toMatchObject({ status: 'interrupted', streamsBuilt: K });
    expect(await runRow(first.runId)).toMatchObject({ status: 'running', last_stream_id: first.lastStreamId, finished_at: null });
    expect(await shadowTables(db.owner)).toContain('filing_views');
    await corrupt(); // the live tables meanwhile: the resumed run must still switch everything
    const resumed = await json('rebuild');
    expect(resumed).toMatchObject({ runId: first.runId, status: 'switched', resumed: true, resumedAfter: first.lastStreamId });
    expect(resumed.streamsBuilt).toBe((await totalStreams()) - K); // the first K streams were not folded again
    expect(await live()).toEqual(await clean());
    expect(await shadowTables(db.owner)).toEqual([]);
  });

  it('stops on SIGINT after the current stream with a non-zero exit and how to resume; --cancel drops the shadow', async () => {
    const before = (await db.owner.query(`SELECT *, updated_at::text FROM perfledger.filing_views ORDER BY 1`)).rows;
    const listeners = process.listeners('SIGINT');
    const running = cli('rebuild', 'filings', 'findings');
    // once the command listens, and has completed a stream, interrupt it as Ctrl-C would (only its own listener)
    while (process.listeners('SIGINT').length === listeners.length) await new Promise((r) => setImmediate(r));
    for (let i = 0; i < 500 && !(await unfinishedRun(db.owner))?.lastStreamId; i++) await new Promise((r) => setTimeout(r, 2));
    for (const l of process.listeners('SIGINT').filter((l) => !listeners.includes(l))) (l as (s: string) => void)('SIGINT');
    const r = await running;
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/重建 #\d+ 已中断，已完成到事件流 \S+（本次折叠 \d+ 个事件流）/u); // mid-build
    expect(r.stderr).toContain('`perfledger rebuild filings findings` 从断点继续');
    expect(r.stderr).toContain('perfledger rebuild --cancel');
    expect(process.listeners('SIGINT')).toEqual(listeners);
    const open = (await unfinishedRun(db.owner))!;
    expect(open).toMatchObject({ projections: ['filings', 'findings'], status: 'running', leased: false });
    // another selection is refused while this run is unfinished
    const other = await cli('rebuild', 'units');
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('perfledger rebuild filings findings');
    const cancelled = await json('rebuild', '--cancel');
    expect(cancelled).toEqual({ cancelled: { runId: open.id, projections: ['filings', 'findings'] } });
    expect(await shadowTables(db.owner)).toEqual([]);
    expect(await runRow(open.id)).toMatchObject({ status: 'cancelled', finished_at: expect.any(Date) });
    expect((await db.owner.query(`SELECT *, updated_at::text FROM perfledger.filing_views ORDER BY 1`)).rows).toEqual(before);
    expect(await json('rebuild', '--cancel')).toEqual({ cancelled: null });
  });

  it('refuses to cancel or take over a run another process is building; the old `projections rebuild` still works', async () => {
    const controller = new AbortController();
    const tries: { code: number; stderr: string }[] = [];
    const run = await runRebuild(db.app, store, {
      projections: ['counties'],
      signal: controller.signal,
      hooks: {
        afterStream: async () => {
          tries.push(await cli('rebuild', '--cancel'), await cli('rebuild', 'counties'));
          controller.abort();
        },
      },
    });
    expect(run.status).toBe('interrupted');
    for (const t of tries) {
      expect(t.code).toBe(3);
      expect(t.stderr).toContain(`重建 #${run.runId} 正由另一进程`);
    }
    // released on interruption: resumable at once, here through the old spelling
    expect(await json('projections', 'rebuild', 'counties')).toMatchObject({ runId: run.runId, status: 'switched', resumed: true, streamsBuilt: 0 });
  });

  it('--filing re-folds one filing and its findings into the live tables, as a full rebuild would, touching no other filing', async () => {
    const [target, other] = [codes[2], codes[3]];
    const where = (code: string) => ({ sql: 'unit_code = $1', value: code });
    const otherBefore = (await db.owner.query(`SELECT *, updated_at::text FROM perfledger.findings WHERE unit_code <> $1 ORDER BY 1`, [target])).rows;
    const otherViews = (await db.owner.query(`SELECT *, updated_at::text FROM perfledger.filing_views WHERE unit_code <> $1 ORDER BY 1`, [target])).rows;
    // a higher version than the stream's: a plain upsert (`WHERE version <= …`) would keep this row
    await db.owner.query(`UPDATE perfledger.filing_views SET figures = '{}', computed = '{}', status = 'published', version = 999 WHERE unit_code = $1`, [target]);
    await db.owner.query(`DELETE FROM perfledger.findings WHERE finding_id IN (SELECT finding_id FROM perfledger.findings WHERE unit_code = $1 LIMIT 1)`, [target]);
    await db.owner.query(`UPDATE perfledger.findings SET status = 'dismissed', version = 999 WHERE unit_code = $1`, [target]);
    const name = (await db.owner.query(`SELECT name FROM perfledger.units WHERE code = $1`, [target])).rows[0].name;
    const body = await json('rebuild', '--filing', name, '2024');
    const version = (await db.owner.query(`SELECT version FROM perfledger.streams WHERE stream_id = $1`, [`filing-${COUNTY}-${target}-2024`])).rows[0].version;
    expect(body.rebuilt).toMatchObject({ filing: { unit: { code: target }, year: 2024 }, version: Number(version) });
    const full = await clean();
    expect(await tableRows(db.owner, 'perfledger', 'filing_views', {}, where(target))).toEqual(full.filing_views.filter((r) => r.unit_code === target));
    expect(await tableRows(db.owner, 'perfledger', 'findings', {}, where(target))).toEqual(full.findings.filter((r) => r.unit_code === target));
    expect(body.rebuilt.findings).toBe(full.findings.filter((r) => r.unit_code === target).length);
    expect((await db.owner.query(`SELECT *, updated_at::text FROM perfledger.findings WHERE unit_code <> $1 ORDER BY 1`, [target])).rows).toEqual(otherBefore);
    expect((await db.owner.query(`SELECT *, updated_at::text FROM perfledger.filing_views WHERE unit_code <> $1 ORDER BY 1`, [target])).rows).toEqual(otherViews);
    expect(otherViews.some((v) => v.unit_code === other)).toBe(true);
    // by code too; a unit without that year's filing is refused
    expect((await json('rebuild', '--filing', target, '2024')).rebuilt.version).toBe(Number(version));
    const none = await cli('rebuild', '--filing', target, '2023');
    expect(none.code).toBe(3);
    expect(none.stderr).toContain('2023 年度尚无填报');
    expect((await cli('rebuild', '--filing', target)).code).toBe(2);
  });
});
