import { getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { LoggerModule } from 'nestjs-pino';
import { EventStoreModule } from '@app/event-store';
import { AppConfig, AppConfigModule, JOBS_QUEUE, JobsQueueModule } from '@app/shared';
import { JOB_HANDLER_CLASSES } from './jobs/county-job.handlers';
import { JOB_HANDLERS } from './jobs/job-handlers';
import { JobReactor } from './jobs/job-reactor.projection';
import { JobWorkerHost } from './jobs/job-worker.host';
import { queueSink } from './jobs/queue-sink';
import { ProjectionHost, PROJECTIONS } from './projection-host';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [AppConfigModule.forRoot(config), LoggerModule.forRoot({ pinoHttp: { level: config.logLevel } }), EventStoreModule, JobsQueueModule.forRoot(config)],
      providers: [
        ...JOB_HANDLER_CLASSES,
        { provide: JOB_HANDLERS, inject: JOB_HANDLER_CLASSES, useFactory: (...handlers: unknown[]) => handlers },
        { provide: PROJECTIONS, inject: [getQueueToken(JOBS_QUEUE)], useFactory: (queue: Queue) => [new JobReactor(queueSink(queue))] },
        ProjectionHost,
        JobWorkerHost,
      ],
    };
  }
}
