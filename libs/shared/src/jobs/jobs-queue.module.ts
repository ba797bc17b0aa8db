import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import Redis from 'ioredis';
import type { AppConfig } from '../config/app-config';
import { JOBS_QUEUE } from './jobs';
import { redisOptionsOf } from './redis-options';

export const QUEUE_REDIS = Symbol('QUEUE_REDIS');

/** Closes the producers' connection on shutdown (bullmq leaves a connection it was given open). */
@Injectable()
class QueueRedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(QUEUE_REDIS) private readonly redis: Redis) {}
  onApplicationShutdown(): void {
    this.redis.disconnect();
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
      this.logger.warn(`Redis: ${error.message}`);
    });
  }
}

/**
 * The jobs queue for producers (the reactor, the API's Bull Board and job status). Its connection has
 * no offline queue, so an `add` while Redis is down fails at once instead of hanging — the reactor then
 * keeps its cursor and retries.
 */
@Module({})
export class JobsQueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    const redis = new Redis({ ...redisOptionsOf(config.redisUrl), enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    redis.on('error', () => undefined); // reported by /health and the reactor's retries; ioredis keeps reconnecting
    return {
      module: JobsQueueModule,
      imports: [
        BullModule.forRoot({ connection: redis, prefix: config.queuePrefix }),
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
      providers: [{ provide: QUEUE_REDIS, useValue: redis }, QueueRedisShutdown, QueueErrorReporter],
      exports: [BullModule, QUEUE_REDIS],
    };
  }
}
