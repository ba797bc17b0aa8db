import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { AppConfig } from '../config/app-config';
import { JOBS_QUEUE } from './jobs';
import { QueueConnection, queueConnectionOf } from './queue-connection';

export const QUEUE_CONNECTION = Symbol('QUEUE_CONNECTION');

/** Closes the producers' connection on shutdown (bullmq leaves a connection it was given open). */
@Injectable()
class QueueConnectionShutdown implements OnApplicationShutdown {
  constructor(@Inject(QUEUE_CONNECTION) private readonly connection: QueueConnection) {}
  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/**
 * Reports the queue's connection errors (at most one line per 30 s) instead of bullmq's default, which
 * prints every reconnection failure to the console while Redis is down.
 */
@Injectable()
class QueueErrorReporter implements OnModuleInit {
  private readonly logger = new Logger('JobsQueue');
  private lastReport = 0;
  constructor(@Inject(getQueueToken(JOBS_QUEUE)) private readonly queue: Queue) {}
  onModuleInit(): void {
    this.queue.on('error', (error) => {
      if (Date.now() - this.lastReport < 30_000) return;
      this.lastReport = Date.now();
      this.logger.warn(`queue: ${error.message}`);
    });
  }
}

/**
 * The jobs queue for producers (the reactor, the API's Bull Board and job status), on Redis or on
 * PostgreSQL (QUEUE_BACKEND). On Redis its connection has no offline queue, so an `add` while Redis is
 * down fails at once instead of hanging — the reactor then keeps its cursor and retries.
 */
@Module({})
export class JobsQueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    const queueConnection = queueConnectionOf(config, 'producer');
    return {
      module: JobsQueueModule,
      imports: [
        BullModule.forRoot({ connection: queueConnection.connection as never, prefix: config.queuePrefix }),
        BullModule.registerQueue({
          name: JOBS_QUEUE,
          defaultJobOptions: {
            attempts: config.jobAttempts,
            backoff: { type: 'exponential', delay: 1000 },
            // completed jobs are kept a week (their ids dedupe re-enqueues); failed ones until someone looks
            removeOnComplete: { age: 7 * 24 * 3600 },
            removeOnFail: false,
          },
        }),
      ],
      providers: [{ provide: QUEUE_CONNECTION, useValue: queueConnection }, QueueConnectionShutdown, QueueErrorReporter],
      exports: [BullModule, QUEUE_CONNECTION],
    };
  }
}
