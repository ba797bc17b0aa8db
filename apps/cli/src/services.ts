import type { Pool } from 'pg';
import { FilingCommandHandler, UnitCommandHandler, validateYear } from '@app/application';
import { PostgresEventStore } from '@app/event-store';
import type { UnitRow } from '@app/projections';
import { findUnit } from '@app/projections';
import type { AppConfig } from '@app/shared';
import { AppError, loadConfig } from '@app/shared';
import { withAppPool } from './database';

export interface CliServices {
  pool: Pool;
  store: PostgresEventStore;
  filings: FilingCommandHandler;
  units: UnitCommandHandler;
  config: AppConfig;
}

/** The command handlers over a short-lived pool, closed when `work` is done. */
export async function withServices<T>(work: (services: CliServices) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env, { redis: false });
  return withAppPool(async (pool) => {
    const store = new PostgresEventStore(pool, { preparedStatements: config.databasePreparedStatements });
    return work({ pool, store, filings: new FilingCommandHandler(pool, store), units: new UnitCommandHandler(pool, store), config });
  });
}

/** `--county`, else PERFLEDGER_COUNTY, else a usage error that says how to fix it. */
export function countyOf(option: string | undefined, config: AppConfig): string {
  const county = option?.trim() || config.defaultCounty;
  if (!county) {
    throw new AppError('InvalidInput', 'county-required', '请用 --county <行政区划代码> 指定行政区划，或设置环境变量 PERFLEDGER_COUNTY', {
      field: 'county',
      messageEn: 'name the county with --county <code> or set PERFLEDGER_COUNTY',
    });
  }
  return county;
}

export function yearOf(text: string): number {
  const year = /^\d+$/u.test(text.trim()) ? Number(text.trim()) : NaN;
  validateYear(Number.isNaN(year) ? (text as unknown as number) : year);
  return year;
}

/** A unit named on the command line by its code or its exact name. */
export async function unitOf(services: CliServices, countyCode: string, codeOrName: string): Promise<UnitRow> {
  const unit = await findUnit(services.pool, countyCode, codeOrName);
  if (!unit) {
    throw new AppError('NotFound', 'unit-not-found', `行政区划 ${countyCode} 中没有编码或名称为“${codeOrName}”的单位（perfledger units 可列出全部单位）`, {
      field: 'unit',
      messageEn: `no unit with code or name "${codeOrName}" in county ${countyCode}`,
    });
  }
  return unit;
}

export const unitJson = (unit: UnitRow) => ({ code: unit.code, name: unit.name, county: unit.countyCode });
