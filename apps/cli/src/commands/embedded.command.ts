import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { createPool, PostgresEventStore, Verifier } from '@app/event-store';
import { rebuildReadModels } from '@app/projections';
import { EmbeddedPostgresError, runMigrations, startEmbeddedPostgres } from '@app/shared';
import { MIGRATIONS } from '../../../../migrations';
import { CliFailure, EXIT, printJson } from '../cli-output';

/**
 * What moves: the log and what cannot be rebuilt from it. Streams, events and seals keep every column as
 * stored — positions, transaction ids, hashes, times to the microsecond — because the hash chains and the
 * seal roots cover them; the rows travel as PostgreSQL's own JSON text, never through JavaScript numbers or
 * dates. Sign-in credentials (argon2 hashes) move too. The read models are rebuilt from the log on the target;
 * sessions (refresh tokens), idempotency keys, the queue's jobs and the signing key are not moved: users sign
 * in again, and the jobs are enqueued again by the reactor from the start of the log.
 */
const TABLES: { table: string; order: string; key: string[]; overriding?: boolean }[] = [
  { table: 'streams', order: 'stream_id', key: ['stream_id'] },
  { table: 'events', order: 'tx_id, global_position', key: ['tx_id', 'global_position'], overriding: true },
  { table: 'seals', order: 'seal_no', key: ['seal_no'] },
  { table: 'user_credentials', order: 'username', key: ['username'] },
];
const BATCH = 2000;

export interface MoveReport {
  from: string;
  to: string;
  copied: Record<string, number>;
  readModels: Record<string, number>;
  verified: { ok: boolean; events: number; streams: number; seals: number };
  /** null when the target's transaction counter is past the log; else the re-sequencing to do (docs/operations.md) */
  resequence: { highestTxId: string; nextTxId: string; epoch: string; xid: string; command: string } | null;
}

/**
 * `perfledger embedded-to-postgres <target-url> [--data-dir DIR]`: moves the embedded mode's data to a real
 * PostgreSQL. The embedded database is opened from its data directory (npm start must be stopped: its lock
 * says so); the target is migrated and must hold no events; everything is copied in one transaction there,
 * then the read models are rebuilt and the whole log verified on the target.
 */
export async function embeddedToPostgresCommand(target: string, options: { dataDir?: string; appRole?: string; json?: boolean }): Promise<number> {
  if (!/^postgres(ql)?:\/\/\S+$/u.test(target)) throw new CliFailure('invalid-url', `目标数据库应为 postgres:// 地址，实为“${target}” (the target must be a postgres:// URL)`, EXIT.usage);
  const dataDir = resolve(options.dataDir?.trim() || process.env.PERFLEDGER_DATA_DIR?.trim() || '.data');
  const appRole = options.appRole === '-' ? null : (options.appRole ?? 'perfledger_app');
  if (!existsSync(join(dataDir, 'pglite', 'PG_VERSION'))) {
    throw new CliFailure('no-embedded-data', `${dataDir} 中没有嵌入式数据库 (no embedded database in ${dataDir}): set --data-dir or PERFLEDGER_DATA_DIR`);
  }
  let embedded;
  try {
    embedded = await startEmbeddedPostgres({ dataDir });
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) throw new CliFailure(error.code, error.message);
    throw error;
  }
  const source = createPool({ connectionString: embedded.url, appRole: null, max: 1, applicationName: 'perfledger-move' });
  try {
    await runMigrations(target, MIGRATIONS);
    const owner = createPool({ connectionString: target, appRole: null, max: 1, applicationName: 'perfledger-move' });
    const copied: Record<string, number> = {};
    try {
      await inTransaction(owner, async (tx) => {
        const { rows } = await tx.query(`SELECT count(*)::int AS n FROM perfledger.events`);
        if (rows[0].n > 0) throw new CliFailure('target-not-empty', `目标数据库已有 ${rows[0].n} 个事件：只能迁入空库 (the target already holds ${rows[0].n} events: move into an empty database)`);
        for (const t of TABLES) copied[t.table] = await copyTable(source, tx, t);
        // the identity goes on after the last copied position
        await tx.query(`SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence('perfledger.events', 'global_position'), GREATEST((SELECT max(global_position) FROM perfledger.events), 1), (SELECT count(*) > 0 FROM perfledger.events))`);
      });
      const resequence = await resequenceNeeded(owner);
      const app = createPool({ connectionString: target, appRole, max: 2, applicationName: 'perfledger-move' });
      let readModels: Record<string, number>;
      let verified: MoveReport['verified'];
      try {
        readModels = (await rebuildReadModels(app, new PostgresEventStore(app))) as unknown as Record<string, number>;
        const report = await new Verifier(app).verify();
        verified = { ok: report.ok, events: report.events, streams: report.streams, seals: report.seals };
      } finally {
        await app.end();
      }
      const result: MoveReport = { from: dataDir, to: target.replace(/:[^:@/]*@/u, ':***@'), copied, readModels, verified, resequence };
      if (options.json) printJson(result);
      else {
        process.stdout.write(
          `已迁移到 ${result.to}：事件 ${copied.events} 个、流 ${copied.streams} 个、封存 ${copied.seals} 个、登录凭据 ${copied.user_credentials} 个；读模型已重建；` +
            `${verified.ok ? '事件日志校验通过' : '事件日志校验未通过'} (${verified.events} events, ${verified.seals} seals).\n`,
        );
        if (resequence) {
          process.stdout.write(
            `注意：目标集群的事务号 (${resequence.nextTxId}) 不大于日志中的最大事务号 (${resequence.highestTxId})，投影器会拒绝运行。\n` +
              `请先停止该集群，以其所有者身份执行：\n  ${resequence.command}\n再启动（docs/operations.md，“After a dump/restore: re-sequencing”）。\n`,
          );
        }
        process.stdout.write('然后以 DATABASE_URL（及 REDIS_URL 或 QUEUE_BACKEND=postgres）启动：用户需重新登录，后台任务会从头重新计算汇总。\n');
      }
      return verified.ok ? EXIT.ok : EXIT.checkFailed;
    } finally {
      await owner.end();
    }
  } finally {
    await source.end();
    await embedded.close();
  }
}

async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Copies a table in key order, `BATCH` rows at a time, as JSON text from PostgreSQL to PostgreSQL. */
async function copyTable(source: Pool, target: PoolClient, t: (typeof TABLES)[number]): Promise<number> {
  let after: string | null = null; // the last row's key, as a JSON array of its key columns' text
  let total = 0;
  const keyExpr = `json_build_array(${t.key.map((k) => `${k}::text`).join(', ')})::text`;
  for (;;) {
    const where = after === null ? '' : `WHERE (${t.key.join(', ')}) > (${t.key.map((k, i) => `($1::json ->> ${i})::${k === 'tx_id' ? 'xid8' : k === 'global_position' || k === 'seal_no' ? 'bigint' : 'text'}`).join(', ')})`;
    const { rows } = await source.query(
      `SELECT coalesce(json_agg(b.row ORDER BY b.n), '[]')::text AS rows, count(*)::int AS n, (array_agg(b.key ORDER BY b.n DESC))[1] AS last
         FROM (SELECT to_json(x) AS row, ${keyExpr} AS key, row_number() OVER (ORDER BY ${t.order}) AS n
                 FROM perfledger.${t.table} x ${where} ORDER BY ${t.order} LIMIT ${BATCH}) b`,
      after === null ? [] : [after],
    );
    const n = rows[0].n as number;
    if (n === 0) return total;
    await target.query(
      `INSERT INTO perfledger.${t.table} ${t.overriding ? 'OVERRIDING SYSTEM VALUE ' : ''}SELECT * FROM json_populate_recordset(NULL::perfledger.${t.table}, $1::json)`,
      [rows[0].rows],
    );
    total += n;
    after = rows[0].last as string;
    if (n < BATCH) return total;
  }
}

/** The projectors' guard (docs/operations.md): every stored tx_id must be below the cluster's next xid. */
async function resequenceNeeded(pool: Pool): Promise<MoveReport['resequence']> {
  const { rows } = await pool.query(
    `SELECT (SELECT max(tx_id)::text FROM perfledger.events) AS highest, pg_catalog.pg_snapshot_xmax(pg_catalog.pg_current_snapshot())::text AS next`,
  );
  if (rows[0].highest === null || BigInt(rows[0].highest) < BigInt(rows[0].next)) return null;
  const highest = BigInt(rows[0].highest);
  let epoch = highest >> 32n;
  let xid = (((highest & 0xffffffffn) >> 20n) + 1n) << 20n;
  if (xid >= 1n << 32n) {
    epoch += 1n;
    xid = 1048576n;
  }
  return { highestTxId: rows[0].highest, nextTxId: rows[0].next, epoch: String(epoch), xid: String(xid), command: `pg_resetwal -e ${epoch} -x ${xid} <data directory>` };
}
