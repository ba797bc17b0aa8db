import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Pool } from 'pg';
import { logHorizon, PG_POOL, projectionStatuses } from '@app/event-store';
import { Public } from '../auth/auth.decorators';
import { JOBS_QUEUE, QueueConnection } from '@app/shared';
import { QUEUE_PROBE } from '../queue-probe.provider';

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(QUEUE_PROBE) private readonly probe: QueueConnection,
    @InjectQueue(JOBS_QUEUE) private readonly queue: Queue,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'PostgreSQL, the queue (Redis, or PostgreSQL with QUEUE_BACKEND=postgres), projection lag and the oldest running transaction' })
  async check(@Res({ passthrough: true }) res: Response) {
    try {
      return await this.health.check([() => this.postgres(), () => this.queuePing(), () => this.projections()]);
    } catch (error) {
      // Keep terminus' report (which part is down) as the 503 body, not a generic problem.
      if (error instanceof ServiceUnavailableException) {
        res.status(503);
        return error.getResponse();
      }
      throw error;
    }
  }

  private async postgres() {
    const session = this.indicator.check('postgres');
    try {
      const started = process.hrtime.bigint();
      const horizon = await withTimeout(logHorizon(this.pool), 3_000, 'PostgreSQL');
      const latencyMs = Number((process.hrtime.bigint() - started) / 1_000_000n);
      return session.up({ latencyMs, ...horizon });
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }

  /** The queue's store: `redis` (a PING) or, on QUEUE_BACKEND=postgres, `queue` (the queue's own tables answer). */
  private async queuePing() {
    if (this.probe.backend === 'redis') {
      const session = this.indicator.check('redis');
      try {
        return session.up({ reply: await withTimeout(this.probe.ping(), 1_000, 'Redis') });
      } catch (error) {
        return session.down({ message: (error as Error).message });
      }
    }
    const session = this.indicator.check('queue');
    try {
      const counts = await withTimeout(this.queue.getJobCounts('waiting', 'active', 'failed'), 3_000, 'the queue (PostgreSQL)');
      return session.up({ backend: 'postgres', ...counts });
    } catch (error) {
      return session.down({ backend: 'postgres', message: (error as Error).message });
    }
  }

  /** Lag is reported, never fatal: a lagging projector is an alert, not a dead API. A halted one is down. */
  private async projections() {
    const session = this.indicator.check('projections');
    try {
      const list = await withTimeout(projectionStatuses(this.pool), 3_000, 'PostgreSQL');
      const halted = list.filter((p) => p.halted);
      const details = { list };
      return halted.length > 0 ? session.down({ ...details, message: `halted: ${halted.map((p) => p.name).join(', ')}` }) : session.up(details);
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }
}
