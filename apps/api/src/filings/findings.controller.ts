import { Body, Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Pool } from 'pg';
import { FindingsService } from '@app/application';
import { PG_POOL } from '@app/event-store';
import { findFinding } from '@app/projections';
import { AppError } from '@app/shared';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { assertUnitVisible, contextOf } from '../auth/access';
import { REVIEWERS } from './filing-workflow.controller';
import { ReviewFindingDto } from './filing-workflow.dto';

/** A reviewer acknowledges (确认) or dismisses (驳回) a finding with a reason: an event with who and when. */
@ApiTags('findings')
@ApiBearerAuth()
@Controller('api/v1/findings')
export class FindingsController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly findings: FindingsService,
  ) {}

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles(...REVIEWERS)
  @ApiParam({ name: 'id', description: '核验发现编号（16 位十六进制）', example: '3f2a9c1d7e5b4a60' })
  @ApiOperation({ summary: '确认核验发现（附理由）' })
  acknowledge(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: ReviewFindingDto, @Req() req: Request) {
    return this.review(user, req, 'AcknowledgeFinding', id, body.reason);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @Roles(...REVIEWERS)
  @ApiParam({ name: 'id', description: '核验发现编号（16 位十六进制）', example: '3f2a9c1d7e5b4a60' })
  @ApiOperation({ summary: '驳回核验发现（附理由）' })
  dismiss(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: ReviewFindingDto, @Req() req: Request) {
    return this.review(user, req, 'DismissFinding', id, body.reason);
  }

  private async review(user: AuthUser, req: Request, type: 'AcknowledgeFinding' | 'DismissFinding', id: string, reason: string) {
    const notFound = new AppError('NotFound', 'finding-not-found', `核验发现 ${id.slice(0, 40)} 不存在`, { field: 'findingId' });
    if (!/^[0-9a-f]{16}$/u.test(id)) throw notFound;
    const row = await findFinding(this.pool, id);
    if (!row) throw notFound;
    assertUnitVisible(user, row.countyCode, row.unitCode);
    const after = await this.findings.review({ type, findingId: id, reason }, contextOf(user, req, reason));
    return { finding: { id: after.id, ruleId: after.ruleId, status: after.status, reviewReason: after.reviewReason } };
  }
}
