import { loadConfig, runMigrations } from '@app/shared';
import { MIGRATIONS } from '../../../../migrations';
import { EXIT, printJson } from '../cli-output';

export async function migrateCommand(options: { json?: boolean }): Promise<number> {
  const config = loadConfig(process.env, { redis: false });
  const result = await runMigrations(config.migrationDatabaseUrl, MIGRATIONS);
  if (options.json) printJson(result);
  else {
    if (result.createdDatabase) process.stdout.write('created the database\n');
    process.stdout.write(result.applied.length ? `applied: ${result.applied.join(', ')}\n` : 'the database is up to date\n');
  }
  return EXIT.ok;
}
