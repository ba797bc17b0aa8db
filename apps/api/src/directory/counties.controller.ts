import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Pool } from 'pg';
import { ListUnitsQuery, UnitCommandHandler } from '@app/application';
import { PG_POOL } from '@app/event-store';
import type { UnitRow } from '@app/projections';
import { listCounties } from '@app/projections';
import { canSeeUnit, contextOf } from '../auth/access';
import { AuthUser, CurrentUser, READERS, Roles } from '../auth/auth.decorators';
import { AddCountyDto, AddUnitDto } from './directory.dto';
import { unitJson, visibleCounty } from './scope';

const unitEntry = (u: UnitRow) => ({ unit: unitJson(u), supervisingDepartment: u.supervisingDepartment, kind: u.kind });

/** Counties and their units (as `perfledger counties|units|county add|unit add --json`). */
@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/counties')
export class CountiesController {
  constructor(
    private readonly units: UnitCommandHandler,
    private readonly queries: QueryBus,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: '行政区划列表（单位填报人只见本行政区划）' })
  async list(@CurrentUser() user: AuthUser) {
    const counties = (await listCounties(this.pool)).filter((c) => user.role !== 'unit_filer' || c.code === user.countyCode);
    return { counties: counties.map((c) => ({ code: c.code, name: c.name })) };
  }

  @Post()
  @Roles('bureau_admin')
  @ApiOperation({ summary: '登记行政区划（代码与名称）；已登记且相同则不作改动（200）' })
  async add(@Body() body: AddCountyDto, @CurrentUser() user: AuthUser, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const result = await this.units.registerCounty(body.code, body.name, contextOf(user, request, '登记行政区划'));
    response.status(result.created ? 201 : 200);
    return { county: { code: result.code, name: result.name }, created: result.created };
  }

  @Get(':county/units')
  @Roles(...READERS)
  @ApiOperation({ summary: '行政区划内的单位（单位填报人只见自己负责的单位）' })
  async listUnits(@Param('county') county: string, @CurrentUser() user: AuthUser) {
    await visibleCounty(this.pool, user, county);
    const units: UnitRow[] = await this.queries.execute(new ListUnitsQuery(county));
    return { units: units.filter((u) => canSeeUnit(user, county, u.code)).map(unitEntry) };
  }

  @Post(':county/units')
  @Roles('bureau_admin')
  @ApiOperation({ summary: '登记单位（省略编码则自动生成 U0001、U0002…）' })
  async addUnit(@Param('county') county: string, @Body() body: AddUnitDto, @CurrentUser() user: AuthUser, @Req() request: Request) {
    const result = await this.units.registerUnit(
      { countyCode: county, code: body.code?.trim() || null, name: body.name, supervisingDepartment: body.supervisingDepartment ?? null, kind: body.kind ?? 'administrative' },
      contextOf(user, request, body.reason ?? null),
    );
    const u = result.unit;
    return { unit: { code: u.code, name: u.name, county: u.countyCode }, supervisingDepartment: u.supervisingDepartment, kind: u.kind, version: result.version, generatedCode: result.generatedCode };
  }
}
