import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional } from 'class-validator';
import { Formatted, ListOf, MAX_PATH, ReasonDto, Text } from './filing-edits.dto';

/** `POST …/submit`: a reason for each open error finding acknowledges it before the submission. */
export class SubmitDto extends ReasonDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { '3f2a9c1d7e5b4a60': '总分按各项合计更正前的打印值填报，已核实' },
    description: '未处理的错误级核验发现：编号 → 说明（每条都有说明才可送审，送审前逐条确认）',
  })
  @IsOptional()
  @IsObject({ message: 'reasons 应为对象（核验发现编号 → 说明）' })
  reasons?: Record<string, unknown>;
}

export class ReturnCommentDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'overall.budget.initial', description: '意见针对的数据路径；null 或省略为针对整份填报' })
  @IsOptional()
  @Text('path', MAX_PATH)
  path?: string | null;

  @ApiProperty({ example: '与批复不符，请核实' })
  @Text('text', 2000, 1)
  text!: string;
}

/** `POST …/return`: at least one comment, on the filing (`comment`) or on figures (`comments`). */
export class ReturnDto extends ReasonDto {
  @ApiPropertyOptional({ example: '请核实总分', description: '针对整份填报的意见' })
  @IsOptional()
  @Text('comment', 2000)
  comment?: string;

  @ApiPropertyOptional({ type: [ReturnCommentDto], example: [{ path: 'overall.budget.initial', text: '与批复不符' }] })
  @IsOptional()
  @ListOf('comments', () => ReturnCommentDto, 0, 200)
  comments?: ReturnCommentDto[];
}

/** `POST /findings/:id/acknowledge|dismiss`. */
export class ReviewFindingDto {
  @ApiProperty({ example: '主管部门即本单位', description: '确认或驳回的理由' })
  @Text('reason', 500, 1)
  reason!: string;
}

export class FindingsQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], example: 'true', description: '包括已解决的核验发现' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'all 应为 true 或 false' })
  all?: 'true' | 'false';

  @ApiPropertyOptional({ example: '2024-06-20T08:00:00Z', description: '某一时刻的核验发现：填报版本号、ISO 时间、submitted 或 submitted#n' })
  @IsOptional()
  @Text('asOf', 64)
  asOf?: string;
}

export class ScoreQueryDto {
  @ApiPropertyOptional({ example: 'hunan-legacy-overall', description: '按另一模板评分作比较（不记录）：<id> 或 <id>@<n>' })
  @IsOptional()
  @Text('template', 100)
  template?: string;
}

/** `POST /imports` (multipart/form-data): the file and these fields. */
export class ImportDto {
  @ApiProperty({ type: 'string', format: 'binary', description: '自评材料（正式文档的文本版式，UTF-8 或 GB18030，≤ 5 MB）' })
  @IsOptional()
  file?: unknown;

  @ApiPropertyOptional({ example: '430423', description: '行政区划代码（默认为当前用户所属行政区划）' })
  @IsOptional()
  @Formatted('county', /^\d{6}$/u, ' 6 位行政区划代码')
  county?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], example: 'false', description: 'true：只预览导入报告，不写入' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'dryRun 应为 true 或 false' })
  dryRun?: 'true' | 'false';
}
