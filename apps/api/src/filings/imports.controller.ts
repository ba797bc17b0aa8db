import { Body, CallHandler, Controller, ExecutionContext, HttpCode, HttpException, HttpStatus, Inject, Injectable, PayloadTooLargeException, Post, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Pool } from 'pg';
import type { Observable } from 'rxjs';
import type { ImportOptions, ImportReport } from '@app/application';
import { decodeDocument, ImportFailedError, ImportService } from '@app/application';
import { PG_POOL } from '@app/event-store';
import { isSelfEvaluation, parseSelfEvaluation } from '@app/importers';
import { findUnitByName } from '@app/projections';
import type { ErrorKind } from '@app/shared';
import { AppError } from '@app/shared';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { assertCountyVisible, canSeeUnit, contextOf } from '../auth/access';
import { ImportDto } from './filing-workflow.dto';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** The file multer holds in memory. */
interface UploadedDocument {
  buffer: Buffer;
  originalname: string;
  size: number;
}

/** multer for one `file` of at most 5 MB (file names as UTF-8), its refusals in Chinese. */
@Injectable()
export class UploadInterceptor extends FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 1024 }, defParamCharset: 'utf8' }) {
  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await super.intercept(context, next);
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() === HttpStatus.PAYLOAD_TOO_LARGE) {
        throw new PayloadTooLargeException(`上传文件超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB 上限`);
      }
      if (error instanceof HttpException) {
        throw new AppError('InvalidInput', 'invalid-upload', '上传内容无效：应为 multipart/form-data，含一个文件字段 file，以及可选的 county、dryRun 字段', { field: 'file', messageEn: String(error.message) });
      }
      throw error;
    }
  }
}

/** Refusals of an import keep their report; a locked filing stays 409 and an unknown county 404, as elsewhere. */
const KIND_OF_CODE: Record<string, ErrorKind> = { 'filing-locked': 'Conflict', 'county-not-found': 'NotFound' };

@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/v1/imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportService,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles('bureau_admin', 'unit_filer')
  @UseInterceptors(UploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportDto })
  @ApiOperation({ summary: '导入自评材料（正式文档的文本版式）：按名称找到或登记单位，记录各项数据；dryRun=true 只返回导入报告。单位填报人只能导入本人负责单位的材料' })
  async import(@CurrentUser() user: AuthUser, @Body() body: ImportDto, @UploadedFile() file: UploadedDocument | undefined, @Req() req: Request): Promise<ImportReport> {
    if (!file) throw new AppError('InvalidInput', 'import-file-required', '请以 multipart/form-data 上传文件（字段名 file）', { field: 'file' });
    const countyCode = body.county ?? user.countyCode;
    if (!countyCode) throw new AppError('InvalidInput', 'county-required', '请用 county 字段指定行政区划代码', { field: 'county' });
    assertCountyVisible(user, countyCode);
    const options: ImportOptions = { countyCode, fileName: file.originalname.slice(0, 255) || undefined, dryRun: body.dryRun === 'true', actor: contextOf(user, req).actor };
    if (user.role === 'unit_filer') await this.assertOwnDocument(user, countyCode, file.buffer);
    return this.run(file.buffer, options);
  }

  /**
   * A filer imports only their own units' documents: the unit the importer would match (its exact name in
   * the county) must be one of theirs — a new unit or another's is 403, before anything is written. What
   * is not a self-evaluation goes on to the import, which refuses it with its report.
   */
  private async assertOwnDocument(user: AuthUser, countyCode: string, bytes: Buffer): Promise<void> {
    const parsed = parseSelfEvaluation(decodeDocument(bytes));
    if (!isSelfEvaluation(parsed) || parsed.year === null || !parsed.unitName) return;
    const unit = await findUnitByName(this.pool, countyCode, parsed.unitName);
    if (!unit || !canSeeUnit(user, countyCode, unit.code)) {
      throw new AppError('Forbidden', 'import-unit-forbidden', `只能导入本人负责单位的自评材料：文件中的单位“${parsed.unitName.slice(0, 100)}”不在您负责的单位之中`, {
        field: 'file',
        messageEn: 'a unit filer may import only documents of their own units',
      });
    }
  }

  private async run(bytes: Buffer, options: ImportOptions): Promise<ImportReport> {
    try {
      return await this.imports.import(bytes, options);
    } catch (error) {
      const kind = error instanceof ImportFailedError ? KIND_OF_CODE[error.code] : undefined;
      if (!kind || !(error instanceof ImportFailedError)) throw error;
      throw new AppError(kind, error.code, error.message, { messageEn: error.messageEn, details: error.details, cause: error });
    }
  }
}
