import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

const MOMENT = '时刻：填报版本号（12）、ISO 时间（2024-06-20T08:00:00Z）、submitted（最后一次送审）或 submitted#n（第 n 次送审）';

export class BlameQuery {
  @ApiProperty({ example: 'overall.indicators.benefit.ecological.绿色低碳环保.score', description: '数字路径（docs/figure-paths.md）' })
  @IsString({ message: 'path 应为字符串' })
  @MinLength(1, { message: 'path 不能为空' })
  @MaxLength(1000, { message: 'path 至多 1000 个字符' })
  path!: string;
}

export class HistoryQuery {
  @ApiPropertyOptional({ example: 'hszx-filer', description: '只看此用户的事件' })
  @IsOptional()
  @IsString({ message: 'actor 应为字符串' })
  @MaxLength(200, { message: 'actor 至多 200 个字符' })
  actor?: string;

  @ApiPropertyOptional({ example: 'overall.budget', description: '只看设置此路径（或其下路径）数字的事件' })
  @IsOptional()
  @IsString({ message: 'path 应为字符串' })
  @MaxLength(1000, { message: 'path 至多 1000 个字符' })
  path?: string;

  @ApiPropertyOptional({ example: 'import', description: '来源：cli、api、ui、system、import 或 import:<sha256>' })
  @IsOptional()
  @IsString({ message: 'source 应为字符串' })
  @MaxLength(100, { message: 'source 至多 100 个字符' })
  source?: string;

  @ApiPropertyOptional({ example: '2024-06-01T00:00:00Z', description: '记录时间不早于（ISO 时间）' })
  @IsOptional()
  @IsString({ message: 'from 应为字符串' })
  @MaxLength(40, { message: 'from 至多 40 个字符' })
  from?: string;

  @ApiPropertyOptional({ example: '2024-06-30T23:59:59Z', description: '记录时间不晚于（ISO 时间）' })
  @IsOptional()
  @IsString({ message: 'to 应为字符串' })
  @MaxLength(40, { message: 'to 至多 40 个字符' })
  to?: string;

  @ApiPropertyOptional({ example: '100', description: '从此版本之后开始（上一页的 next）' })
  @IsOptional()
  @IsString({ message: 'after 应为正整数' })
  @MaxLength(12, { message: 'after 至多 12 位' })
  after?: string;

  @ApiPropertyOptional({ example: '100', description: '每页事件数（默认 100，至多 1000）' })
  @IsOptional()
  @IsString({ message: 'limit 应为正整数' })
  @MaxLength(12, { message: 'limit 至多 12 位' })
  limit?: string;
}

export class AsOfQuery {
  @ApiProperty({ example: 'submitted#1', description: MOMENT })
  @IsString({ message: 'at 应为字符串' })
  @MinLength(1, { message: 'at 不能为空' })
  @MaxLength(40, { message: 'at 至多 40 个字符' })
  at!: string;
}

export class DiffQuery {
  @ApiProperty({ example: 'submitted#1', description: `起点${MOMENT}` })
  @IsString({ message: 'from 应为字符串' })
  @MinLength(1, { message: 'from 不能为空' })
  @MaxLength(40, { message: 'from 至多 40 个字符' })
  from!: string;

  @ApiProperty({ example: 'submitted#2', description: `终点${MOMENT}` })
  @IsString({ message: 'to 应为字符串' })
  @MinLength(1, { message: 'to 不能为空' })
  @MaxLength(40, { message: 'to 至多 40 个字符' })
  to!: string;
}

export class AuditExportQuery {
  @ApiPropertyOptional({ example: '430423', description: '只导出此行政区划的流（及全部模板）；省略则导出全部日志' })
  @IsOptional()
  @IsString({ message: 'county 应为字符串' })
  @MaxLength(20, { message: 'county 至多 20 个字符' })
  county?: string;
}
