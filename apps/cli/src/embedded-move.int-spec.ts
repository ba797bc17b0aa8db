import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilingCommandHandler, ImportService, UnitCommandHandler, UserService } from '@app/application';
import { createPool, PostgresEventStore, Sealer } from '@app/event-store';
import { runMigrations, startEmbeddedPostgres } from '@app/shared';
import { MIGRATIONS } from '../../../migrations';
import { cli } from '../../../test/support/cli';
import { testEvents } from '../../../test/support/events';
import { adminQuery, TEST_ADMIN_URL, urlFor } from '../../../test/support/test-database';

/**
 * `perfledger embedded-to-postgres`: the embedded mode's data (a real PGlite data directory) moved into a
 * real, empty PostgreSQL. The log must arrive byte for byte (positions, transaction ids, hashes, times), so
 * the target's verify passes, its rebuilt views equal the source's, and its users can still sign in.
 */
jest.setTimeout(180_000);

const FIXTURE = readFileSync(join(__dirname, '../../../test/fixtures/hengshan-2023-self-evaluation.txt'));
const actor = { userId: 'test', role: 'system' };
const context = { actor, source: 'system' as const };
/** Every column of every event, as PostgreSQL prints it, in cursor order. */
const LOG_SQL = `SELECT to_json(e)::text AS row FROM perfledger.events e ORDER BY tx_id, global_position`;
const VIEW_SQL = `SELECT figures::text || computed::text || tables::text AS v FROM perfledger.filing_views ORDER BY stream_id`;

let tmp: string;
let dataDir: string;
const target = `perfledger_move_test_${process.pid}`;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'perfledger-move-'));
  dataDir = join(tmp, 'data');
  await adminQuery(`DROP DATABASE IF EXISTS ${target}`);
});
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await adminQuery(`DROP DATABASE IF EXISTS ${target}`);
});

/** Opens the embedded database, runs `work` with a pool on it, closes it. */
async function withEmbedded<T>(work: (pool: import('pg').Pool, store: PostgresEventStore) => Promise<T>): Promise<T> {
  const embedded = await startEmbeddedPostgres({ dataDir });
  const pool = createPool({ connectionString: embedded.url, appRole: null, max: 3 });
  try {
    return await work(pool, new PostgresEventStore(pool, { preparedStatements: false }));
  } finally {
    await pool.end();
    await embedded.close();
  }
}

it('moves the log, seals and logins exactly; the target verifies, rebuilds the same views, signs the user in, and refuses a second move', async () => {
  const source = await withEmbedded(async (pool, store) => {
    await runMigrations(`postgres://postgres@127.0.0.1:${new URL(pool.options.connectionString!).port}/postgres`, MIGRATIONS);
    await new UnitCommandHandler(pool, store).registerCounty('430423', '衡山县', context);
    const report = await new ImportService(pool, store).import(FIXTURE, { countyCode: '430423', fileName: 'hengshan.txt', actor });
    await new FilingCommandHandler(pool, store).execute(
      { countyCode: '430423', unitCode: report.unit!.code, year: 2023 },
      { type: 'SetFigure', path: 'overall.total.score', value: '97' },
      { ...context, reason: '更正' },
    );
    await new UserService(pool, store).addUser({ type: 'AddUser', username: 'moved-admin', role: 'bureau_admin' }, 'Moved-pass-2024', context);
    await new Sealer(pool, { everyEvents: 100, everySeconds: 1 }).sealDue(true);
    return {
      log: (await pool.query(LOG_SQL)).rows.map((r) => r.row as string),
      views: (await pool.query(VIEW_SQL)).rows.map((r) => r.v as string),
      seals: (await pool.query(`SELECT to_json(s)::text AS row FROM perfledger.seals s ORDER BY seal_no`)).rows.map((r) => r.row as string),
    };
  });
  expect(source.log.length).toBeGreaterThan(200);
  expect(source.seals.length).toBeGreaterThanOrEqual(1);

  const url = urlFor(target, TEST_ADMIN_URL);
  const moved = await cli('embedded-to-postgres', url, '--data-dir', dataDir, '--json');
  expect(moved.code).toBe(0);
  const report = JSON.parse(moved.stdout);
  expect(report.copied).toMatchObject({ events: source.log.length, seals: source.seals.length, user_credentials: 1 });
  expect(report.verified).toMatchObject({ ok: true, events: source.log.length, seals: source.seals.length });
  expect(report.resequence).toBeNull(); // PGlite's transaction ids are below this cluster's

  const pool = createPool({ connectionString: url, appRole: 'perfledger_app', max: 2 });
  try {
    expect((await pool.query(LOG_SQL)).rows.map((r) => r.row)).toEqual(source.log);
    expect((await pool.query(`SELECT to_json(s)::text AS row FROM perfledger.seals s ORDER BY seal_no`)).rows.map((r) => r.row)).toEqual(source.seals);
    expect((await pool.query(VIEW_SQL)).rows.map((r) => r.v)).toEqual(source.views);
    const store = new PostgresEventStore(pool);
    expect((await new UserService(pool, store).verifyLogin('moved-admin', 'Moved-pass-2024')).role).toBe('bureau_admin');
    // the log goes on after the moved positions
    await store.append('moved-next', testEvents(1), { expectedVersion: 'no-stream' });
    const { rows } = await pool.query(`SELECT global_position::text AS p FROM perfledger.events WHERE stream_id = 'moved-next'`);
    expect(BigInt(rows[0].p)).toBeGreaterThan(BigInt(JSON.parse(source.log[source.log.length - 1]).global_position));
  } finally {
    await pool.end();
  }

  const again = await cli('embedded-to-postgres', url, '--data-dir', dataDir);
  expect(again.code).not.toBe(0);
  expect(again.stderr + again.stdout).toMatch(/目标数据库已有 \d+ 个事件/u);
});

it('refuses a data directory with no embedded database, and a target that is not a postgres:// URL', async () => {
  const empty = await cli('embedded-to-postgres', urlFor(target, TEST_ADMIN_URL), '--data-dir', join(tmp, 'nothing-here'));
  expect(empty.code).not.toBe(0);
  expect(empty.stderr + empty.stdout).toMatch(/没有嵌入式数据库/u);
  const bad = await cli('embedded-to-postgres', 'mysql://x', '--data-dir', dataDir);
  expect(bad.code).toBe(2);
  expect(bad.stderr + bad.stdout).toMatch(/postgres:\/\//u);
});
