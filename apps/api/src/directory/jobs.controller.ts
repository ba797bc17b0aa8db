import { getQueueToken } from '@nestjs/bullmq';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import { IsIn, IsOptional } from 'class-validator';
import { AppError, JOBS_QUEUE } from '@app/shared';
import { Roles } from '../auth/auth.decorators';

export class JobsQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], example: 'true', description: '列出失败的任务及其错误' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'failed 应为 true 或 false' })
  failed?: 'true' | 'false';
}

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;

/** Background jobs (as `perfledger jobs [--failed] [--retry <id>] --json`), for the bureau admin. */
@ApiTags('jobs')
@ApiBearerAuth()
@Controller('api/v1/jobs')
export class JobsController {
  constructor(private readonly modules: ModuleRef) {}

  /** The queue JobsQueueModule registers in ApiModule (not exported to this module, hence looked up). */
  private get queue(): Queue {
    return this.modules.get<Queue>(getQueueToken(JOBS_QUEUE), { strict: false });
  }

  /** Queue calls: an unreachable queue store (Redis or PostgreSQL) is a 503 that says so, not a 500. */
  private async queueCall<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('Unavailable', 'queue-unreachable', `无法连接任务队列，后台任务状态暂不可用：${(error as Error).message}`, { cause: error });
    }
  }

  @Get()
  @Roles('bureau_admin')
  @ApiOperation({ summary: '后台任务：各状态的数量；failed=true 时列出失败的任务及其错误' })
  async list(@Query() query: JobsQuery) {
    return this.queueCall(async () => {
      const counts = await this.queue.getJobCounts(...STATES);
      if (query.failed !== 'true') return { counts };
      const failed = await this.queue.getFailed(0, 99);
      return {
        counts,
        failed: failed.map((j) => ({ id: j.id, name: j.name, attempts: j.attemptsMade, error: j.failedReason, failedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null })),
      };
    });
  }

  @Post(':id/retry')
  @Roles('bureau_admin')
  @HttpCode(200)
  @ApiOperation({ summary: '重试一个失败的任务（排除原因之后）' })
  async retry(@Param('id') id: string) {
    return this.queueCall(async () => {
      const job = await this.queue.getJob(id);
      if (!job) throw new AppError('NotFound', 'job-not-found', `没有编号为 ${id} 的任务`, { field: 'id' });
      if (!(await job.isFailed())) throw new AppError('Conflict', 'job-not-failed', `任务 ${id} 没有失败，无需重试`, { field: 'id' });
      await job.retry('failed');
      return { retried: [job.id] };
    });
  }
}
