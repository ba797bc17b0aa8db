import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Pool } from 'pg';
import { SHIPPED_TEMPLATES } from '@app/domain';
import { TemplateRoundHandler, templateByRef } from '@app/application';
import { PG_POOL } from '@app/event-store';
import { listTemplates } from '@app/projections';
import { AppError } from '@app/shared';
import { contextOf } from '../auth/access';
import { AuthUser, CurrentUser, READERS, Roles } from '../auth/auth.decorators';
import { PublishTemplateDto } from './rounds.dto';

/** Scoring templates (as `perfledger templates|template show|template publish --json`). */
@ApiTags('templates')
@ApiBearerAuth()
@Controller('api/v1/templates')
export class TemplatesController {
  constructor(
    private readonly templates: TemplateRoundHandler,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: '评分模板：已发布的全部版本，以及随系统提供、尚未发布的模板' })
  async list() {
    const rows = await listTemplates(this.pool);
    const published = new Set(rows.map((r) => r.templateId));
    const shipped = SHIPPED_TEMPLATES.filter((t) => !published.has(t.id)).map((t) => ({
      templateId: t.id,
      version: t.version,
      name: t.name,
      note: '随系统提供，首次使用时发布为第 1 版',
      publishedAt: null,
    }));
    return { templates: [...rows, ...shipped] };
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: '模板的最新版本（完整定义）' })
  async latest(@Param('id') id: string) {
    return { template: await templateByRef(this.pool, id) };
  }

  @Get(':id/versions/:version')
  @Roles(...READERS)
  @ApiOperation({ summary: '模板的指定版本（完整定义）' })
  async version(@Param('id') id: string, @Param('version') version: string) {
    if (!/^[1-9]\d{0,8}$/u.test(version)) throw new AppError('InvalidInput', 'invalid-template-version', `version 应为正整数，实为“${version}”`, { field: 'version' });
    return { template: await templateByRef(this.pool, `${id}@${version}`) };
  }

  @Post(':id')
  @Roles('bureau_admin')
  @ApiOperation({ summary: '发布模板的下一版本（与最新版本相同则不发布，200）' })
  async publish(@Param('id') id: string, @Body() body: PublishTemplateDto, @CurrentUser() user: AuthUser, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const name = body.name ?? (typeof body.definition.name === 'string' ? body.definition.name : '');
    const result = await this.templates.publishTemplate(id, name, body.definition, body.note ?? null, contextOf(user, request, body.note ?? null));
    response.status(result.appended ? 201 : 200);
    return { templateVersion: `${result.templateId}@${result.version}`, appended: result.appended };
  }
}
