import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { MIGRATIONS } from '../../../../migrations';
import { runMigrations } from '../database/run-migrations';
import { EmbeddedPostgres, EmbeddedPostgresError, startEmbeddedPostgres } from './embedded-postgres';

/**
 * The embedded PostgreSQL (STACK.md, "Embedded default"): a real PGlite, in a worker thread, behind
 * pglite-socket, reached over TCP with node-postgres as the app reaches it. The tests run in order
 * on one data directory: create + migrate, reopen, reset, lock. Each one closes what it opened.
 */
/** A first start runs initdb (~5 s); the project-level testTimeout does not reach the tests, so each says it. */
const TIMEOUT = 60_000;

describe('startEmbeddedPostgres', () => {
  let tmp: string;
  let dataDir: string;

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'perfledger-embedded-'));
    dataDir = join(tmp, 'nested', 'data'); // does not exist yet: mkdir -p
  });

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** Start, run `body` with a pool of 5 (prepared statements off is a TypeORM/event-store setting; plain pg queries are unnamed). */
  async function withEmbedded(options: { reset?: boolean }, body: (db: EmbeddedPostgres, pool: Pool) => Promise<void>): Promise<EmbeddedPostgres> {
    const db = await startEmbeddedPostgres({ dataDir, ...options });
    const pool = new Pool({ connectionString: db.url, max: 5 });
    try {
      await body(db, pool);
    } finally {
      await pool.end(); // before close(): stopping the server drops open connections
      await db.close();
    }
    return db;
  }

  const tableExists = async (pool: Pool, name: string) => (await pool.query(`SELECT to_regclass($1) IS NOT NULL AS ok`, [name])).rows[0].ok as boolean;

  it('creates a new data directory, serves it on an ephemeral port, and the real migrations run over the socket', async () => {
    const db = await withEmbedded({}, async (db, pool) => {
      expect(db.created).toBe(true);
      expect(db.dataDir).toBe(dataDir);
      expect(db.port).toBeGreaterThan(0);
      expect(db.port).not.toBe(5432);
      expect(db.url).toBe(`postgres://postgres@127.0.0.1:${db.port}/postgres`);
      expect(readFileSync(join(dataDir, 'pglite.lock'), 'utf8').trim()).toBe(String(process.pid));

      // The same call as the app (apps/api/src/main.ts), with the embedded url.
      const result = await runMigrations(db.url, MIGRATIONS);
      expect(result).toEqual({ applied: MIGRATIONS.map((m) => new m().name), createdDatabase: false });

      expect(await tableExists(pool, 'perfledger.events')).toBe(true);
      expect(await tableExists(pool, 'perfledger.migrations')).toBe(true);
      const { rows } = await pool.query(`SHOW search_path`);
      expect(rows[0].search_path).toBe('bullmq, public');
      // Everything the migrations created is qualified: nothing landed in the shared search_path's first schema.
      expect((await pool.query(`SELECT count(*)::int AS n FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'bullmq'`)).rows[0].n).toBe(0);

      // Concurrent queries on all five connections (the socket serialises them on PGlite's one session).
      const codes = Array.from({ length: 20 }, (_, i) => `c${String(i).padStart(2, '0')}`);
      await Promise.all(codes.map((code, i) => pool.query(`INSERT INTO perfledger.counties (code, name, version) VALUES ($1, $2, $3)`, [code, `县 ${i}`, i])));
      const counts = await Promise.all(codes.map((code) => pool.query(`SELECT version FROM perfledger.counties WHERE code = $1`, [code])));
      expect(counts.map((r) => r.rows[0].version)).toEqual(codes.map((_, i) => i));
      expect(pool.totalCount).toBe(5);
    });
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);
    await db.close(); // idempotent
  }, TIMEOUT);

  it('reopens the same data directory with its data', async () => {
    await withEmbedded({}, async (db, pool) => {
      expect(db.created).toBe(false);
      expect((await pool.query(`SELECT count(*)::int AS n FROM perfledger.counties`)).rows[0].n).toBe(20);
      expect((await runMigrations(db.url, MIGRATIONS)).applied).toEqual([]);
    });
  }, TIMEOUT);

  it("keeps each connection's parameterised queries and transactions whole while five connections interleave", async () => {
    await withEmbedded({}, async (_db, pool) => {
      // node-postgres sends a query with parameters as Parse/Bind/Describe/Execute/Sync: another connection's
      // message run in between replaced the unnamed statement ("bind message supplies 2 parameters, but
      // prepared statement \"\" requires 3") until the session was given to one connection per sequence
      // (some with a 200 kB parameter, as the filing view is: its messages arrive in several chunks)
      const big = 'x'.repeat(200_000);
      const queries = Array.from({ length: 200 }, (_, i) => {
        const n = 1 + (i % 4); // 1 to 4 parameters
        const params = Array.from({ length: n }, (_, k) => i * 10 + k);
        if (i % 3 === 0) return pool.query(`SELECT length($1::text) - 200000 + ${params.map((_, k) => `$${k + 2}::int`).join(' + ')} AS sum`, [big, ...params]).then((r) => r.rows[0].sum as number);
        return pool.query(`SELECT ${params.map((_, k) => `$${k + 1}::int`).join(' + ')} AS sum`, params).then((r) => r.rows[0].sum as number);
      });
      // and transactions on other connections meanwhile: each sees only its own writes until it commits
      const transactions = Array.from({ length: 5 }, async (_, t) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query(`INSERT INTO perfledger.counties (code, name, version) VALUES ($1, $2, $3)`, [`t${t}`, `事务 ${t}`, t]);
          const { rows } = await client.query(`SELECT count(*)::int AS n FROM perfledger.counties WHERE code LIKE 't%'`);
          await client.query('ROLLBACK');
          return rows[0].n as number;
        } finally {
          client.release();
        }
      });
      const sums = await Promise.all(queries);
      expect(sums).toEqual(Array.from({ length: 200 }, (_, i) => Array.from({ length: 1 + (i % 4) }, (_, k) => i * 10 + k).reduce((a, b) => a + b, 0)));
      expect(await Promise.all(transactions)).toEqual([1, 1, 1, 1, 1]);
      expect((await pool.query(`SELECT count(*)::int AS n FROM perfledger.counties WHERE code LIKE 't%'`)).rows[0].n).toBe(0);
    });
  }, TIMEOUT);

  it('reset: true deletes only <dataDir>/pglite', async () => {
    writeFileSync(join(dataDir, 'keep.txt'), 'not PGlite');
    await withEmbedded({ reset: true }, async (db, pool) => {
      expect(db.created).toBe(true);
      expect(await tableExists(pool, 'perfledger.events')).toBe(false);
    });
    expect(readFileSync(join(dataDir, 'keep.txt'), 'utf8')).toBe('not PGlite');
  }, TIMEOUT);

  it('refuses a data directory in use, and takes over a stale lock', async () => {
    await withEmbedded({}, async (_db, pool) => {
      const second = startEmbeddedPostgres({ dataDir });
      await expect(second).rejects.toBeInstanceOf(EmbeddedPostgresError);
      await expect(second).rejects.toMatchObject({ code: 'data-dir-locked' });
      await expect(second).rejects.toThrow(`另一个 PerfLedger 进程（pid ${process.pid}）正在使用数据目录 ${dataDir}`);
      // The refused start left the first one's lock and server alone.
      expect(readFileSync(join(dataDir, 'pglite.lock'), 'utf8').trim()).toBe(String(process.pid));
      expect((await pool.query(`SELECT 1 AS one`)).rows).toEqual([{ one: 1 }]);
    });

    const deadPid = findDeadPid();
    writeFileSync(join(dataDir, 'pglite.lock'), `${deadPid}\n`);
    await withEmbedded({}, async (db) => {
      expect(db.created).toBe(false);
      expect(readFileSync(join(dataDir, 'pglite.lock'), 'utf8').trim()).toBe(String(process.pid));
    });
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);
  }, TIMEOUT);

  it('reports a data directory that cannot be written', async () => {
    const file = join(tmp, 'file.txt');
    writeFileSync(file, 'a file, not a folder');
    for (const dir of [join(file, 'data'), file]) {
      const start = startEmbeddedPostgres({ dataDir: dir });
      await expect(start).rejects.toMatchObject({ code: 'data-dir-not-writable' });
      await expect(start).rejects.toThrow(/数据目录不可写.*PERFLEDGER_DATA_DIR.*The data directory is not writable.*PERFLEDGER_DATA_DIR/);
      await expect(start).rejects.toThrow(dir);
    }
  }, TIMEOUT);

  it('reports a data directory PGlite cannot open, and releases the lock', async () => {
    const broken = join(tmp, 'broken');
    mkdirSync(join(broken, 'pglite'), { recursive: true });
    writeFileSync(join(broken, 'pglite', 'PG_VERSION'), '99\n'); // "a database from another PostgreSQL"
    await expect(startEmbeddedPostgres({ dataDir: broken })).rejects.toMatchObject({ code: 'start-failed' });
    expect(existsSync(join(broken, 'pglite.lock'))).toBe(false);
  }, TIMEOUT);
});

/** A pid no process has (999999 unless that one happens to exist). */
function findDeadPid(): number {
  for (let pid = 999_999; ; pid++) {
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return pid;
    }
  }
}
