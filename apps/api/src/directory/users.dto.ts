import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES } from '@app/domain';

/** `POST /users`: the role, county and units are checked by the domain (Chinese messages naming the field). */
export class AddUserDto {
  @ApiProperty({ example: 'hszx-filer', description: '用户名：2–32 位小写字母、数字、点、下划线或连字符' })
  @IsString({ message: 'username 应为字符串' })
  @MaxLength(32, { message: 'username 至多 32 个字符' })
  username!: string;

  @ApiPropertyOptional({ example: '张会计', description: '显示名（默认为用户名）' })
  @IsOptional()
  @IsString({ message: 'displayName 应为字符串' })
  @MaxLength(100, { message: 'displayName 至多 100 个字符' })
  displayName?: string;

  @ApiProperty({ enum: ROLES, example: 'unit_filer' })
  @IsString({ message: 'role 应为字符串' })
  @MaxLength(40, { message: 'role 至多 40 个字符' })
  role!: string;

  @ApiPropertyOptional({ example: '430423', description: '所属行政区划（单位填报人必填）' })
  @IsOptional()
  @IsString({ message: 'countyCode 应为字符串' })
  @MaxLength(20, { message: 'countyCode 至多 20 个字符' })
  countyCode?: string;

  @ApiPropertyOptional({ type: [String], example: ['hszx'], description: '单位填报人负责的单位（编码或名称）' })
  @IsOptional()
  @IsArray({ message: 'units 应为数组' })
  @ArrayMaxSize(500, { message: 'units 至多 500 个' })
  @IsString({ each: true, message: 'units 的每一项应为字符串' })
  @MaxLength(200, { each: true, message: 'units 的每一项至多 200 个字符' })
  units?: string[];

  @ApiProperty({ example: 'Hszx-filer-2024', description: '至少 10 个字符，含字母、数字、符号中的至少两类' })
  @IsString({ message: 'password 应为字符串' })
  @MinLength(1, { message: 'password 不能为空' })
  @MaxLength(200, { message: 'password 至多 200 个字符' })
  password!: string;
}

export class DisableUserDto {
  @ApiPropertyOptional({ example: '已调离', description: '停用原因（记入事件）' })
  @IsOptional()
  @IsString({ message: 'reason 应为字符串' })
  @MaxLength(500, { message: 'reason 至多 500 个字符' })
  reason?: string;
}
