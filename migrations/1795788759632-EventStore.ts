import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event store: events, streams, checkpoints (with projection leases), seals,
 * the one-round-trip append function, append-only triggers and the app role.
 *
 * Every object is schema-qualified; the functions pin their own search_path.
 * See docs/event-store.md for the reasons behind each choice.
 */
export class EventStore1795788759632 implements MigrationInterface {
  name = 'EventStore1795788759632';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'perfledger_app') THEN
    CREATE ROLE perfledger_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
  END IF;
END
$$`);
    await q.query(`CREATE SCHEMA IF NOT EXISTS perfledger`);

    await q.query(`
CREATE TABLE perfledger.streams (
  stream_id   text        PRIMARY KEY,
  version     bigint      NOT NULL DEFAULT 0 CHECK (version >= 0),
  last_hash   bytea,
  created_at  timestamptz NOT NULL DEFAULT now()
)`);

    await q.query(`
CREATE TABLE perfledger.events (
  global_position bigint      GENERATED ALWAYS AS IDENTITY,
  tx_id           xid8        NOT NULL DEFAULT pg_catalog.pg_current_xact_id(),
  stream_id       text        NOT NULL,
  version         bigint      NOT NULL CHECK (version >= 1),
  event_id        uuid        NOT NULL,
  type            text        NOT NULL CHECK (type <> ''),
  schema_version  integer     NOT NULL DEFAULT 1,
  data            jsonb       NOT NULL,
  metadata        jsonb       NOT NULL,
  recorded_at     timestamptz NOT NULL,
  prev_hash       bytea       NOT NULL,
  hash            bytea       NOT NULL,
  PRIMARY KEY (stream_id, version),
  CONSTRAINT events_event_id_key UNIQUE (event_id)
)`);
    await q.query(`CREATE INDEX events_cursor_idx ON perfledger.events (tx_id, global_position)`);

    await q.query(`
CREATE TABLE perfledger.checkpoints (
  name            text        PRIMARY KEY,
  tx_id           xid8        NOT NULL DEFAULT '0',
  global_position bigint      NOT NULL DEFAULT 0,
  owner           text,
  lease_until     timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  halted_at       timestamptz,
  halt_reason     text
)`);

    await q.query(`
CREATE TABLE perfledger.seals (
  seal_no          bigint      PRIMARY KEY CHECK (seal_no >= 1),
  from_tx_id       xid8        NOT NULL,
  from_position    bigint      NOT NULL,
  to_tx_id         xid8        NOT NULL,
  to_position      bigint      NOT NULL,
  event_count      integer     NOT NULL CHECK (event_count >= 1),
  prev_root        bytea       NOT NULL,
  root             bytea       NOT NULL,
  sealed_at        timestamptz NOT NULL DEFAULT now()
)`);

    // Append-only: row triggers for UPDATE/DELETE and a statement trigger for TRUNCATE.
    // Grants stop the app role; triggers stop a superuser too (unless it deliberately
    // switches session_replication_role, which is what the tamper tests do).
    await q.query(`
CREATE FUNCTION perfledger.forbid_mutation() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RAISE EXCEPTION USING
    ERRCODE = 'PLA01',
    MESSAGE = pg_catalog.format('%s on perfledger.%s is forbidden: the log is append-only', TG_OP, TG_TABLE_NAME);
END
$$`);
    for (const table of ['events', 'seals']) {
      await q.query(`
CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON perfledger.${table}
  FOR EACH ROW EXECUTE FUNCTION perfledger.forbid_mutation()`);
      await q.query(`
CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON perfledger.${table}
  FOR EACH STATEMENT EXECUTE FUNCTION perfledger.forbid_mutation()`);
    }

    // The append: one statement, one round trip. In this order: lock the stream row,
    // look up the event ids (idempotent retry / IdempotencyConflict), check the expected
    // version (VersionConflict), insert, chain the hashes, bump the stream.
    //
    // The client sends each event's RFC 8785 canonical form split around the two values
    // only the database knows: recordedAt and version ("version" sorts last, so the
    // canonical text is head || recordedAt || tail || version || '}'). data and metadata
    // are parsed from that text, so what is stored is exactly what was hashed.
    await q.query(`
CREATE FUNCTION perfledger.append_events(
  p_stream_id        text,
  p_expected_version bigint,
  p_event_ids        uuid[],
  p_types            text[],
  p_schema_versions  integer[],
  p_heads            text[],
  p_tails            text[]
) RETURNS TABLE (next_version bigint, positions bigint[], tx_id text, recorded_at timestamptz, idempotent boolean)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
-- Every statement here is planned for index access by construction; without this a connection
-- whose first appends carry one event re-plans the id check on every call (benchmarks.md).
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
DECLARE
  n            integer := coalesce(array_length(p_event_ids, 1), 0);
  v_version    bigint;
  v_prev       bytea;
  v_found      integer;
  v_same       boolean;
  v_first      bigint;
  v_last       bigint;
  v_positions  bigint[];
  v_recorded   timestamptz;
  v_ts_text    text;
  v_canon      text;
  v_doc        jsonb;
  v_hash       bytea;
  v_data       jsonb[] := '{}';
  v_meta       jsonb[] := '{}';
  v_prevs      bytea[] := '{}';
  v_hashes     bytea[] := '{}';
  v_inserted   integer;
BEGIN
  IF n = 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'PLE01', MESSAGE = 'append needs at least one event';
  END IF;
  IF coalesce(array_length(p_types, 1), 0) <> n OR coalesce(array_length(p_schema_versions, 1), 0) <> n
     OR coalesce(array_length(p_heads, 1), 0) <> n OR coalesce(array_length(p_tails, 1), 0) <> n THEN
    RAISE EXCEPTION USING ERRCODE = 'PLE01', MESSAGE = 'append arrays differ in length';
  END IF;

  -- 1. lock the stream (creating its row if needed; a concurrent creator makes us wait, never fail)
  SELECT s.version, s.last_hash INTO v_version, v_prev
    FROM perfledger.streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO perfledger.streams (stream_id, version) VALUES (p_stream_id, 0) ON CONFLICT DO NOTHING;
    SELECT s.version, s.last_hash INTO v_version, v_prev
      FROM perfledger.streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
  END IF;

  -- 2. event ids: all stored with identical content -> return the stored result.
  --    One unique-index probe per id (the LIMIT keeps the lateral subquery from being flattened
  --    into a join the planner could run as a sequential scan of the whole log).
  SELECT count(*)::integer,
         bool_and(e.stream_id = p_stream_id
                  AND e.type = u.type
                  AND e.schema_version = u.sv
                  AND e.data = (u.head || 'x' || u.tail || '0}')::jsonb -> 'data'
                  AND e.metadata = (u.head || 'x' || u.tail || '0}')::jsonb -> 'metadata'),
         min(e.version - u.ord), max(e.version - u.ord)
    INTO v_found, v_same, v_first, v_last
    FROM unnest(p_event_ids, p_types, p_schema_versions, p_heads, p_tails)
           WITH ORDINALITY AS u(id, type, sv, head, tail, ord)
   CROSS JOIN LATERAL (
     SELECT x.stream_id, x.type, x.schema_version, x.data, x.metadata, x.version
       FROM perfledger.events x WHERE x.event_id = u.id LIMIT 1
   ) e;
  IF v_found > 0 THEN
    IF v_found = n AND v_same AND v_first = v_last THEN
      RETURN QUERY
        SELECT max(e.version), array_agg(e.global_position ORDER BY e.version),
               (array_agg(e.tx_id))[1]::text, min(e.recorded_at), true
          FROM unnest(p_event_ids) AS u(id)
         CROSS JOIN LATERAL (
           SELECT x.version, x.global_position, x.tx_id, x.recorded_at
             FROM perfledger.events x WHERE x.event_id = u.id LIMIT 1
         ) e;
      RETURN;
    END IF;
    RAISE EXCEPTION USING
      ERRCODE = 'PLI01',
      MESSAGE = pg_catalog.format('idempotency conflict on stream %s: event ids already stored with other content', p_stream_id),
      DETAIL = json_build_object('streamId', p_stream_id, 'found', v_found, 'sent', n)::text;
  END IF;

  -- 3. expected version (NULL = any; 0 = no stream yet)
  IF p_expected_version IS NOT NULL AND p_expected_version <> v_version THEN
    RAISE EXCEPTION USING
      ERRCODE = 'PLV01',
      MESSAGE = pg_catalog.format('version conflict on stream %s: expected %s, actual %s', p_stream_id, p_expected_version, v_version),
      DETAIL = json_build_object('streamId', p_stream_id, 'expected', p_expected_version, 'actual', v_version)::text;
  END IF;

  -- 4. canonical form, parse, chain
  v_recorded := date_trunc('milliseconds', clock_timestamp());
  v_ts_text := to_char(v_recorded AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
  v_prev := coalesce(v_prev, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
  FOR i IN 1 .. n LOOP
    v_canon := p_heads[i] || v_ts_text || p_tails[i] || (v_version + i)::text || '}';
    v_doc := v_canon::jsonb;
    v_hash := sha256(v_prev || sha256(convert_to(v_canon, 'UTF8')));
    v_data[i] := v_doc -> 'data';
    v_meta[i] := v_doc -> 'metadata';
    v_prevs[i] := v_prev;
    v_hashes[i] := v_hash;
    v_prev := v_hash;
  END LOOP;

  -- 5. insert; a concurrent writer of the same event id on another stream is an
  --    idempotency conflict, never a raw unique violation
  WITH ins AS (
    INSERT INTO perfledger.events
      (stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
    SELECT p_stream_id, v_version + u.ord, u.id, u.type, u.sv, u.data, u.meta, v_recorded, u.prev, u.hash
      FROM unnest(p_event_ids, p_types, p_schema_versions, v_data, v_meta, v_prevs, v_hashes)
             WITH ORDINALITY AS u(id, type, sv, data, meta, prev, hash, ord)
    ON CONFLICT (event_id) DO NOTHING
    RETURNING perfledger.events.version AS ver, perfledger.events.global_position AS pos
  ), bump AS (
    -- bumped in the same statement; rolled back with it if the count below is short
    UPDATE perfledger.streams s SET version = v_version + n, last_hash = v_prev WHERE s.stream_id = p_stream_id
  )
  SELECT count(*)::integer, array_agg(ins.pos ORDER BY ins.ver) INTO v_inserted, v_positions FROM ins;
  IF v_inserted <> n THEN
    RAISE EXCEPTION USING
      ERRCODE = 'PLI01',
      MESSAGE = pg_catalog.format('idempotency conflict on stream %s: event ids written concurrently elsewhere', p_stream_id),
      DETAIL = json_build_object('streamId', p_stream_id, 'found', n - v_inserted, 'sent', n)::text;
  END IF;

  RETURN QUERY SELECT v_version + n, v_positions, pg_current_xact_id()::text, v_recorded, false;
END
$$`);

    // Privileges: the app role reads the log and writes it only through append_events.
    await q.query(`REVOKE ALL ON FUNCTION perfledger.append_events(text, bigint, uuid[], text[], integer[], text[], text[]) FROM PUBLIC`);
    await q.query(`GRANT USAGE ON SCHEMA perfledger TO perfledger_app`);
    await q.query(`GRANT SELECT ON perfledger.events, perfledger.streams, perfledger.seals, perfledger.checkpoints TO perfledger_app`);
    await q.query(`GRANT INSERT ON perfledger.seals TO perfledger_app`);
    await q.query(`GRANT INSERT, UPDATE ON perfledger.checkpoints TO perfledger_app`);
    await q.query(`GRANT EXECUTE ON FUNCTION perfledger.append_events(text, bigint, uuid[], text[], integer[], text[], text[]) TO perfledger_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The event log is never dropped by a migration rollback.
    throw new Error(`${this.name} cannot be reverted: the event log is append-only`);
  }
}
