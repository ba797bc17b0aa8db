/**
 * A benchmark's scratch database: named by BENCH_DATABASE_URL (or the bench's default), refused unless its
 * name contains "bench" (it is dropped), recreated empty, migrated as the app migrates, and dropped at the
 * end (also on Ctrl-C) unless kept.
 */
import { Client } from 'pg';
import { runMigrations } from '@app/shared';
import { MIGRATIONS } from '../../migrations';

export interface ScratchDatabase {
  url: string;
  name: string;
  /** drop it and create it anew, migrated */
  recreate(): Promise<void>;
  /** as the owner: VACUUM ANALYZE and a CHECKPOINT, so what is timed next finds an established database (hint bits set, statistics, no dirty backlog) */
  settle(): Promise<void>;
  drop(): Promise<void>;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function scratchDatabase(defaultUrl: string, options: { keep?: boolean } = {}): ScratchDatabase {
  const url = process.env.BENCH_DATABASE_URL ?? defaultUrl;
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/bench/iu.test(name)) throw new Error(`Refusing to use database "${name}": the benchmark drops it, so its name must contain "bench"`);
  const run = async (target: string, ...sql: string[]) => {
    const c = new Client({ connectionString: target, application_name: 'perfledger-bench' });
    await c.connect();
    try {
      for (const statement of sql) await c.query(statement);
    } finally {
      await c.end();
    }
  };
  const admin = (sql: string) => run(Object.assign(new URL(url), { pathname: '/postgres' }).toString(), sql);
  const drop = () => admin(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  if (!options.keep) {
    process.once('SIGINT', () => {
      drop().finally(() => process.exit(130));
    });
  }
  return {
    url,
    name,
    async recreate() {
      await drop();
      await admin(`CREATE DATABASE ${quoteIdent(name)}`);
      await runMigrations(url, MIGRATIONS);
    },
    settle: () => run(url, 'VACUUM ANALYZE', 'CHECKPOINT'),
    drop: options.keep ? async () => undefined : drop,
  };
}
