import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { ApplicationModule } from '@app/application';
import { EventStoreModule } from '@app/event-store';
import { AppConfig, AppConfigModule, JOBS_QUEUE, JobsQueueModule } from '@app/shared';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';
import { redisProvider, RedisShutdown } from './redis.provider';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: { level: config.logLevel, autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' } } }),
        EventStoreModule,
        ApplicationModule,
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
        JobsQueueModule.forRoot(config),
        // the jobs, their failures and errors, for the bureau admin (admin-only once users exist: the API issue)
        BullBoardModule.forRoot({ route: '/admin/queues', adapter: ExpressAdapter }),
        BullBoardModule.forFeature({ name: JOBS_QUEUE, adapter: BullMQAdapter }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [redisProvider, RedisShutdown],
    };
  }
}
