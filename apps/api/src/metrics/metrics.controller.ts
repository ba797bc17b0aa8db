import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { Gauge, Registry } from 'prom-client';
import { Public } from '../auth/auth.decorators';
import { logHorizon, PG_POOL, projectionStatuses } from '@app/event-store';

/** Prometheus metrics, read from the database at scrape time, so any API instance reports every projector. */
@ApiTags('health')
@Public()
@Controller('metrics')
export class MetricsController {
  private readonly registry = new Registry();
  private readonly lag = new Gauge({ name: 'perfledger_projection_lag_events', help: 'Events committed after the projection checkpoint', labelNames: ['projection'], registers: [this.registry] });
  private readonly halted = new Gauge({ name: 'perfledger_projection_halted', help: '1 when the projection is halted on a failing event', labelNames: ['projection'], registers: [this.registry] });
  private readonly head = new Gauge({ name: 'perfledger_log_head_position', help: 'Highest global position written', registers: [this.registry] });
  private readonly oldest = new Gauge({ name: 'perfledger_oldest_transaction_age_seconds', help: 'Age of the oldest running transaction holding an xid (it stalls projectors)', registers: [this.registry] });

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiOperation({ summary: 'Prometheus metrics: projection lag, halted projections, oldest transaction' })
  async metrics(): Promise<string> {
    const [statuses, horizon] = await Promise.all([projectionStatuses(this.pool), logHorizon(this.pool)]);
    this.lag.reset();
    this.halted.reset();
    for (const s of statuses) {
      this.lag.set({ projection: s.name }, s.lagEvents);
      this.halted.set({ projection: s.name }, s.halted ? 1 : 0);
    }
    // A Prometheus sample is a float by definition; the exact position is in /health.
    this.head.set(Number(horizon.headPosition));
    this.oldest.set(horizon.oldestRunning?.ageSeconds ?? 0);
    return this.registry.metrics();
  }
}
