import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsInt, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

/** `POST /templates/:id`: a template definition (docs/scoring.md) published as the id's next version. */
export class PublishTemplateDto {
  @ApiPropertyOptional({ example: '全国通用自评模板（执行率 20 分）', description: '模板名称（默认取 definition.name）' })
  @IsOptional()
  @IsString({ message: 'name 应为字符串' })
  @MaxLength(200, { message: 'name 至多 200 个字符' })
  name?: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: '模板定义（与 perfledger template show 的输出相同；id、version 由流决定）' })
  @IsDefined({ message: 'definition 不能为空' })
  @IsObject({ message: 'definition 应为 JSON 对象' })
  definition!: Record<string, unknown>;

  @ApiPropertyOptional({ example: '执行率 20 分', description: '本版说明（也记为事件的原因）' })
  @IsOptional()
  @IsString({ message: 'note 应为字符串' })
  @MaxLength(500, { message: 'note 至多 500 个字符' })
  note?: string;
}

export class OpenRoundDto {
  @ApiProperty({ example: 2024 })
  @IsInt({ message: 'year 应为整数年度（如 2024）' })
  year!: number;

  @ApiProperty({ example: '2025-06-30', description: '截止日期 YYYY-MM-DD' })
  @IsString({ message: 'deadline 应为 YYYY-MM-DD 格式的日期字符串' })
  @MaxLength(20, { message: 'deadline 至多 20 个字符' })
  deadline!: string;

  @ApiPropertyOptional({ example: 'national-default', description: '评分模板：模板编号（最新版本）或 模板编号@版本；默认 national-default' })
  @IsOptional()
  @IsString({ message: 'template 应为字符串' })
  @MaxLength(80, { message: 'template 至多 80 个字符' })
  template?: string;

  @ApiPropertyOptional({ example: '按财政局通知开展 2024 年度自评' })
  @IsOptional()
  @IsString({ message: 'reason 应为字符串' })
  @MaxLength(500, { message: 'reason 至多 500 个字符' })
  reason?: string;
}

export class ChangeRoundDto {
  @ApiPropertyOptional({ example: '2025-07-15', description: '新的截止日期 YYYY-MM-DD' })
  @IsOptional()
  @IsString({ message: 'deadline 应为 YYYY-MM-DD 格式的日期字符串' })
  @MaxLength(20, { message: 'deadline 至多 20 个字符' })
  deadline?: string;

  @ApiPropertyOptional({ example: 'national-default@2', description: '新的评分模板版本（已有填报保留原版本）' })
  @IsOptional()
  @IsString({ message: 'template 应为字符串' })
  @MaxLength(80, { message: 'template 至多 80 个字符' })
  template?: string;

  @ApiPropertyOptional({ example: '延期一个月' })
  @IsOptional()
  @IsString({ message: 'reason 应为字符串' })
  @MaxLength(500, { message: 'reason 至多 500 个字符' })
  reason?: string;
}
