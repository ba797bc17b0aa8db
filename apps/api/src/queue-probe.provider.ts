import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig, QueueConnection, queueConnectionOf } from '@app/shared';

export const QUEUE_PROBE = Symbol('QUEUE_PROBE');

/**
 * The connection /health checks the queue's store with. On Redis it fails fast while Redis is down (no
 * offline queue), so health answers instead of hanging; on PostgreSQL health asks the queue itself.
 */
export const queueProbeProvider: Provider = {
  provide: QUEUE_PROBE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): QueueConnection => queueConnectionOf(config, 'probe'),
};

@Injectable()
export class QueueProbeShutdown implements OnApplicationShutdown {
  constructor(@Inject(QUEUE_PROBE) private readonly probe: QueueConnection) {}
  async onApplicationShutdown(): Promise<void> {
    await this.probe.close();
  }
}
