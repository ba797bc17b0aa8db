import { Module } from '@nestjs/common';
import { ApplicationModule } from '@app/application';
import { FilingCommandRunner } from './filing-command.runner';
import { FilingEditsController } from './filing-edits.controller';
import { FilingWorkflowController } from './filing-workflow.controller';
import { FilingsController } from './filings.controller';
import { FindingsController } from './findings.controller';
import { ImportsController } from './imports.controller';

/** The filings endpoints under /api/v1: the view, scores and findings, edits, the workflow, imports. */
@Module({
  imports: [ApplicationModule],
  controllers: [FilingsController, FilingEditsController, FilingWorkflowController, FindingsController, ImportsController],
  providers: [FilingCommandRunner],
})
export class FilingsModule {}
