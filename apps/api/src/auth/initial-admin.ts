import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { UserService } from '@app/application';
import { APP_CONFIG, AppConfig } from '@app/shared';

/** On first start with no user: the admin from PERFLEDGER_ADMIN_USER / PERFLEDGER_ADMIN_PASSWORD. */
@Injectable()
export class InitialAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('Users');

  constructor(
    private readonly users: UserService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const outcome = await this.users.ensureInitialAdmin(this.config.adminUser ?? undefined, this.config.adminPassword ?? undefined);
    if (outcome === 'created') this.logger.log(`created the initial admin ${this.config.adminUser}`);
    if (outcome === 'not-configured') this.logger.warn('no user yet: set PERFLEDGER_ADMIN_USER and PERFLEDGER_ADMIN_PASSWORD, or run perfledger user add <name> --role bureau_admin');
  }
}
