import type { SqlClient } from '@app/event-store';
import { validateYear } from '@app/application';
import type { CountyRow, UnitRow } from '@app/projections';
import { findCounty, findUnit } from '@app/projections';
import { AppError } from '@app/shared';
import { assertCountyVisible, canSeeUnit } from '../auth/access';
import type { AuthUser } from '../auth/auth.decorators';

/** A year in the path (`2024`): a whole number in range, else 400 naming `year`. */
export function yearOf(text: string): number {
  const year = /^\d{1,9}$/u.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (Number.isNaN(year)) throw new AppError('InvalidInput', 'invalid-year', `year 应为年度（如 2024），实为“${text}”`, { field: 'year' });
  validateYear(year);
  return year;
}

/** A county the user may see and that exists: else 404, the same answer either way. */
export async function visibleCounty(db: SqlClient, user: AuthUser, code: string): Promise<CountyRow> {
  assertCountyVisible(user, code);
  const county = await findCounty(db, code);
  if (!county) throw new AppError('NotFound', 'county-not-found', `行政区划 ${code} 不存在`, { field: 'county' });
  return county;
}

/**
 * A unit named by its code or exact name (as on the command line) that the user may see. A unit that
 * does not exist and one a filer may not see get the same 404, naming what was asked, never its code.
 */
export async function visibleUnit(db: SqlClient, user: AuthUser, countyCode: string, codeOrName: string): Promise<UnitRow> {
  assertCountyVisible(user, countyCode);
  const unit = await findUnit(db, countyCode, codeOrName);
  if (!unit || !canSeeUnit(user, countyCode, unit.code)) {
    throw new AppError('NotFound', 'unit-not-found', `行政区划 ${countyCode} 中没有单位 ${codeOrName}`, { field: 'unit' });
  }
  return unit;
}

export const unitJson = (unit: UnitRow) => ({ code: unit.code, name: unit.name, county: unit.countyCode });
