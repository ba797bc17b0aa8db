import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { PostgresEventStore } from '@app/event-store';
import { testEvents } from '../support/events';
import { createTestDatabase, TestDatabase, urlFor } from '../support/test-database';

const run = promisify(execFile);
const BIN = path.resolve(__dirname, '../../bin/perfledger.js');

/** Runs the real `perfledger` bin (building dist/ first if needed) and returns its exit code and output. */
async function perfledger(args: string[], env: Record<string, string | undefined>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('perfledger CLI (the real bin, real PostgreSQL)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('cli');
  }, 120_000);
  afterAll(() => db.drop());

  it('verify on a fresh database: intact, exit 0', async () => {
    const { code, stdout } = await perfledger(['verify'], { DATABASE_URL: db.url });
    expect(code).toBe(0);
    expect(stdout).toMatch(/the log is intact/);
  }, 120_000);

  it('verify --json prints one JSON document on one line; a tampered log exits 1 and names the first broken event', async () => {
    const store = new PostgresEventStore(db.app);
    const streamId = `s-${randomUUID()}`;
    await store.append(streamId, testEvents(3), { expectedVersion: 'no-stream' });
    const sealed = await perfledger(['seal', '--json'], { DATABASE_URL: db.url });
    expect(sealed.code).toBe(0);
    expect(JSON.parse(sealed.stdout).last.root).toMatch(/^[0-9a-f]{64}$/);

    const ok = await perfledger(['verify', '--json'], { DATABASE_URL: db.url });
    expect(ok.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, events: 3, seals: 1, unsealedTail: 0, firstBroken: null });

    const tamper = await db.owner.connect();
    try {
      await tamper.query(`SET session_replication_role = replica`);
      await tamper.query(`UPDATE perfledger.events SET data = '{"n": 1000}' WHERE stream_id = $1 AND version = 2`, [streamId]);
      await tamper.query(`RESET session_replication_role`);
    } finally {
      tamper.release();
    }
    const position = (await db.owner.query(`SELECT global_position::text AS p FROM perfledger.events WHERE stream_id = $1 AND version = 2`, [streamId])).rows[0].p;
    const broken = await perfledger(['verify', '--json'], { DATABASE_URL: db.url });
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, firstBroken: { streamId, version: 2, position, what: expect.stringMatching(/altered/) } });
    const human = await perfledger(['verify'], { DATABASE_URL: db.url });
    expect(human.code).toBe(1);
    expect(human.stdout).toContain(`stream ${streamId}, version 2, position ${position}`);
  }, 120_000);

  it('verify on a database that does not exist yet sets it up and finds an intact, empty log', async () => {
    const name = `perfledger_test_cli_fresh_${randomUUID().slice(0, 6)}`;
    try {
      const { code, stdout, stderr } = await perfledger(['verify', '--json'], { DATABASE_URL: urlFor(name) });
      expect(code).toBe(0);
      expect(stderr).toMatch(/set up a fresh database/);
      expect(JSON.parse(stdout)).toMatchObject({ ok: true, streams: 0, events: 0, seals: 0, firstBroken: null });
    } finally {
      await db.owner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }, 120_000);

  it('names a missing or wrong variable and exits 2; --json failures are {error:{code,message}}', async () => {
    const missing = await perfledger(['verify'], { DATABASE_URL: '' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/DATABASE_URL: is not set/);
    const wrong = await perfledger(['verify', '--json'], { DATABASE_URL: 'mysql://x@y/z' });
    expect(wrong.code).toBe(2);
    expect(JSON.parse(wrong.stdout)).toEqual({ error: { code: 'config', message: expect.stringContaining('DATABASE_URL must be a postgres://') } });
  }, 120_000);

  it('migrate creates a missing database and is idempotent', async () => {
    const name = `perfledger_test_cli_new_${randomUUID().slice(0, 6)}`;
    const url = urlFor(name);
    try {
      const first = await perfledger(['migrate', '--json'], { DATABASE_URL: url });
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout)).toEqual({ createdDatabase: true, applied: expect.arrayContaining([expect.stringMatching(/^EventStore/)]) });
      const again = await perfledger(['migrate', '--json'], { DATABASE_URL: url });
      expect(JSON.parse(again.stdout)).toEqual({ createdDatabase: false, applied: [] });
    } finally {
      await db.owner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }, 120_000);
});
