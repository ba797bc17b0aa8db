import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { CountySummaryService } from '@app/application';
import { PG_POOL } from '@app/event-store';
import { findCounty, listCounties, readCurrentCountySummaryText } from '@app/projections';
import { AppError } from '@app/shared';
import { Roles } from '../auth/auth.decorators';
import { yearOf } from './scope';

/**
 * The county dashboard's numbers (as `perfledger summary <county> <year> --json`). Not for unit filers:
 * the ranking names every unit of the county.
 */
@ApiTags('county')
@ApiBearerAuth()
@Controller('api/v1/counties/:county/summary')
export class SummaryController {
  constructor(
    private readonly summaries: CountySummaryService,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  @Get(':year')
  @Roles('bureau_admin', 'bureau_reviewer', 'auditor')
  @ApiOperation({ summary: '行政区划年度汇总：填报状态、预算与执行、得分、等级、核验发现、排名（source：后台任务存储的 stored 或即时计算的 computed）' })
  async summary(@Param('county') countyText: string, @Param('year') yearText: string, @Res() res: Response) {
    const year = yearOf(yearText);
    const text = countyText.trim();
    const county = (await findCounty(this.pool, text)) ?? (await listCounties(this.pool)).find((c) => c.name === text) ?? null;
    if (!county) throw new AppError('NotFound', 'county-not-found', `没有代码或名称为“${countyText}”的行政区划`, { field: 'county' });
    // the stored summary when current, sent as its JSON text (a 300-unit ranking is ~100 kB: parsing and
    // re-serialising it was most of the request's CPU); else computed now
    const stored = await readCurrentCountySummaryText(this.pool, county.code, year);
    if (stored && stored.text.endsWith('}') && stored.text !== '{}') {
      res.type('application/json').send(`${stored.text.slice(0, -1)},"source":"stored","computedAt":${JSON.stringify(stored.computedAt)}}`);
      return;
    }
    const { summary, source, computedAt } = await this.summaries.current(county.code, year);
    res.json({ ...summary, source, computedAt });
  }
}
