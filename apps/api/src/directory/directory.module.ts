import { Module } from '@nestjs/common';
import { ApplicationModule } from '@app/application';
import { AuditExportController } from './audit-export.controller';
import { AuditController } from './audit.controller';
import { CountiesController } from './counties.controller';
import { JobsController } from './jobs.controller';
import { RoundsController } from './rounds.controller';
import { SummaryController } from './summary.controller';
import { TemplatesController } from './templates.controller';
import { UsersController } from './users.controller';

/** The directory endpoints under /api/v1 (controllers listed here): users, counties and units, templates and rounds, the county summary, audit, jobs. */
@Module({
  imports: [ApplicationModule],
  controllers: [UsersController, CountiesController, TemplatesController, RoundsController, SummaryController, AuditController, AuditExportController, JobsController],
})
export class DirectoryModule {}
