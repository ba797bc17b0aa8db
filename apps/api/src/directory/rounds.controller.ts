import { Body, Controller, Get, Inject, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Pool } from 'pg';
import type { RoundState } from '@app/domain';
import { TemplateRoundHandler } from '@app/application';
import { PG_POOL } from '@app/event-store';
import { listRounds } from '@app/projections';
import { AppError } from '@app/shared';
import { contextOf } from '../auth/access';
import { AuthUser, CurrentUser, READERS, Roles } from '../auth/auth.decorators';
import { ChangeRoundDto, OpenRoundDto } from './rounds.dto';
import { visibleCounty, yearOf } from './scope';

const roundJson = (r: { countyCode: string; year: number; deadline: string; templateId: string; templateVersion: number }) => ({
  county: r.countyCode,
  year: r.year,
  deadline: r.deadline,
  templateVersion: `${r.templateId}@${r.templateVersion}`,
});

/** A county's evaluation rounds (as `perfledger rounds|round open|round set --json`). */
@ApiTags('rounds')
@ApiBearerAuth()
@Controller('api/v1/counties/:county/rounds')
export class RoundsController {
  constructor(
    private readonly templates: TemplateRoundHandler,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: '行政区划的年度评价（截止日期、评分模板版本）' })
  async list(@Param('county') county: string, @CurrentUser() user: AuthUser) {
    await visibleCounty(this.pool, user, county);
    return { rounds: (await listRounds(this.pool, county)).map(roundJson) };
  }

  @Post()
  @Roles('bureau_admin')
  @ApiOperation({ summary: '开启年度评价：年度、截止日期、评分模板（默认 national-default）' })
  async open(@Param('county') county: string, @Body() body: OpenRoundDto, @CurrentUser() user: AuthUser, @Req() request: Request) {
    const round: RoundState = await this.templates.openRound(county, body.year, body.deadline, body.template ?? 'national-default', contextOf(user, request, body.reason));
    return { round: roundJson(round) };
  }

  @Patch(':year')
  @Roles('bureau_admin')
  @ApiOperation({ summary: '修改年度评价的截止日期或评分模板版本（已有填报保留原版本）' })
  async change(@Param('county') county: string, @Param('year') yearText: string, @Body() body: ChangeRoundDto, @CurrentUser() user: AuthUser, @Req() request: Request) {
    const year = yearOf(yearText);
    if (!body.template && !body.deadline) throw new AppError('InvalidInput', 'nothing-to-change', '请用 template 或 deadline 指定要修改的内容', { field: 'template' });
    const round = await this.templates.changeRound(county, year, { template: body.template, deadline: body.deadline }, contextOf(user, request, body.reason));
    return { round: roundJson(round) };
  }
}
