import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { UserService } from '@app/application';
import type { UserRow } from '@app/projections';
import { AuthUser, CurrentUser, Public, READERS, Roles } from './auth.decorators';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString({ message: 'username 应为字符串' })
  @MinLength(1, { message: 'username 不能为空' })
  @MaxLength(64, { message: 'username 至多 64 个字符' })
  username!: string;

  @ApiProperty({ example: 'Perf-Ledger-2024' })
  @IsString({ message: 'password 应为字符串' })
  @MinLength(1, { message: 'password 不能为空' })
  @MaxLength(200, { message: 'password 至多 200 个字符' })
  password!: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString({ message: 'refreshToken 应为字符串' })
  @MaxLength(200, { message: 'refreshToken 至多 200 个字符' })
  refreshToken!: string;
}

const userJson = (u: UserRow | AuthUser) => ({ username: u.username, role: u.role, countyCode: u.countyCode, units: u.units });

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly users: UserService,
    private readonly jwt: JwtService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @ApiOperation({ summary: '登录：返回短期访问令牌（accessToken）与刷新令牌（refreshToken）' })
  async login(@Body() body: LoginDto) {
    const user = await this.users.verifyLogin(body.username, body.password);
    return this.tokens(user, await this.users.issueRefreshToken(user.username));
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @Throttle({ default: { limit: 30, ttl: 60_000 } })
  @ApiOperation({ summary: '以刷新令牌换取新的访问令牌（刷新令牌随之轮换，旧的作废）' })
  async refresh(@Body() body: RefreshDto) {
    const { user, refreshToken } = await this.users.rotateRefreshToken(body.refreshToken);
    return this.tokens(user, refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: '注销：作废刷新令牌' })
  async logout(@Body() body: RefreshDto): Promise<void> {
    await this.users.revokeRefreshToken(body.refreshToken);
  }

  @Get('me')
  @Roles(...READERS)
  @ApiBearerAuth()
  @ApiOperation({ summary: '当前用户' })
  me(@CurrentUser() user: AuthUser) {
    return userJson(user);
  }

  private async tokens(user: UserRow, refreshToken: string) {
    const accessToken = await this.jwt.signAsync({ sub: user.username, role: user.role });
    const { exp } = this.jwt.decode<{ exp: number }>(accessToken);
    return { accessToken, tokenType: 'Bearer', expiresAt: new Date(exp * 1000).toISOString(), refreshToken, user: userJson(user) };
  }
}
