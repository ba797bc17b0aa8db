import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models of the filing model, projected inline (in the transaction of the append): counties,
 * units, and one filing view per unit and year. They are derived data: rebuilt from the event log by
 * `perfledger projections rebuild`, never the source of truth. The app role reads and writes them.
 */
export class FilingReadModels1795796860863 implements MigrationInterface {
  name = 'FilingReadModels1795796860863';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE perfledger.counties (
  code        text        PRIMARY KEY,
  name        text        NOT NULL,
  version     integer     NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
)`);
    await q.query(`
CREATE TABLE perfledger.units (
  county_code            text        NOT NULL REFERENCES perfledger.counties (code),
  code                   text        NOT NULL,
  name                   text        NOT NULL,
  supervising_department text,
  kind                   text        NOT NULL CHECK (kind IN ('administrative', 'institution')),
  version                integer     NOT NULL,
  registered_at          timestamptz NOT NULL,
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, code),
  CONSTRAINT units_name_key UNIQUE (county_code, name)
)`);
    await q.query(`
CREATE TABLE perfledger.filing_views (
  stream_id        text        PRIMARY KEY,
  county_code      text        NOT NULL,
  unit_code        text        NOT NULL,
  year             integer     NOT NULL CHECK (year BETWEEN 1990 AND 2200),
  version          integer     NOT NULL,
  status           text        NOT NULL,
  template_version text,
  -- json, not jsonb: the maps keep the order of the forms (jsonb would sort the keys)
  tables           json        NOT NULL,
  figures          json        NOT NULL,
  computed         json        NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT filing_views_unit_year_key UNIQUE (county_code, unit_code, year),
  FOREIGN KEY (county_code, unit_code) REFERENCES perfledger.units (county_code, code)
)`);
    await q.query(`CREATE INDEX filing_views_county_year_idx ON perfledger.filing_views (county_code, year)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON perfledger.counties, perfledger.units, perfledger.filing_views TO perfledger_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE perfledger.filing_views`);
    await q.query(`DROP TABLE perfledger.units`);
    await q.query(`DROP TABLE perfledger.counties`);
  }
}
