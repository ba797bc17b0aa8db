import type { FilingScore, FilingState, ScoringTemplate } from '@app/domain';
import { cellKeysOf, computedOf, figuresOf, tablesViewOf } from '@app/domain';
import type { SqlClient } from '@app/event-store';
import { filingScoring } from './filing-scoring';
import { LIVE_SCHEMA, tableIn } from './read-model-tables';

/**
 * The filing view read model: the four tables as the forms show them, the flat `figures` and
 * `computed` maps and the stream version. Written inline, in the transaction of the append, so a user
 * always reads their own write; a rebuild (`runRebuild`) folds it into a shadow schema and swaps it in.
 * Writes the view and returns what it computed (the rules read the same figures, scores and template).
 * `schema` is where the view goes, `templatesSchema` where the filing's template version is read from.
 */
export async function writeFilingView(
  db: SqlClient,
  streamId: string,
  state: FilingState,
  version: number,
  schema: string = LIVE_SCHEMA,
  templatesSchema: string = LIVE_SCHEMA,
): Promise<FilingViewInputs> {
  const scoring = await filingScoring(db, state, templatesSchema);
  const figures = figuresOf(state);
  const computed = { ...computedOf(state), ...scoring.computed };
  await db.query(
    `INSERT INTO ${tableIn(schema, 'filing_views')} AS v (stream_id, county_code, unit_code, year, version, status, template_version, tables, figures, computed, cell_keys, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
     ON CONFLICT (stream_id) DO UPDATE
        SET version = EXCLUDED.version, status = EXCLUDED.status, template_version = EXCLUDED.template_version, tables = EXCLUDED.tables,
            figures = EXCLUDED.figures, computed = EXCLUDED.computed, cell_keys = EXCLUDED.cell_keys, updated_at = now()
      WHERE v.version <= EXCLUDED.version`,
    [
      streamId,
      state.countyCode,
      state.unitCode,
      state.year,
      version,
      state.status,
      scoring.templateVersion,
      JSON.stringify(tablesViewOf(state)),
      JSON.stringify(figures),
      JSON.stringify(computed),
      JSON.stringify(cellKeysOf(state)),
    ],
  );
  return { figures, computed, score: scoring.score, template: scoring.template, templateVersion: scoring.templateVersion };
}

export interface FilingViewInputs {
  figures: Record<string, string | null>;
  computed: Record<string, string>;
  score: FilingScore;
  template: ScoringTemplate;
  templateVersion: string | null;
}

export interface FilingViewRow {
  streamId: string;
  countyCode: string;
  unitCode: string;
  year: number;
  version: number;
  status: string;
  templateVersion: string | null;
  tables: unknown;
  figures: Record<string, string | null>;
  computed: Record<string, string>;
  updatedAt: string;
}

const COLUMNS = `stream_id, county_code, unit_code, year, version, status, template_version, tables, figures, computed,
                 to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at`;

function toRow(r: Record<string, any>): FilingViewRow {
  return {
    streamId: r.stream_id,
    countyCode: r.county_code,
    unitCode: r.unit_code,
    year: r.year,
    version: r.version,
    status: r.status,
    templateVersion: r.template_version,
    tables: r.tables,
    figures: r.figures,
    computed: r.computed,
    updatedAt: r.updated_at,
  };
}

export async function readFilingView(db: SqlClient, countyCode: string, unitCode: string, year: number): Promise<FilingViewRow | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM perfledger.filing_views WHERE county_code = $1 AND unit_code = $2 AND year = $3`, [countyCode, unitCode, year]);
  return rows[0] ? toRow(rows[0]) : null;
}

export async function listFilingViews(db: SqlClient, countyCode: string, year?: number): Promise<FilingViewRow[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM perfledger.filing_views WHERE county_code = $1 AND ($2::int IS NULL OR year = $2) ORDER BY unit_code, year`,
    [countyCode, year ?? null],
  );
  return rows.map(toRow);
}

/**
 * The filing view with its maps as the stored JSON text, not parsed: the HTTP API splices them into its
 * response as they are (parsing and re-serialising ~100 kB per request was most of a GET's CPU).
 * `returnComments` is the last return's comments (small, parsed). The text is what `writeFilingView`
 * stored with JSON.stringify, so it is valid JSON.
 */
export interface FilingViewText {
  version: number;
  status: string;
  templateVersion: string | null;
  figures: string;
  computed: string;
  tables: string;
  lastReturnComments: unknown;
}

export async function readFilingViewText(db: SqlClient, countyCode: string, unitCode: string, year: number): Promise<FilingViewText | null> {
  const { rows } = await db.query(
    `SELECT version, status, template_version, figures::text AS figures, computed::text AS computed, tables::text AS tables,
            tables -> 'lastReturnComments' AS last_return_comments
       FROM perfledger.filing_views WHERE county_code = $1 AND unit_code = $2 AND year = $3`,
    [countyCode, unitCode, year],
  );
  const r = rows[0];
  if (!r) return null;
  return { version: r.version, status: r.status, templateVersion: r.template_version, figures: r.figures, computed: r.computed, tables: r.tables, lastReturnComments: r.last_return_comments };
}
