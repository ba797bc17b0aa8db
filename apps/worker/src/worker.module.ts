import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { EventStoreModule } from '@app/event-store';
import { AppConfig, AppConfigModule } from '@app/shared';
import { ProjectionHost, PROJECTIONS } from './projection-host';
import { SealScheduler } from './seal-scheduler';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [AppConfigModule.forRoot(config), LoggerModule.forRoot({ pinoHttp: { level: config.logLevel } }), EventStoreModule],
      providers: [{ provide: PROJECTIONS, useValue: [] }, ProjectionHost, SealScheduler],
    };
  }
}
