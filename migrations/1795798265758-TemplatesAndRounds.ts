import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models of templates (every published version, with its definition) and evaluation rounds (one per
 * county and year). Derived from the template-* and round-* streams; rebuilt by `perfledger projections rebuild`.
 */
export class TemplatesAndRounds1795798265758 implements MigrationInterface {
  name = 'TemplatesAndRounds1795798265758';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE perfledger.templates (
  template_id  text        NOT NULL,
  version      integer     NOT NULL CHECK (version >= 1),
  name         text        NOT NULL,
  definition   json        NOT NULL,
  note         text,
  published_at timestamptz NOT NULL,
  PRIMARY KEY (template_id, version)
)`);
    await q.query(`
CREATE TABLE perfledger.rounds (
  county_code      text        NOT NULL REFERENCES perfledger.counties (code),
  year             integer     NOT NULL,
  deadline         date        NOT NULL,
  template_id      text        NOT NULL,
  template_version integer     NOT NULL,
  version          integer     NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, year),
  FOREIGN KEY (template_id, template_version) REFERENCES perfledger.templates (template_id, version)
)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON perfledger.templates, perfledger.rounds TO perfledger_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE perfledger.rounds`);
    await q.query(`DROP TABLE perfledger.templates`);
  }
}
