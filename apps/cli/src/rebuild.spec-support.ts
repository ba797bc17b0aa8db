import type { Pool } from 'pg';
import { cliContext, ImportService, TEMPLATE_CATALOGUE, TemplateRoundHandler, UnitCommandHandler } from '@app/application';
import { generateCounty } from '@app/demo';
import type { PostgresEventStore, SqlClient } from '@app/event-store';

/** Support for the rebuild specs: read-model tables as comparable rows, and a county with volume. */

export const READ_MODEL_TABLES = ['counties', 'units', 'templates', 'rounds', 'filing_views', 'findings'] as const;
export type ReadModelTable = (typeof READ_MODEL_TABLES)[number];

const C = (c: string) => `${c} COLLATE "C"`;
const ORDER: Record<ReadModelTable, string> = {
  counties: C('code'),
  units: `${C('county_code')}, ${C('code')}`,
  templates: `${C('template_id')}, version`,
  rounds: `${C('county_code')}, year`,
  filing_views: C('stream_id'),
  findings: C('finding_id'),
};

export type Row = Record<string, string | null>;

/** Columns left out of a comparison, and json columns compared by content (as jsonb) rather than as text. */
export interface Compare {
  without?: readonly string[];
  jsonb?: readonly string[];
}

/**
 * Every row of a read-model table in `schema`, every column as its exact text (json keeps its key order),
 * without `updated_at` (when a row was written, not what it says); `where` (with `$1`) narrows it.
 */
export async function tableRows(db: SqlClient, schema: string, table: ReadModelTable, compare: Compare = {}, where?: { sql: string; value: unknown }): Promise<Row[]> {
  const { rows: cols } = await db.query(
    `SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [`perfledger.${table}`],
  );
  const names = cols.map((c) => c.attname as string).filter((c) => c !== 'updated_at' && !compare.without?.includes(c));
  const text = (c: string) => (compare.jsonb?.includes(c) ? `${c}::jsonb::text AS ${c}` : `${c}::text AS ${c}`);
  const { rows } = await db.query(
    `SELECT ${names.map(text).join(', ')} FROM ${schema}.${table} ${where ? `WHERE ${where.sql}` : ''} ORDER BY ${ORDER[table]}`,
    where ? [where.value] : [],
  );
  return rows;
}

/** Every read-model table of `schema`. */
export async function allRows(db: SqlClient, schema: string, compare: Partial<Record<ReadModelTable, Compare>> = {}): Promise<Record<ReadModelTable, Row[]>> {
  const out = {} as Record<ReadModelTable, Row[]>;
  for (const t of READ_MODEL_TABLES) out[t] = await tableRows(db, schema, t, compare[t]);
  return out;
}

/** Relations left in the shadow schema. */
export async function shadowTables(db: Pool): Promise<string[]> {
  const { rows } = await db.query(`SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'perfledger_rebuild' AND c.relkind = 'r' ORDER BY 1`);
  return rows.map((r) => r.relname);
}

/** A county with an open round (templates, rounds, filings scored with a template version) and `units` imported demo units. */
export async function seedCounty(pool: Pool, store: PostgresEventStore, county: string, units: number, seed: number): Promise<{ codes: string[]; spare: Buffer[] }> {
  const context = cliContext('重建测试');
  await new UnitCommandHandler(pool, store).registerCounty(county, '衡山县', context);
  await new TemplateRoundHandler(pool, store, TEMPLATE_CATALOGUE).openRound(county, 2024, '2025-06-30', 'national-default', context);
  const demo = generateCounty({ units: units + 4, seed, year: 2024 });
  const importer = new ImportService(pool, store);
  const codes: string[] = [];
  for (const [i, doc] of demo.documents.slice(0, units).entries()) {
    const report = await importer.import(Buffer.from(doc.text, 'utf8'), { countyCode: county, fileName: `demo-${i}.txt`, actor: context.actor });
    codes.push(report.unit!.code);
  }
  return { codes, spare: demo.documents.slice(units).map((d) => Buffer.from(d.text, 'utf8')) };
}
