import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Pool } from 'pg';
import type { FilingRef } from '@app/application';
import { AuditService, FilingCommandHandler, FindingsService, parseMoment, scoreOfFiling } from '@app/application';
import type { FindingState, ReturnComment } from '@app/domain';
import { PG_POOL } from '@app/event-store';
import type { FindingRow } from '@app/projections';
import { listFindings, readFilingViewText } from '@app/projections';
import { AuthUser, CurrentUser, READERS, Roles } from '../auth/auth.decorators';
import { etagOf } from '../auth/access';
import { FindingsQueryDto, ScoreQueryDto } from './filing-workflow.dto';
import { FilingParams, filingNotFound, filingRefOf, unitByCode, unitJson } from './filing-scope';

/** The last return's comments: those on the whole filing, and those on each figure path (shown on the cells). */
export function returnCommentsOf(comments: ReturnComment[]): { filing: string[]; figures: Record<string, string[]> } {
  const figures: Record<string, string[]> = {};
  for (const c of comments) if (c.path !== null) (figures[c.path] ??= []).push(c.text);
  return { filing: comments.filter((c) => c.path === null).map((c) => c.text), figures };
}

const ORDER = { error: 0, warning: 1, info: 2 };
const findingJson = (f: FindingRow | FindingState) => {
  const row = 'findingId' in f ? { ...f, id: f.findingId, reviewReason: f.review?.reason ?? null } : f;
  const { id, ruleId, severity, table, paths, expected, actual, message, messageEn, status, reviewReason } = row;
  return { id, ruleId, severity, table, paths, expected, actual, message, messageEn, status, reviewReason };
};

@ApiTags('filings')
@ApiBearerAuth()
@Controller('api/v1/filings/:county/:unit/:year')
export class FilingsController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly filings: FilingCommandHandler,
    private readonly findings: FindingsService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Roles(...READERS)
  @FilingParams()
  @ApiOperation({ summary: '填报视图：四张表、填报与计算数据、状态、最近一次退回意见（响应头 ETag 为版本号）' })
  async view(@CurrentUser() user: AuthUser, @Param('county') county: string, @Param('unit') unitCode: string, @Param('year') year: string, @Res() res: Response) {
    const ref = filingRefOf(user, county, unitCode, year);
    const unit = await unitByCode(this.pool, ref);
    const view = await readFilingViewText(this.pool, ref.countyCode, ref.unitCode, ref.year);
    if (!view) throw filingNotFound(unit, ref.year);
    // the stored maps are spliced in as text (valid JSON, written by JSON.stringify): no parse and re-serialise
    const head = {
      unit: unitJson(unit),
      year: ref.year,
      version: view.version,
      templateVersion: view.templateVersion,
      asOf: null,
      status: view.status,
    };
    const comments = JSON.stringify(returnCommentsOf((view.lastReturnComments as ReturnComment[] | null) ?? []));
    const body = `${JSON.stringify(head).slice(0, -1)},"figures":${view.figures},"computed":${view.computed},"returnComments":${comments},"tables":${view.tables}}`;
    // express answers 304 itself when If-None-Match names this ETag
    res.status(200).setHeader('ETag', etagOf(view.version));
    res.type('application/json').send(body);
  }

  @Get('score')
  @Roles(...READERS)
  @FilingParams()
  @ApiOperation({ summary: '评分：逐行的填报得分与按模板的建议得分、等级（可用 template 按另一模板比较，不记录）' })
  async score(@CurrentUser() user: AuthUser, @Param('county') county: string, @Param('unit') unitCode: string, @Param('year') year: string, @Query() query: ScoreQueryDto) {
    const ref = filingRefOf(user, county, unitCode, year);
    const unit = await unitByCode(this.pool, ref);
    const result = await scoreOfFiling(this.pool, this.filings, ref, query.template);
    if (result.version === 0) throw filingNotFound(unit, ref.year);
    const scoredWith = `${result.score.template.id}@${result.score.template.version}`;
    return { unit: unitJson(unit), year: ref.year, version: result.version, templateVersion: result.assigned, scoredWith, tables: result.score.tables };
  }

  @Get('findings')
  @Roles(...READERS)
  @FilingParams()
  @ApiOperation({ summary: '核验发现：未解决的（all=true 含已解决的），或某一时刻（asOf）的' })
  async list(@CurrentUser() user: AuthUser, @Param('county') county: string, @Param('unit') unitCode: string, @Param('year') year: string, @Query() query: FindingsQueryDto) {
    const ref = filingRefOf(user, county, unitCode, year);
    const unit = await unitByCode(this.pool, ref);
    const all = query.all === 'true';
    return { unit: unitJson(unit), year: ref.year, asOf: query.asOf ?? null, findings: await this.findingsOf(ref, all, query.asOf) };
  }

  private async findingsOf(ref: FilingRef, all: boolean, asOf: string | undefined) {
    if (asOf === undefined) return (await listFindings(this.pool, ref.countyCode, ref.unitCode, ref.year, all)).map(findingJson);
    const moment = parseMoment(asOf, 'asOf');
    // a submission is a version; a version or a time is taken as given
    const at = 'submission' in moment ? { version: await this.audit.versionAt(this.pool, ref, moment) } : moment;
    const state = await this.findings.asOf(this.pool, ref, at);
    return [...state.values()]
      .map(findingJson)
      .filter((f) => all || f.status !== 'resolved')
      .sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.ruleId.localeCompare(b.ruleId) || a.table.localeCompare(b.table) || a.id.localeCompare(b.id));
  }
}
