import type { CountySummary } from '@app/domain';
import type { SqlClient } from '@app/event-store';

/** The versions of the streams a county's year is made of: its units, its filings of the year and their findings. */
export interface StreamVersions {
  versions: Record<string, number>;
  /** their sum: it only grows (streams only grow), so it orders two snapshots of the same county and year */
  total: number;
}

/** Read in the caller's transaction (a REPEATABLE READ snapshot makes it agree with the read models read beside it). */
export async function countyStreamVersions(db: SqlClient, countyCode: string, year: number, kinds: ('unit' | 'filing' | 'findings')[]): Promise<StreamVersions> {
  const patterns = kinds.map((k) => (k === 'unit' ? `unit-${countyCode}-%` : `${k}-${countyCode}-%-${year}`));
  const { rows } = await db.query(
    `SELECT s.stream_id, s.version::int AS version FROM perfledger.streams s WHERE s.stream_id LIKE ANY ($1::text[]) ORDER BY s.stream_id`,
    [patterns],
  );
  const versions: Record<string, number> = {};
  let total = 0;
  for (const r of rows) {
    versions[r.stream_id] = r.version;
    total += r.version;
  }
  return { versions, total };
}

type JobTable = 'county_summaries' | 'county_scans';

/** True when the stored result of `table` was computed from `streamId` at `version` or later. */
export async function coversStreamVersion(db: SqlClient, table: JobTable, countyCode: string, year: number, streamId: string, version: number): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT COALESCE((t.stream_versions ->> $3)::int >= $4, false) AS covered FROM perfledger.${table} t WHERE t.county_code = $1 AND t.year = $2`,
    [countyCode, year, streamId, version],
  );
  return rows[0]?.covered === true;
}

/**
 * Stores a county summary unless a stored one was computed from newer streams (compare-and-set on the
 * versions' sum). True when written.
 */
export async function writeCountySummary(db: SqlClient, countyCode: string, year: number, summary: CountySummary, from: StreamVersions, jobId: string | null): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO perfledger.county_summaries AS t (county_code, year, summary, stream_versions, versions_total, job_id)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (county_code, year) DO UPDATE
        SET summary = EXCLUDED.summary, stream_versions = EXCLUDED.stream_versions, versions_total = EXCLUDED.versions_total,
            computed_at = now(), job_id = EXCLUDED.job_id
      WHERE t.versions_total <= EXCLUDED.versions_total`,
    [countyCode, year, JSON.stringify(summary), JSON.stringify(from.versions), from.total, jobId],
  );
  return rowCount === 1;
}

export interface StoredCountySummary {
  summary: CountySummary;
  streamVersions: Record<string, number>;
  computedAt: string;
  jobId: string | null;
}

export async function readCountySummary(db: SqlClient, countyCode: string, year: number): Promise<StoredCountySummary | null> {
  const { rows } = await db.query(
    `SELECT t.summary, t.stream_versions, to_char(t.computed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS computed_at, t.job_id
       FROM perfledger.county_summaries t WHERE t.county_code = $1 AND t.year = $2`,
    [countyCode, year],
  );
  const r = rows[0];
  return r ? { summary: r.summary, streamVersions: r.stream_versions, computedAt: r.computed_at, jobId: r.job_id } : null;
}

/**
 * Locks the county's scan row for the caller's transaction and tells whether a scan computed from
 * `from` may still record its findings (false: a scan of newer streams has already recorded).
 */
export async function claimCountyScan(db: SqlClient, countyCode: string, year: number, from: StreamVersions): Promise<boolean> {
  await db.query(
    `INSERT INTO perfledger.county_scans (county_code, year, stream_versions, versions_total) VALUES ($1, $2, '{}', -1) ON CONFLICT (county_code, year) DO NOTHING`,
    [countyCode, year],
  );
  const { rows } = await db.query(`SELECT t.versions_total FROM perfledger.county_scans t WHERE t.county_code = $1 AND t.year = $2 FOR UPDATE`, [countyCode, year]);
  return Number(rows[0].versions_total) <= from.total;
}

export async function recordCountyScan(db: SqlClient, countyCode: string, year: number, from: StreamVersions, jobId: string | null): Promise<void> {
  await db.query(
    `UPDATE perfledger.county_scans t SET stream_versions = $3, versions_total = $4, scanned_at = now(), job_id = $5 WHERE t.county_code = $1 AND t.year = $2`,
    [countyCode, year, JSON.stringify(from.versions), from.total, jobId],
  );
}

/** Locks the filing's scan row for the caller's transaction; returns the version last scanned (0: never). */
export async function claimFilingScan(db: SqlClient, streamId: string): Promise<number> {
  await db.query(`INSERT INTO perfledger.filing_scans (stream_id, version) VALUES ($1, 0) ON CONFLICT (stream_id) DO NOTHING`, [streamId]);
  const { rows } = await db.query(`SELECT t.version FROM perfledger.filing_scans t WHERE t.stream_id = $1 FOR UPDATE`, [streamId]);
  return rows[0].version;
}

export async function recordFilingScan(db: SqlClient, streamId: string, version: number, jobId: string | null): Promise<void> {
  await db.query(`UPDATE perfledger.filing_scans t SET version = $2, scanned_at = now(), job_id = $3 WHERE t.stream_id = $1`, [streamId, version, jobId]);
}

/** Years with something to summarise for a county: a round, a filing or a stored summary. */
export async function countyYears(db: SqlClient, countyCode: string): Promise<number[]> {
  const { rows } = await db.query(
    `SELECT year FROM perfledger.rounds WHERE county_code = $1
     UNION SELECT year FROM perfledger.filing_views WHERE county_code = $1
     UNION SELECT year FROM perfledger.county_summaries WHERE county_code = $1 ORDER BY 1`,
    [countyCode],
  );
  return rows.map((r) => r.year);
}

/** Rounds still open: some unit of the county has no filing for the year yet, or one not yet published. */
export async function listOpenRounds(db: SqlClient): Promise<{ countyCode: string; year: number }[]> {
  const { rows } = await db.query(
    `SELECT r.county_code, r.year FROM perfledger.rounds r
      WHERE EXISTS (SELECT 1 FROM perfledger.units u WHERE u.county_code = r.county_code
                       AND NOT EXISTS (SELECT 1 FROM perfledger.filing_views f
                                        WHERE f.county_code = u.county_code AND f.unit_code = u.code AND f.year = r.year AND f.status = 'published'))
      ORDER BY r.county_code, r.year`,
  );
  return rows.map((r) => ({ countyCode: r.county_code, year: r.year }));
}

/**
 * The stored summary when it is current: computed from exactly the streams there are now, at their current
 * versions. Streams only grow and are never removed, so equal count and equal sum of versions mean equal
 * versions — checked in one statement, without shipping the versions map.
 */
const CURRENT_SUMMARY_SQL = (summary: string) => `
  WITH now AS (SELECT coalesce(sum(s.version), 0)::bigint AS total, count(*)::int AS n FROM perfledger.streams s WHERE s.stream_id LIKE ANY ($3::text[]))
  SELECT ${summary} AS summary, to_char(t.computed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS computed_at, t.job_id
    FROM perfledger.county_summaries t, now
   WHERE t.county_code = $1 AND t.year = $2 AND t.versions_total = now.total
     AND (SELECT count(*) FROM jsonb_object_keys(t.stream_versions)) = now.n`;

const currentSummaryParams = (countyCode: string, year: number) => [countyCode, year, [`unit-${countyCode}-%`, `filing-${countyCode}-%-${year}`, `findings-${countyCode}-%-${year}`]];

export async function readCurrentCountySummary(db: SqlClient, countyCode: string, year: number): Promise<StoredCountySummary | null> {
  const { rows } = await db.query(CURRENT_SUMMARY_SQL('t.summary'), currentSummaryParams(countyCode, year));
  const r = rows[0];
  return r ? { summary: r.summary, streamVersions: {}, computedAt: r.computed_at, jobId: r.job_id } : null;
}

/** As `readCurrentCountySummary`, the summary as its JSON text (the HTTP API sends it without parsing it). */
export async function readCurrentCountySummaryText(db: SqlClient, countyCode: string, year: number): Promise<{ text: string; computedAt: string } | null> {
  const { rows } = await db.query(CURRENT_SUMMARY_SQL('t.summary::text'), currentSummaryParams(countyCode, year));
  const r = rows[0];
  return r ? { text: r.summary, computedAt: r.computed_at } : null;
}
