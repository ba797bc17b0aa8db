import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Sealer } from '@app/event-store';
import { APP_CONFIG, AppConfig } from '@app/shared';

/** Seals the log every SEAL_EVERY_EVENTS events or SEAL_EVERY_SECONDS seconds, whichever comes first. */
@Injectable()
export class SealScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Sealer');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly sealer: Sealer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const everyMs = Math.min(this.config.sealEverySeconds * 1000, 10_000);
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.tick().finally(() => (this.running = undefined));
    }, everyMs);
  }

  async tick(): Promise<void> {
    try {
      const seals = await this.sealer.sealDue();
      for (const s of seals) this.logger.log(`seal ${s.sealNo}: ${s.eventCount} events, root ${s.root}`);
    } catch (error) {
      this.logger.error(`sealing failed: ${(error as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
