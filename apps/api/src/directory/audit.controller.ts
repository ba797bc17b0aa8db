import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import type { FilingRef } from '@app/application';
import { AuditService, parseMoment } from '@app/application';
import { PG_POOL } from '@app/event-store';
import { AppError } from '@app/shared';
import { AuthUser, CurrentUser, READERS, Roles } from '../auth/auth.decorators';
import { AsOfQuery, BlameQuery, DiffQuery, HistoryQuery } from './audit.dto';
import { unitJson, visibleUnit, yearOf } from './scope';

/** An ISO time (history's from/to), else 400 naming the field. */
function timeOf(text: string | undefined, field: string): string | undefined {
  if (text === undefined) return undefined;
  const m = parseMoment(text, field);
  if (!('time' in m)) throw new AppError('InvalidInput', 'invalid-time', `${field} 应为 ISO 时间（如 2024-06-20T08:00:00Z），实为“${text}”`, { field });
  return m.time;
}

/** A whole number (history's after/limit), else 400 naming the field. */
function wholeOf(text: string | undefined, field: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,9}$/u.test(text.trim())) throw new AppError('InvalidInput', 'invalid-number', `${field} 应为正整数，实为“${text}”`, { field });
  return Number(text.trim());
}

/**
 * The auditor's questions about one filing (as `perfledger blame|history|figures --as-of|diff --json`).
 * Bureau roles and auditors: every filing; a unit filer: the filings of their own units (404 otherwise).
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/filings/:county/:unit/:year')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  private async filing(user: AuthUser, county: string, unitText: string, yearText: string) {
    const year = yearOf(yearText);
    const unit = await visibleUnit(this.pool, user, county, unitText);
    const ref: FilingRef = { countyCode: unit.countyCode, unitCode: unit.code, year };
    return { unit: unitJson(unit), year, ref };
  }

  @Get('blame')
  @Roles(...READERS)
  @ApiOperation({ summary: '一个数字的全部修改（最早的在前）：何时、何人、由何值改为何值、原因、来源' })
  async blame(@Param('county') county: string, @Param('unit') unitText: string, @Param('year') year: string, @Query() query: BlameQuery, @CurrentUser() user: AuthUser) {
    const f = await this.filing(user, county, unitText, year);
    return { unit: f.unit, year: f.year, path: query.path, changes: await this.audit.blame(f.ref, query.path) };
  }

  @Get('history')
  @Roles(...READERS)
  @ApiOperation({ summary: '填报的事件（最早的在前），可按用户、路径、来源、时间筛选，分页（next）' })
  async history(@Param('county') county: string, @Param('unit') unitText: string, @Param('year') year: string, @Query() query: HistoryQuery, @CurrentUser() user: AuthUser) {
    const filters = {
      actor: query.actor,
      pathPrefix: query.path,
      source: query.source,
      from: timeOf(query.from, 'from'),
      to: timeOf(query.to, 'to'),
      after: wholeOf(query.after, 'after'),
      limit: wholeOf(query.limit, 'limit'),
    };
    const f = await this.filing(user, county, unitText, year);
    return { unit: f.unit, year: f.year, ...(await this.audit.history(f.ref, filters)) };
  }

  @Get('as-of')
  @Roles(...READERS)
  @ApiOperation({ summary: '填报在某一时刻的数字（填报数与计算数，按当时的模板版本评分）' })
  async asOf(@Param('county') county: string, @Param('unit') unitText: string, @Param('year') year: string, @Query() query: AsOfQuery, @CurrentUser() user: AuthUser) {
    const moment = parseMoment(query.at, 'at');
    const f = await this.filing(user, county, unitText, year);
    const view = await this.audit.asOf(f.ref, moment);
    const some = view.version > 0;
    return {
      unit: f.unit,
      year: f.year,
      version: view.version,
      templateVersion: some ? view.templateVersion : null,
      asOf: query.at,
      status: some ? view.status : null,
      figures: some ? view.figures : {},
      computed: some ? view.computed : {},
    };
  }

  @Get('diff')
  @Roles(...READERS)
  @ApiOperation({ summary: '两个时刻之间不同的数字，及其最后一次修改的人、时间与原因' })
  async diff(@Param('county') county: string, @Param('unit') unitText: string, @Param('year') year: string, @Query() query: DiffQuery, @CurrentUser() user: AuthUser) {
    const [from, to] = [parseMoment(query.from, 'from'), parseMoment(query.to, 'to')];
    const f = await this.filing(user, county, unitText, year);
    return { unit: f.unit, year: f.year, ...(await this.audit.diff(f.ref, from, to)) };
  }
}
