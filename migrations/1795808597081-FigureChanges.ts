import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit's blame index: one row per cell a filing event changed — the cell's stable key (projects and
 * indicators by id, so a renamed one keeps its history), the path it had then, the value before and after,
 * and the workflow state the filing was in. Written inline with the append (who, when, why and how stay on
 * the event: blame joins perfledger.events by (stream_id, version)). `filing_views.cell_keys` maps each
 * cell's path today to its key. Filings recorded before this migration get their rows from
 * `perfledger rebuild filings`.
 */
export class FigureChanges1795808597081 implements MigrationInterface {
  name = 'FigureChanges1795808597081';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE perfledger.figure_changes (
  stream_id  text    NOT NULL,
  version    integer NOT NULL,
  cell_key   text    NOT NULL,
  path_then  text    NOT NULL,
  previous   text,
  value      text,
  status     text    NOT NULL,
  PRIMARY KEY (stream_id, version, cell_key)
)`);
    await q.query(`CREATE INDEX figure_changes_cell_idx ON perfledger.figure_changes (stream_id, cell_key, version)`);
    await q.query(`ALTER TABLE perfledger.filing_views ADD COLUMN cell_keys json NOT NULL DEFAULT '{}'`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON perfledger.figure_changes TO perfledger_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE perfledger.filing_views DROP COLUMN cell_keys`);
    await q.query(`DROP TABLE perfledger.figure_changes`);
  }
}
