import { Module } from '@nestjs/common';
import { ApplicationModule } from '@app/application';

/** The filings endpoints under /api/v1 (controllers listed here). */
@Module({
  imports: [ApplicationModule],
  controllers: [],
})
export class FilingsModule {}
