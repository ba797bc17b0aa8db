import type { RoundState } from '@app/domain';
import type { SqlClient } from '@app/event-store';
import { LIVE_SCHEMA, tableIn } from './read-model-tables';

/** Templates (every published version) and rounds, written inline with their events (`schema`: the live one, or a rebuild's shadow). */
export async function writeTemplateVersion(
  db: SqlClient,
  v: { templateId: string; version: number; name: string; definition: unknown; note: string | null },
  publishedAt: string,
  schema: string = LIVE_SCHEMA,
): Promise<void> {
  await db.query(
    `INSERT INTO ${tableIn(schema, 'templates')} (template_id, version, name, definition, note, published_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (template_id, version) DO UPDATE SET name = EXCLUDED.name, definition = EXCLUDED.definition, note = EXCLUDED.note`,
    [v.templateId, v.version, v.name, JSON.stringify(v.definition), v.note, publishedAt],
  );
}

export interface TemplateRow {
  templateId: string;
  version: number;
  name: string;
  definition: unknown;
  note: string | null;
  publishedAt: string;
}

const TEMPLATE_COLUMNS = `template_id, version, name, definition, note, to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS published_at`;
const toTemplate = (r: Record<string, any>): TemplateRow => ({
  templateId: r.template_id,
  version: r.version,
  name: r.name,
  definition: r.definition,
  note: r.note,
  publishedAt: r.published_at,
});

/** One version, or the latest when `version` is null (from the live table, or a rebuild's shadow). */
export async function findTemplate(db: SqlClient, templateId: string, version: number | null, schema: string = LIVE_SCHEMA): Promise<TemplateRow | null> {
  const { rows } = await db.query(
    `SELECT ${TEMPLATE_COLUMNS} FROM ${tableIn(schema, 'templates')} WHERE template_id = $1 AND ($2::int IS NULL OR version = $2) ORDER BY version DESC LIMIT 1`,
    [templateId, version],
  );
  return rows[0] ? toTemplate(rows[0]) : null;
}

/** Every version of every template, without definitions. */
export async function listTemplates(db: SqlClient): Promise<Omit<TemplateRow, 'definition'>[]> {
  const { rows } = await db.query(`SELECT ${TEMPLATE_COLUMNS.replace('definition, ', '')} FROM perfledger.templates ORDER BY template_id, version`);
  return rows.map((r) => ({ templateId: r.template_id, version: r.version, name: r.name, note: r.note, publishedAt: r.published_at }));
}

export async function writeRound(db: SqlClient, state: RoundState, version: number, schema: string = LIVE_SCHEMA): Promise<void> {
  await db.query(
    `INSERT INTO ${tableIn(schema, 'rounds')} AS r (county_code, year, deadline, template_id, template_version, version, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT (county_code, year) DO UPDATE
        SET deadline = EXCLUDED.deadline, template_id = EXCLUDED.template_id, template_version = EXCLUDED.template_version,
            version = EXCLUDED.version, updated_at = now()
      WHERE r.version <= EXCLUDED.version`,
    [state.countyCode, state.year, state.deadline, state.templateId, state.templateVersion, version],
  );
}

export interface RoundRow {
  countyCode: string;
  year: number;
  deadline: string;
  templateId: string;
  templateVersion: number;
  version: number;
}

const toRound = (r: Record<string, any>): RoundRow => ({
  countyCode: r.county_code,
  year: r.year,
  deadline: r.deadline,
  templateId: r.template_id,
  templateVersion: r.template_version,
  version: r.version,
});
const ROUND_COLUMNS = `county_code, year, to_char(deadline, 'YYYY-MM-DD') AS deadline, template_id, template_version, version`;

export async function findRound(db: SqlClient, countyCode: string, year: number): Promise<RoundRow | null> {
  const { rows } = await db.query(`SELECT ${ROUND_COLUMNS} FROM perfledger.rounds WHERE county_code = $1 AND year = $2`, [countyCode, year]);
  return rows[0] ? toRound(rows[0]) : null;
}

export async function listRounds(db: SqlClient, countyCode?: string): Promise<RoundRow[]> {
  const { rows } = await db.query(`SELECT ${ROUND_COLUMNS} FROM perfledger.rounds WHERE $1::text IS NULL OR county_code = $1 ORDER BY county_code, year`, [countyCode ?? null]);
  return rows.map(toRound);
}
