import type { CountyState, UnitState } from '@app/domain';
import type { SqlClient } from '@app/event-store';
import { LIVE_SCHEMA, tableIn } from './read-model-tables';

/**
 * Counties and units read models, written inline with their events. The unique index on a unit's
 * name in its county is what keeps names unique (the importer finds a unit by name): a second unit
 * with the same name fails the whole transaction. `schema` is the live one, or a rebuild's shadow.
 */
export async function writeCounty(db: SqlClient, state: CountyState, version: number, schema: string = LIVE_SCHEMA): Promise<void> {
  await db.query(
    `INSERT INTO ${tableIn(schema, 'counties')} AS c (code, name, version, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, version = EXCLUDED.version, updated_at = now()
      WHERE c.version <= EXCLUDED.version`,
    [state.code, state.name, version],
  );
}

export async function writeUnit(db: SqlClient, state: UnitState, version: number, registeredAt: string, schema: string = LIVE_SCHEMA): Promise<void> {
  await db.query(
    `INSERT INTO ${tableIn(schema, 'units')} AS u (county_code, code, name, supervising_department, kind, version, registered_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now())
     ON CONFLICT (county_code, code) DO UPDATE
        SET name = EXCLUDED.name, supervising_department = EXCLUDED.supervising_department, kind = EXCLUDED.kind,
            version = EXCLUDED.version, updated_at = now()
      WHERE u.version <= EXCLUDED.version`,
    [state.countyCode, state.code, state.name, state.supervisingDepartment, state.kind, version, registeredAt],
  );
}

export interface CountyRow {
  code: string;
  name: string;
  version: number;
}

export interface UnitRow {
  countyCode: string;
  code: string;
  name: string;
  supervisingDepartment: string | null;
  kind: 'administrative' | 'institution';
  version: number;
}

function toUnit(r: Record<string, any>): UnitRow {
  return { countyCode: r.county_code, code: r.code, name: r.name, supervisingDepartment: r.supervising_department, kind: r.kind, version: r.version };
}

export async function listCounties(db: SqlClient): Promise<CountyRow[]> {
  const { rows } = await db.query(`SELECT code, name, version FROM perfledger.counties ORDER BY code`);
  return rows.map((r) => ({ code: r.code, name: r.name, version: r.version }));
}

export async function findCounty(db: SqlClient, code: string): Promise<CountyRow | null> {
  const { rows } = await db.query(`SELECT code, name, version FROM perfledger.counties WHERE code = $1`, [code]);
  return rows[0] ? { code: rows[0].code, name: rows[0].name, version: rows[0].version } : null;
}

export async function listUnits(db: SqlClient, countyCode?: string): Promise<UnitRow[]> {
  const { rows } = await db.query(
    `SELECT county_code, code, name, supervising_department, kind, version FROM perfledger.units
      WHERE $1::text IS NULL OR county_code = $1 ORDER BY county_code, code`,
    [countyCode ?? null],
  );
  return rows.map(toUnit);
}

/** A unit named by its code or its exact name, in one county. */
export async function findUnit(db: SqlClient, countyCode: string, codeOrName: string): Promise<UnitRow | null> {
  const { rows } = await db.query(
    `SELECT county_code, code, name, supervising_department, kind, version FROM perfledger.units
      WHERE county_code = $1 AND (code = $2 OR name = $2) ORDER BY (code = $2) DESC LIMIT 1`,
    [countyCode, codeOrName],
  );
  return rows[0] ? toUnit(rows[0]) : null;
}

/** A unit by its exact name in one county (the importer finds units by name). */
export async function findUnitByName(db: SqlClient, countyCode: string, name: string): Promise<UnitRow | null> {
  const { rows } = await db.query(
    `SELECT county_code, code, name, supervising_department, kind, version FROM perfledger.units WHERE county_code = $1 AND name = $2`,
    [countyCode, name],
  );
  return rows[0] ? toUnit(rows[0]) : null;
}
