import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** `POST /counties`: the code's form (6 digits, 行政区划代码) and the name are checked by the domain. */
export class AddCountyDto {
  @ApiProperty({ example: '430423', description: '行政区划代码（6 位数字）' })
  @IsString({ message: 'code 应为字符串' })
  @MaxLength(20, { message: 'code 至多 20 个字符' })
  code!: string;

  @ApiProperty({ example: '衡山县' })
  @IsString({ message: 'name 应为字符串' })
  @MaxLength(200, { message: 'name 至多 200 个字符' })
  name!: string;
}

/** `POST /counties/:county/units`: without `code`, the next generated one (`U0001`, …). */
export class AddUnitDto {
  @ApiPropertyOptional({ example: 'hszx', description: '单位编码（字母、数字、-、_，至多 40 个字符）；省略则自动生成 U0001、U0002…' })
  @IsOptional()
  @IsString({ message: 'code 应为字符串' })
  @MaxLength(40, { message: 'code 至多 40 个字符' })
  code?: string;

  @ApiProperty({ example: '衡山县社会治理和网格化信息中心' })
  @IsString({ message: 'name 应为字符串' })
  @MaxLength(200, { message: 'name 至多 200 个字符' })
  name!: string;

  @ApiPropertyOptional({ example: '中共衡山县委政法委员会', description: '主管部门' })
  @IsOptional()
  @IsString({ message: 'supervisingDepartment 应为字符串' })
  @MaxLength(200, { message: 'supervisingDepartment 至多 200 个字符' })
  supervisingDepartment?: string;

  @ApiPropertyOptional({ example: '事业', description: '单位类型：行政 | 事业（administrative | institution），默认行政' })
  @IsOptional()
  @IsString({ message: 'kind 应为字符串' })
  @MaxLength(20, { message: 'kind 至多 20 个字符' })
  kind?: string;

  @ApiPropertyOptional({ example: '按编办批复登记', description: '原因（记入事件）' })
  @IsOptional()
  @IsString({ message: 'reason 应为字符串' })
  @MaxLength(500, { message: 'reason 至多 500 个字符' })
  reason?: string;
}
