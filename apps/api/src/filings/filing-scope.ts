import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiParam } from '@nestjs/swagger';
import type { FilingRef } from '@app/application';
import { validateYear } from '@app/application';
import type { SqlClient } from '@app/event-store';
import type { UnitRow } from '@app/projections';
import { findUnit } from '@app/projections';
import { AppError } from '@app/shared';
import type { AuthUser } from '../auth/auth.decorators';
import { assertUnitVisible } from '../auth/access';

/** `:year` of a filing path: a whole number in the accepted range (else 400 naming the field). */
export function yearOf(text: string): number {
  const year = /^\d{1,4}$/u.test(text) ? Number(text) : NaN;
  if (Number.isNaN(year)) {
    throw new AppError('InvalidInput', 'invalid-year', `年度应为四位数字的整数，实为“${text.slice(0, 20)}”`, { field: 'year', messageEn: 'year must be a whole number' });
  }
  validateYear(year);
  return year;
}

/**
 * The filing a request names, once the user may see its unit (a unit filer gets 404 for another unit's,
 * the same answer as for a unit that does not exist).
 */
export function filingRefOf(user: AuthUser, county: string, unit: string, year: string): FilingRef {
  assertUnitVisible(user, county, unit);
  return { countyCode: county, unitCode: unit, year: yearOf(year) };
}

/** The unit named by its code (the path's `:unit`), else 404. */
export async function unitByCode(db: SqlClient, ref: FilingRef): Promise<UnitRow> {
  const unit = await findUnit(db, ref.countyCode, ref.unitCode);
  if (!unit || unit.code !== ref.unitCode) {
    throw new AppError('NotFound', 'unit-not-found', `行政区划 ${ref.countyCode} 中没有单位 ${ref.unitCode}`, { field: 'unit', messageEn: `no unit ${ref.unitCode} in county ${ref.countyCode}` });
  }
  return unit;
}

export const unitJson = (unit: UnitRow) => ({ code: unit.code, name: unit.name, county: unit.countyCode });

export const filingNotFound = (unit: UnitRow, year: number) =>
  new AppError('NotFound', 'filing-not-found', `${unit.name} ${year} 年度尚无填报`, { field: 'year', messageEn: `no filing of ${unit.code} for ${year}` });

/** The three path parameters of a filing, documented once. */
export const FilingParams = () =>
  applyDecorators(
    ApiParam({ name: 'county', description: '行政区划代码', example: '430423' }),
    ApiParam({ name: 'unit', description: '单位编码', example: 'U0001' }),
    ApiParam({ name: 'year', description: '年度', example: '2023' }),
  );

/** The headers every filing command takes. */
export const CommandHeaders = () =>
  applyDecorators(
    ApiHeader({ name: 'If-Match', required: false, description: '填报视图返回的 ETag（如 "12"）；填报已被他人修改时返回 412' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: '8–128 位；同一请求重发时返回首次的响应（响应头 Idempotent-Replayed: true），不重复记录' }),
  );
