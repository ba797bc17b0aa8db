import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { FilingRef } from '@app/application';
import { FilingCommandHandler, FindingsService } from '@app/application';
import type { FilingCommand, ReturnComment } from '@app/domain';
import { listFindings } from '@app/projections';
import { AppError } from '@app/shared';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import type { CommandScope } from './filing-command.runner';
import { FilingCommandRunner } from './filing-command.runner';
import { EDITORS } from './filing-edits.controller';
import { ReasonDto } from './filing-edits.dto';
import { ReturnDto, SubmitDto } from './filing-workflow.dto';
import { CommandHeaders, FilingParams, filingRefOf } from './filing-scope';

/** Who returns, accepts and publishes: the bureau. */
export const REVIEWERS = ['bureau_admin', 'bureau_reviewer'] as const;

/** `{findingId: reason}` → a trimmed, non-empty reason for each (400 naming the entry otherwise). */
function reasonsOf(given: Record<string, unknown> | undefined): Map<string, string> {
  const reasons = new Map<string, string>();
  for (const [id, reason] of Object.entries(given ?? {})) {
    if (typeof reason !== 'string' || !reason.trim() || reason.length > 500) {
      throw new AppError('InvalidInput', 'invalid-reason', `reasons.${id.slice(0, 40)} 应为 1–500 个字符的说明`, { field: `reasons.${id.slice(0, 40)}` });
    }
    reasons.set(id, reason.trim());
  }
  return reasons;
}

/** 送审 → 退回 → 审核通过 → 公开: each an event with its actor; `If-Match` and `Idempotency-Key` as on every command. */
@ApiTags('filings')
@ApiBearerAuth()
@Controller('api/v1/filings/:county/:unit/:year')
export class FilingWorkflowController {
  constructor(
    private readonly runner: FilingCommandRunner,
    private readonly filings: FilingCommandHandler,
    private readonly findings: FindingsService,
  ) {}

  @Post('submit')
  @HttpCode(200)
  @Roles(...EDITORS)
  @FilingParams()
  @CommandHeaders()
  @ApiOperation({ summary: '送审：有未处理的错误级核验发现时拒绝（409，列出各条），除非逐条给出说明——说明逐条记为“确认”后再送审' })
  submit(@CurrentUser() user: AuthUser, @Param('county') county: string, @Param('unit') unit: string, @Param('year') year: string, @Body() body: SubmitDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const ref = filingRefOf(user, county, unit, year);
    const reasons = reasonsOf(body.reasons);
    return this.runner.respond(user, req, res, body.reason, async (scope) => {
      const acknowledged = await this.acknowledgeOpenErrors(scope, ref, reasons);
      return { ...(await this.runner.execute(scope, ref, [{ type: 'SubmitFiling' }], false)), acknowledged };
    });
  }

  @Post('return')
  @HttpCode(200)
  @Roles(...REVIEWERS)
  @FilingParams()
  @CommandHeaders()
  @ApiOperation({ summary: '退回：附意见（针对整份填报或某个数据路径），单位修改后可重新送审' })
  return(@CurrentUser() user: AuthUser, @Param('county') county: string, @Param('unit') unit: string, @Param('year') year: string, @Body() body: ReturnDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const comments: ReturnComment[] = [
      ...(body.comment?.trim() ? [{ path: null, text: body.comment }] : []),
      ...(body.comments ?? []).map((c) => ({ path: c.path ?? null, text: c.text })),
    ];
    return this.step(user, req, res, filingRefOf(user, county, unit, year), { type: 'ReturnFiling', comments }, body.reason);
  }

  @Post('accept')
  @HttpCode(200)
  @Roles(...REVIEWERS)
  @FilingParams()
  @CommandHeaders()
  @ApiOperation({ summary: '审核通过' })
  accept(@CurrentUser() user: AuthUser, @Param('county') county: string, @Param('unit') unit: string, @Param('year') year: string, @Body() body: ReasonDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.step(user, req, res, filingRefOf(user, county, unit, year), { type: 'AcceptFiling' }, body.reason);
  }

  @Post('publish')
  @HttpCode(200)
  @Roles(...REVIEWERS)
  @FilingParams()
  @CommandHeaders()
  @ApiOperation({ summary: '公开（审核通过之后）' })
  publish(@CurrentUser() user: AuthUser, @Param('county') county: string, @Param('unit') unit: string, @Param('year') year: string, @Body() body: ReasonDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.step(user, req, res, filingRefOf(user, county, unit, year), { type: 'PublishFiling' }, body.reason);
  }

  private step(user: AuthUser, req: Request, res: Response, ref: FilingRef, command: FilingCommand, reason: string | undefined) {
    return this.runner.run(user, req, res, ref, [command], { open: false, reason });
  }

  /**
   * Before a draft is submitted: its open `error` findings each need a reason (else 409 `open-errors`
   * listing them); each is then acknowledged with its reason. The filing's version is checked first
   * (`If-Match`), so a stale request acknowledges nothing. Reasons for other findings are ignored.
   */
  private async acknowledgeOpenErrors(scope: CommandScope, ref: FilingRef, reasons: Map<string, string>): Promise<string[]> {
    // no commands: only the If-Match check (412) and the unit's existence (404)
    await this.filings.executeIn(scope.client, ref, [], scope.context, { ifVersion: scope.ifVersion });
    const { state } = await this.filings.load(scope.client, ref);
    if (!state.opened || state.status !== 'draft') return []; // the submission itself refuses, naming the state
    const open = (await listFindings(scope.client, ref.countyCode, ref.unitCode, ref.year)).filter((f) => f.severity === 'error' && f.status === 'open');
    const missing = open.filter((f) => !reasons.has(f.id));
    if (missing.length > 0) {
      throw new AppError(
        'Conflict',
        'open-errors',
        `尚有 ${missing.length} 条错误级核验发现未处理，不能送审：请修正数据，或在 reasons 中按编号为每条填写说明（${missing
          .slice(0, 5)
          .map((f) => `${f.id} ${f.ruleId}`)
          .join('、')}${missing.length > 5 ? ' 等' : ''}）`,
        { field: 'reasons', messageEn: `${missing.length} open error findings need a reason before submitting`, details: { findings: missing.map(({ id, ruleId, message, paths }) => ({ id, ruleId, message, paths })) } },
      );
    }
    for (const f of open) {
      const reason = reasons.get(f.id)!;
      await this.findings.review({ type: 'AcknowledgeFinding', findingId: f.id, reason }, { ...scope.context, reason });
    }
    return open.map((f) => f.id);
  }
}
