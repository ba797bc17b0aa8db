import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Pool } from 'pg';
import { UserService } from '@app/application';
import { PG_POOL, PostgresEventStore } from '@app/event-store';
import type { UserRow } from '@app/projections';
import { listUserRows } from '@app/projections';
import { AppError } from '@app/shared';
import { contextOf } from '../auth/access';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { AddUserDto, DisableUserDto } from './users.dto';

/** A user as the API and `perfledger users --json` show it: never a password or its hash. */
export const userJson = (u: UserRow) => ({ username: u.username, displayName: u.displayName, role: u.role, countyCode: u.countyCode, units: u.units, disabled: u.disabled });

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(
    private readonly users: UserService,
    private readonly store: PostgresEventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  @Get()
  @Roles('bureau_admin')
  @ApiOperation({ summary: '用户列表（含已停用的用户）' })
  async list() {
    return { users: (await listUserRows(this.pool)).map(userJson) };
  }

  @Post()
  @Roles('bureau_admin')
  @ApiOperation({ summary: '新增用户：角色、所属行政区划与单位（单位填报人）、初始密码' })
  async add(@Body() body: AddUserDto, @CurrentUser() user: AuthUser, @Req() request: Request) {
    const row = await this.users.addUser(
      { type: 'AddUser', username: body.username, displayName: body.displayName, role: body.role, countyCode: body.countyCode?.trim() || null, units: body.units ?? [] },
      body.password,
      contextOf(user, request, '新增用户'),
    );
    return { user: userJson(row) };
  }

  @Post(':username/disable')
  @Roles('bureau_admin')
  @HttpCode(200)
  @ApiOperation({ summary: '停用用户：其令牌随即失效（用户及其历史保留）' })
  async disable(@Param('username') username: string, @Body() body: DisableUserDto, @CurrentUser() user: AuthUser, @Req() request: Request) {
    if (username === user.username) throw new AppError('Conflict', 'cannot-disable-self', '不能停用当前登录的用户自己', { field: 'username' });
    const result = await this.users.disableUser(username, contextOf(user, request, body.reason ?? '停用用户'));
    return { user: userJson(result.user), appended: result.appended };
  }
}
