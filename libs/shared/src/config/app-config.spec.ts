import { ConfigError, loadConfig } from './app-config';

const valid = { DATABASE_URL: 'postgres://app@127.0.0.1:5432/perfledger', REDIS_URL: 'redis://127.0.0.1:6379' };

function problems(env: NodeJS.ProcessEnv, needs?: { redis?: boolean }) {
  try {
    loadConfig(env, needs);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies defaults and reads numbers', () => {
    const config = loadConfig({ ...valid, PORT: '8080', DATABASE_POOL_SIZE: ' 20 ' });
    expect(config).toMatchObject({ port: 8080, databasePoolSize: 20, databaseAppRole: 'perfledger_app', logLevel: 'info' });
    expect(config.migrationDatabaseUrl).toBe(valid.DATABASE_URL);
  });

  it('treats an empty variable as unset, so its default applies', () => {
    expect(loadConfig({ ...valid, PORT: '', LOG_LEVEL: '  ' })).toMatchObject({ port: 3000, logLevel: 'info' });
  });

  it('names each missing variable', () => {
    expect(problems({})).toEqual([
      { variable: 'DATABASE_URL', message: expect.stringContaining('is not set') },
      { variable: 'REDIS_URL', message: expect.stringContaining('is not set') },
    ]);
  });

  it('does not need Redis where the process does not use it', () => {
    expect(loadConfig({ DATABASE_URL: valid.DATABASE_URL }, { redis: false }).databaseUrl).toBe(valid.DATABASE_URL);
  });

  it('names the wrong variable and the rule, without echoing URLs (they may hold passwords)', () => {
    const found = problems({ DATABASE_URL: 'mysql://u:secret@h/db', REDIS_URL: valid.REDIS_URL, PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(found).toEqual([
      { variable: 'DATABASE_URL', message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' },
      { variable: 'PORT', message: 'PORT must be a whole number (got "abc")' },
      { variable: 'LOG_LEVEL', message: expect.stringMatching(/^LOG_LEVEL must be one of/) },
    ]);
    expect(problems({ ...valid, PORT: '70000' })).toEqual([{ variable: 'PORT', message: 'PORT must be between 0 and 65535 (got "70000")' }]);
  });

  it('reads the job settings and names a bad one', () => {
    expect(loadConfig({ ...valid, JOB_CONCURRENCY: '4', QUEUE_PREFIX: 'county-a' })).toMatchObject({ jobConcurrency: 4, queuePrefix: 'county-a', jobAttempts: 5, nightlyRescanCron: '0 2 * * *' });
    expect(problems({ ...valid, NIGHTLY_RESCAN_CRON: 'nightly' })[0]).toEqual({ variable: 'NIGHTLY_RESCAN_CRON', message: expect.stringContaining('five fields') });
    expect(problems({ ...valid, QUEUE_PREFIX: 'a:b' })[0].variable).toBe('QUEUE_PREFIX');
    expect(problems({ ...valid, JOB_LOCK_MS: '10' })[0]).toEqual({ variable: 'JOB_LOCK_MS', message: 'JOB_LOCK_MS must be at least 500 (got "10")' });
  });

  it("'-' as DATABASE_APP_ROLE connects as the URL's user", () => {
    expect(loadConfig({ ...valid, DATABASE_APP_ROLE: '-' }).databaseAppRole).toBeNull();
    expect(problems({ ...valid, DATABASE_APP_ROLE: 'x; drop' })[0].variable).toBe('DATABASE_APP_ROLE');
  });
});
