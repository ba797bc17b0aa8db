import type { FindingState, FindingStatus } from '@app/domain';
import type { SqlClient } from '@app/event-store';
import { LIVE_SCHEMA, tableIn } from './read-model-tables';

/**
 * A filing's findings read model (`perfledger.findings`), written inline with the change that raised or resolved them
 * (`schema`: the live one, or a rebuild's shadow).
 */
export async function writeFinding(
  db: SqlClient,
  streamId: string,
  filing: { countyCode: string; unitCode: string; year: number },
  f: FindingState,
  version: number,
  schema: string = LIVE_SCHEMA,
): Promise<void> {
  await db.query(
    `INSERT INTO ${tableIn(schema, 'findings')} AS x (finding_id, stream_id, county_code, unit_code, year, rule_id, severity, table_name, paths, expected, actual,
                                         message, message_en, status, review_reason, raised_at, resolved_at, version, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, now())
     ON CONFLICT (finding_id) DO UPDATE
        SET severity = EXCLUDED.severity, table_name = EXCLUDED.table_name, paths = EXCLUDED.paths, expected = EXCLUDED.expected,
            actual = EXCLUDED.actual, message = EXCLUDED.message, message_en = EXCLUDED.message_en, status = EXCLUDED.status,
            review_reason = EXCLUDED.review_reason, raised_at = EXCLUDED.raised_at, resolved_at = EXCLUDED.resolved_at,
            version = EXCLUDED.version, updated_at = now()
      WHERE x.version <= EXCLUDED.version`,
    [
      f.findingId,
      streamId,
      filing.countyCode,
      filing.unitCode,
      filing.year,
      f.ruleId,
      f.severity,
      f.table,
      JSON.stringify(f.paths),
      f.expected,
      f.actual,
      f.message,
      f.messageEn,
      f.status,
      f.review?.reason ?? null,
      f.raisedAt,
      f.resolvedAt,
      version,
    ],
  );
}

export interface FindingRow {
  id: string;
  streamId: string;
  countyCode: string;
  unitCode: string;
  year: number;
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  table: string;
  paths: string[];
  expected: string | null;
  actual: string | null;
  message: string;
  messageEn: string;
  status: FindingStatus;
  reviewReason: string | null;
}

const toRow = (r: Record<string, any>): FindingRow => ({
  id: r.finding_id,
  streamId: r.stream_id,
  countyCode: r.county_code,
  unitCode: r.unit_code,
  year: r.year,
  ruleId: r.rule_id,
  severity: r.severity,
  table: r.table_name,
  paths: r.paths,
  expected: r.expected,
  actual: r.actual,
  message: r.message,
  messageEn: r.message_en,
  status: r.status,
  reviewReason: r.review_reason,
});

const SEVERITY_ORDER = `CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END`;

export async function listFindings(db: SqlClient, countyCode: string, unitCode: string, year: number, includeResolved = false): Promise<FindingRow[]> {
  const { rows } = await db.query(
    `SELECT * FROM perfledger.findings WHERE county_code = $1 AND unit_code = $2 AND year = $3 AND ($4 OR status <> 'resolved')
      ORDER BY ${SEVERITY_ORDER}, rule_id, table_name, finding_id`,
    [countyCode, unitCode, year, includeResolved],
  );
  return rows.map(toRow);
}

export async function findFinding(db: SqlClient, findingId: string): Promise<FindingRow | null> {
  const { rows } = await db.query(`SELECT * FROM perfledger.findings WHERE finding_id = $1`, [findingId]);
  return rows[0] ? toRow(rows[0]) : null;
}
