import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';

export const MAX_FIGURES = 500;
export const MAX_PATH = 500;
export const MAX_VALUE = 20_000;

// The global ValidationPipe reports a field's first failing check, so each field's checks are listed in
// the order they should speak: its type first, then its length or form (applyDecorators keeps the order).

/** A string field of at most `max` characters (`min` > 0: not empty). */
export const Text = (field: string, max: number, min = 0) =>
  applyDecorators(IsString({ message: `${field} 应为字符串` }), ...(min > 0 ? [MinLength(min, { message: `${field} 不能为空` })] : []), MaxLength(max, { message: `${field} 至多 ${max} 个字符` }));

/** A string field of a given form. */
export const Formatted = (field: string, pattern: RegExp, what: string) => applyDecorators(IsString({ message: `${field} 应为字符串` }), Matches(pattern, { message: `${field} 应为${what}` }));

/** An array of `type`, `min`–`max` items, each validated. */
export const ListOf = (field: string, type: () => new () => object, min: number, max: number) =>
  applyDecorators(
    IsArray({ message: `${field} 应为数组` }),
    ...(min > 0 ? [ArrayMinSize(min, { message: `${field} 至少 ${min} 项` })] : []),
    ArrayMaxSize(max, { message: `${field} 至多 ${max} 项` }),
    ValidateNested({ each: true }),
    Type(type),
  );

const DATE = /^\d{4}-\d{2}-\d{2}$/u;

/** The reason every change may carry (recorded in the events' metadata). */
export class ReasonDto {
  @ApiPropertyOptional({ example: '按批复录入', description: '修改原因（记入事件）' })
  @IsOptional()
  @Text('reason', 500)
  reason?: string;
}

export class FigureDto {
  @ApiProperty({ example: 'overall.budget.initial', description: '数据路径（docs/figure-paths.md）' })
  @Text('path', MAX_PATH, 1)
  path!: string;

  @ApiProperty({ type: String, nullable: true, example: '81.51', description: '按表中所印的值（字符串）；null 清空单元格；"——" 表示不适用' })
  @ValidateIf((o: FigureDto) => o.value !== null)
  @applyDecorators(IsString({ message: 'value 应为字符串或 null' }), MaxLength(MAX_VALUE, { message: `value 至多 ${MAX_VALUE} 个字符` }))
  value!: string | null;
}

/** `POST …/figures`: cells typed by a person (each a SetFigure), in one change. */
export class SetFiguresDto extends ReasonDto {
  @ApiProperty({ type: [FigureDto], example: [{ path: 'overall.budget.initial', value: '81.51' }], description: `1–${MAX_FIGURES} 个单元格` })
  @ListOf('figures', () => FigureDto, 1, MAX_FIGURES)
  figures!: FigureDto[];

  @ApiPropertyOptional({ example: '衡财预〔2023〕12号', description: '全年预算数改变时记为预算调整，此为调整文号' })
  @IsOptional()
  @Text('document', 200)
  document?: string;

  @ApiPropertyOptional({ example: '2023-06-01', description: '预算调整日期（YYYY-MM-DD）' })
  @IsOptional()
  @Formatted('date', DATE, ' YYYY-MM-DD 格式的日期')
  date?: string;
}

/** `POST …/adjustments`: 追加 (amount > 0) or 调减 (amount < 0) of a 全年预算数. */
export class AdjustBudgetDto {
  @ApiProperty({ example: 'overall.budget.full', description: '全年预算数的路径（…budget.full 或 …funds.<来源>.full）' })
  @Text('path', MAX_PATH, 1)
  path!: string;

  @ApiProperty({ example: '476.19', description: '调整金额（万元，字符串）：正数为追加，负数为调减' })
  @Formatted('amount', /^[+-]?\d{1,13}(\.\d{1,6})?$/u, '数字（万元），正数为追加，负数为调减，如 "476.19" 或 "-20"')
  amount!: string;

  @ApiPropertyOptional({ example: '衡财预〔2023〕12号', description: '调整文号' })
  @IsOptional()
  @Text('document', 200)
  document?: string;

  @ApiPropertyOptional({ example: '2023-06-01', description: '调整日期（YYYY-MM-DD）' })
  @IsOptional()
  @Formatted('date', DATE, ' YYYY-MM-DD 格式的日期')
  date?: string;

  @ApiProperty({ example: '年中追加', description: '调整原因' })
  @Text('reason', 500, 1)
  reason!: string;
}

/** `POST …/projects`: a 附件三 table (with its 附件一 line), or a 附件一 line only. */
export class AddProjectDto extends ReasonDto {
  @ApiProperty({ example: '业务经费', description: '项目名称（附件三；lineOnly 时为附件一的行名）' })
  @Text('name', 200, 1)
  name!: string;

  @ApiPropertyOptional({ example: '业务工作经费', description: '附件一中该项目的行名（不同于项目名称时）' })
  @IsOptional()
  @Text('lineName', 200, 1)
  lineName?: string;

  @ApiPropertyOptional({ example: false, description: '只添加附件一的一行（无附件三）' })
  @IsOptional()
  @IsBoolean({ message: 'lineOnly 应为 true 或 false' })
  lineOnly?: boolean;
}

export class RenameProjectDto extends ReasonDto {
  @ApiProperty({ example: '业务经费' })
  @Text('from', 200, 1)
  from!: string;

  @ApiProperty({ example: '网格化业务经费' })
  @Text('to', 200, 1)
  to!: string;

  @ApiPropertyOptional({ enum: ['table', 'line'], example: 'table', description: 'table：附件三的项目名称（默认）；line：附件一的行名' })
  @IsOptional()
  @IsIn(['table', 'line'], { message: 'part 应为 table 或 line' })
  part?: 'table' | 'line';
}

export class LinkProjectDto extends ReasonDto {
  @ApiProperty({ example: '业务经费', description: '附件三的项目名称' })
  @Text('name', 200, 1)
  name!: string;

  @ApiProperty({ example: '业务工作经费', description: '附件一的行名' })
  @Text('lineName', 200, 1)
  lineName!: string;
}

export class RemoveProjectDto extends ReasonDto {
  @ApiProperty({ example: '业务经费' })
  @Text('name', 200, 1)
  name!: string;
}
