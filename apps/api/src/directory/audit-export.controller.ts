import { Controller, Get, Inject, Logger, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Pool } from 'pg';
import { COUNTY_CODE, countyStreamId } from '@app/domain';
import type { AuditScope } from '@app/event-store';
import { countyAuditScope, PG_POOL } from '@app/event-store';
import { AppError } from '@app/shared';
import { Roles } from '../auth/auth.decorators';
import { AuditExportQuery } from './audit.dto';
import { auditFileName, streamAuditPackage } from './audit-export.stream';

/** The audit package for `node tools/verify-audit.js` (as `perfledger export-audit <file> [--county]`), as a download. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditExportController {
  private readonly logger = new Logger('AuditExport');

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get('export')
  @Roles('bureau_admin', 'auditor')
  @ApiProduces('application/x-ndjson')
  @ApiOperation({ summary: '下载审计包（JSON Lines：事件、哈希、封存），可离线校验；county 只导出一个行政区划' })
  async export(@Query() query: AuditExportQuery, @Res() response: Response): Promise<void> {
    const county = query.county?.trim() || undefined;
    if (county !== undefined && !COUNTY_CODE.test(county)) {
      throw new AppError('InvalidInput', 'invalid-county', `county 应为 6 位数字的行政区划代码，实为“${query.county}”`, { field: 'county' });
    }
    if (county) {
      const { rows } = await this.pool.query(`SELECT 1 FROM perfledger.streams s WHERE s.stream_id = $1 AND s.version > 0`, [countyStreamId(county)]);
      if (rows.length === 0) throw new AppError('NotFound', 'county-not-found', `行政区划 ${county} 尚未登记`, { field: 'county' });
    }
    const scope: AuditScope = county ? countyAuditScope(county) : { kind: 'full' };
    const summary = await streamAuditPackage(this.pool, response, scope, auditFileName(county));
    if (!summary) this.logger.warn(`audit export (${county ?? 'full'}) did not complete: the connection was cut`);
  }
}
