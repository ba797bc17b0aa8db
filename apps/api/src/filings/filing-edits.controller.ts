import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { FilingCommand } from '@app/domain';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { FilingCommandRunner } from './filing-command.runner';
import { AddProjectDto, AdjustBudgetDto, LinkProjectDto, RemoveProjectDto, RenameProjectDto, SetFiguresDto } from './filing-edits.dto';
import { CommandHeaders, FilingParams, filingRefOf } from './filing-scope';

/** Who edits a filing's figures and projects: the unit's filers (their own units) and the bureau admin. */
export const EDITORS = ['bureau_admin', 'unit_filer'] as const;

/**
 * Editing a filing (a draft: a submitted, accepted or published one answers 409 naming its state).
 * Every endpoint opens the filing on first use, as the CLI's `set` and `project` do, and answers as their
 * `--json` does: the new version (also as `ETag`), the events appended and the paths each one set.
 */
@ApiTags('filings')
@ApiBearerAuth()
@Controller('api/v1/filings/:county/:unit/:year')
export class FilingEditsController {
  constructor(private readonly runner: FilingCommandRunner) {}

  @Post('figures')
  @HttpCode(200)
  @Roles(...EDITORS)
  @FilingParams()
  @CommandHeaders()
  @ApiOperation({ summary: '填写单元格：一次请求中的各项作为一次修改记录（全年预算数的改变记为预算调整，已填的自评得分再改记为更正）' })
  figures(
    @CurrentUser() user: AuthUser,
    @Param('county') county: string,
    @Param('unit') unit: string,
    @Param('year') year: string,
    @Body() body: SetFiguresDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const ref = filingRefOf(user, county, unit, year);
    const adjustment = { date: body.date ?? null, documentNumber: body.document ?? null };
    const commands: FilingCommand[] = body.figures.map((f) => ({ type: 'SetFigure', path: f.path, value: f.value, adjustment }));
    return this.runner.run(user, req, res, ref, commands, { open: true, reason: body.reason });
  }

  @Post('adjustments')
  @HttpCode(200)
  @Roles(...EDITORS)
  @FilingParams()
  @CommandHeaders()
  @ApiOperation({ summary: '预算调整：追加（金额为正）或调减（金额为负）全年预算数，附文号、日期与原因' })
  adjust(
    @CurrentUser() user: AuthUser,
    @Param('county') county: string,
    @Param('unit') unit: string,
    @Param('year') year: string,
    @Body() body: AdjustBudgetDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const ref = filingRefOf(user, county, unit, year);
    const decrease = body.amount.startsWith('-');
    const command: FilingCommand = {
      type: 'AdjustBudget',
      path: body.path,
      direction: decrease ? 'decrease' : 'increase',
      amount: body.amount.replace(/^[+-]/u, ''),
      date: body.date ?? null,
      documentNumber: body.document ?? null,
      reason: body.reason,
    };
    return this.runner.run(user, req, res, ref, [command], { open: true, reason: body.reason });
  }

  @Post('projects')
  @HttpCode(200)
  @Roles(...EDITORS)
  @FilingParams()
  @CommandHeaders()
  @ApiOperation({ summary: '添加项目：附件三的项目表（及其在附件一中的行名），或仅附件一的一行（lineOnly）' })
  addProject(
    @CurrentUser() user: AuthUser,
    @Param('county') county: string,
    @Param('unit') unit: string,
    @Param('year') year: string,
    @Body() body: AddProjectDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const ref = filingRefOf(user, county, unit, year);
    const command: FilingCommand = body.lineOnly
      ? { type: 'AddProject', projectId: randomUUID(), name: null, lineName: body.name }
      : { type: 'AddProject', projectId: randomUUID(), name: body.name, lineName: body.lineName ?? null };
    return this.runner.run(user, req, res, ref, [command], { open: true, reason: body.reason });
  }

  @Post('projects/rename')
  @HttpCode(200)
  @Roles(...EDITORS)
  @FilingParams()
  @CommandHeaders()
  @ApiOperation({ summary: '项目改名（历史随项目保留）：part=table 改附件三的项目名称，part=line 改附件一的行名' })
  renameProject(
    @CurrentUser() user: AuthUser,
    @Param('county') county: string,
    @Param('unit') unit: string,
    @Param('year') year: string,
    @Body() body: RenameProjectDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const ref = filingRefOf(user, county, unit, year);
    const command: FilingCommand = { type: 'RenameProject', part: body.part ?? 'table', from: body.from, to: body.to };
    return this.runner.run(user, req, res, ref, [command], { open: true, reason: body.reason });
  }

  @Post('projects/link')
  @HttpCode(200)
  @Roles(...EDITORS)
  @FilingParams()
  @CommandHeaders()
  @ApiOperation({ summary: '关联项目：附件三的项目表与附件一的一行为同一项目' })
  linkProject(
    @CurrentUser() user: AuthUser,
    @Param('county') county: string,
    @Param('unit') unit: string,
    @Param('year') year: string,
    @Body() body: LinkProjectDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const ref = filingRefOf(user, county, unit, year);
    const command: FilingCommand = { type: 'LinkProject', name: body.name, lineName: body.lineName, basis: 'command' };
    return this.runner.run(user, req, res, ref, [command], { open: true, reason: body.reason });
  }

  @Post('projects/remove')
  @HttpCode(200)
  @Roles(...EDITORS)
  @FilingParams()
  @CommandHeaders()
  @ApiOperation({ summary: '删除项目（其数据随之移除，历史保留）' })
  removeProject(
    @CurrentUser() user: AuthUser,
    @Param('county') county: string,
    @Param('unit') unit: string,
    @Param('year') year: string,
    @Body() body: RemoveProjectDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const ref = filingRefOf(user, county, unit, year);
    const command: FilingCommand = { type: 'RemoveProject', name: body.name };
    return this.runner.run(user, req, res, ref, [command], { open: true, reason: body.reason });
  }
}
