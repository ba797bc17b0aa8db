import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the background jobs keep. Each row records the stream versions it was computed from
 * (`stream_versions`, and their sum `versions_total`, which only grows as streams do): a job whose
 * triggering stream version is already covered is skipped, and a slower job computed from older data
 * never overwrites a newer result (compare-and-set on `versions_total`).
 * - county_summaries: the county summary per county and year (PRODUCT.md's shape).
 * - county_scans: the last statistical (group S) scan of a county's filings of a year.
 * - filing_scans: the last history (group A) scan of one filing.
 */
export class CountyJobs1795805529613 implements MigrationInterface {
  name = 'CountyJobs1795805529613';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE perfledger.county_summaries (
  county_code     text        NOT NULL REFERENCES perfledger.counties (code),
  year            integer     NOT NULL,
  summary         jsonb       NOT NULL,
  stream_versions jsonb       NOT NULL,
  versions_total  bigint      NOT NULL,
  computed_at     timestamptz NOT NULL DEFAULT now(),
  job_id          text,
  PRIMARY KEY (county_code, year)
)`);
    await q.query(`
CREATE TABLE perfledger.county_scans (
  county_code     text        NOT NULL REFERENCES perfledger.counties (code),
  year            integer     NOT NULL,
  stream_versions jsonb       NOT NULL,
  versions_total  bigint      NOT NULL,
  scanned_at      timestamptz NOT NULL DEFAULT now(),
  job_id          text,
  PRIMARY KEY (county_code, year)
)`);
    await q.query(`
CREATE TABLE perfledger.filing_scans (
  stream_id   text        PRIMARY KEY,
  version     integer     NOT NULL,
  scanned_at  timestamptz NOT NULL DEFAULT now(),
  job_id      text
)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON perfledger.county_summaries, perfledger.county_scans, perfledger.filing_scans TO perfledger_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE perfledger.filing_scans, perfledger.county_scans, perfledger.county_summaries`);
  }
}
