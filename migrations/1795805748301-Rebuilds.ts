import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Blue/green rebuilds of the inline read models (`perfledger rebuild`, docs/decisions/0005):
 * - rebuild_runs: one row per run — the projections it rebuilds, its status, and its checkpoint (the last
 *   stream completed), so an interrupted run resumes there; owner and lease_until keep one process on a run.
 *   At most one run is unfinished at a time (it owns the shadow).
 * - the shadow schema perfledger_rebuild, where a run creates its tables (LIKE the live ones) and the
 *   per-stream versions it built, and drops them when it ends. Created here so the app role needs CREATE on
 *   that schema only, not on the database.
 * - DELETE on the read models: the switch replaces the live contents with the shadow's (rows the log no
 *   longer yields are deleted); the tables themselves are never dropped or renamed.
 */
export class Rebuilds1795805748301 implements MigrationInterface {
  name = 'Rebuilds1795805748301';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE perfledger.rebuild_runs (
  id             integer     GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  projections    text[]      NOT NULL CHECK (cardinality(projections) > 0),
  status         text        NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'cancelled', 'switched', 'failed')),
  started_at     timestamptz NOT NULL DEFAULT now(),
  last_stream_id text,
  finished_at    timestamptz,
  owner          text,
  lease_until    timestamptz,
  CHECK ((status = 'running') = (finished_at IS NULL))
)`);
    await q.query(`CREATE UNIQUE INDEX rebuild_runs_one_unfinished ON perfledger.rebuild_runs ((true)) WHERE status = 'running'`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON perfledger.rebuild_runs TO perfledger_app`);
    await q.query(`CREATE SCHEMA IF NOT EXISTS perfledger_rebuild`);
    await q.query(`GRANT USAGE, CREATE ON SCHEMA perfledger_rebuild TO perfledger_app`);
    await q.query(
      `GRANT DELETE ON perfledger.counties, perfledger.units, perfledger.templates, perfledger.rounds, perfledger.filing_views, perfledger.findings TO perfledger_app`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `REVOKE DELETE ON perfledger.counties, perfledger.units, perfledger.templates, perfledger.rounds, perfledger.filing_views, perfledger.findings FROM perfledger_app`,
    );
    await q.query(`DROP SCHEMA perfledger_rebuild CASCADE`);
    await q.query(`DROP TABLE perfledger.rebuild_runs`);
  }
}
