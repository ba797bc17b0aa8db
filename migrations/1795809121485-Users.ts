import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users and sessions. `users` is the read model of the `user-<username>` streams (who may do what is on
 * the record); `user_credentials` holds the argon2 hash and the failed-login counter, outside the log (a
 * secret does not belong in a log that can never be erased); `refresh_tokens` the rotating refresh tokens
 * (sha256 of the token, never the token); `idempotency_keys` the first response to each keyed command;
 * `secrets` the signing key generated on first start when JWT_SECRET is not set.
 */
export class Users1795809121485 implements MigrationInterface {
  name = 'Users1795809121485';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE perfledger.users (
  username      text        PRIMARY KEY,
  display_name  text        NOT NULL,
  role          text        NOT NULL CHECK (role IN ('bureau_admin', 'bureau_reviewer', 'unit_filer', 'auditor')),
  county_code   text,
  units         text[]      NOT NULL DEFAULT '{}',
  disabled      boolean     NOT NULL DEFAULT false,
  version       integer     NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now()
)`);
    await q.query(`
CREATE TABLE perfledger.user_credentials (
  username       text        PRIMARY KEY,
  password_hash  text        NOT NULL,
  failed_logins  integer     NOT NULL DEFAULT 0,
  locked_until   timestamptz,
  updated_at     timestamptz NOT NULL DEFAULT now()
)`);
    await q.query(`
CREATE TABLE perfledger.refresh_tokens (
  token_hash   text        PRIMARY KEY,
  username     text        NOT NULL,
  family       uuid        NOT NULL,
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now()
)`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON perfledger.refresh_tokens (family)`);
    await q.query(`
CREATE TABLE perfledger.idempotency_keys (
  username      text        NOT NULL,
  key           text        NOT NULL,
  request_hash  text        NOT NULL,
  status        integer,
  body          jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (username, key)
)`);
    await q.query(`CREATE TABLE perfledger.secrets (name text PRIMARY KEY, value text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON perfledger.user_credentials TO perfledger_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON perfledger.users TO perfledger_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON perfledger.refresh_tokens, perfledger.idempotency_keys TO perfledger_app`);
    await q.query(`GRANT SELECT, INSERT ON perfledger.secrets TO perfledger_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE perfledger.secrets, perfledger.idempotency_keys, perfledger.refresh_tokens, perfledger.user_credentials, perfledger.users`);
  }
}
