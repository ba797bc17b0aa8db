import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The findings read model: one row per finding of a filing, as the findings-* streams say — raised,
 * updated, resolved, acknowledged, dismissed. Written inline with the filing's change that caused it.
 */
export class Findings1795799871758 implements MigrationInterface {
  name = 'Findings1795799871758';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE perfledger.findings (
  finding_id     text        PRIMARY KEY,
  stream_id      text        NOT NULL,
  county_code    text        NOT NULL,
  unit_code      text        NOT NULL,
  year           integer     NOT NULL,
  rule_id        text        NOT NULL,
  severity       text        NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  table_name     text        NOT NULL,
  paths          json        NOT NULL,
  expected       text,
  actual         text,
  message        text        NOT NULL,
  message_en     text        NOT NULL,
  status         text        NOT NULL CHECK (status IN ('open', 'acknowledged', 'dismissed', 'resolved')),
  review_reason  text,
  raised_at      integer     NOT NULL,
  resolved_at    integer,
  version        integer     NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now()
)`);
    await q.query(`CREATE INDEX findings_filing_idx ON perfledger.findings (county_code, unit_code, year)`);
    await q.query(`CREATE INDEX findings_county_status_idx ON perfledger.findings (county_code, year, status)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON perfledger.findings TO perfledger_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE perfledger.findings`);
  }
}
