import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

/** Whole numbers only; anything else stays a string and fails @IsInt with the variable's name. */
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number.parseInt(value, 10) : value;

/** Where BullMQ keeps its jobs: Redis (production default) or PostgreSQL (QUEUE_BACKEND=postgres, the embedded mode). */
export type QueueBackend = 'redis' | 'postgres';

const REQUIRED = 'required';
const EXAMPLES: Record<string, string> = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/perfledger',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

/** Environment variables, validated once at boot. Names are the variables' own. */
export class EnvironmentVariables {
  @IsString({ message: REQUIRED })
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL!: string;

  /** Owner connection for migrations; defaults to DATABASE_URL. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'MIGRATION_DATABASE_URL must be a postgres:// or postgresql:// URL' })
  MIGRATION_DATABASE_URL?: string;

  /** The role the app assumes after connecting (no UPDATE/DELETE on events); '-' disables. */
  @IsOptional()
  @Matches(/^([a-z_][a-z0-9_]*|-)$/, { message: 'DATABASE_APP_ROLE must be a plain role name, or - to connect as is' })
  DATABASE_APP_ROLE: string = 'perfledger_app';

  /** Named prepared statements for the hot queries; `false` where connections share a session (pglite-socket). */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'DATABASE_PREPARED_STATEMENTS must be true or false' })
  DATABASE_PREPARED_STATEMENTS: string = 'true';

  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'DATABASE_POOL_SIZE must be a whole number' })
  @Min(1, { message: 'DATABASE_POOL_SIZE must be at least 1' })
  @Max(500, { message: 'DATABASE_POOL_SIZE must be at most 500' })
  DATABASE_POOL_SIZE: number = 10;

  @IsString({ message: REQUIRED })
  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL!: string;

  /** How long an idle worker waits before looking for jobs again (ms). On PostgreSQL a NOTIFY wakes it sooner, except on the embedded PGlite, which cannot deliver one. */
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'QUEUE_POLL_MS must be a whole number' })
  @Min(50, { message: 'QUEUE_POLL_MS must be at least 50' })
  @Max(60000, { message: 'QUEUE_POLL_MS must be at most 60000' })
  QUEUE_POLL_MS: number = 5000;

  /** Where the jobs queue lives: `redis` (REDIS_URL; the production default) or `postgres` (schema `bullmq` in DATABASE_URL's database: a small deployment without Redis, and the embedded mode). */
  @IsOptional()
  @IsIn(['redis', 'postgres'], { message: 'QUEUE_BACKEND must be redis or postgres' })
  QUEUE_BACKEND: string = 'redis';

  /** The address the API listens on: 0.0.0.0 (every interface), 127.0.0.1 (this machine only; the embedded mode's default). */
  @IsOptional()
  @Matches(/^[0-9A-Za-z.:-]{1,64}$/u, { message: 'HOST must be an address or host name, e.g. 0.0.0.0 or 127.0.0.1' })
  HOST: string = '0.0.0.0';

  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'PORT must be a whole number' })
  @Min(0, { message: 'PORT must be between 0 and 65535' })
  @Max(65535, { message: 'PORT must be between 0 and 65535' })
  PORT: number = 3000;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
  })
  LOG_LEVEL: string = 'info';

  /** 行政区划代码 of the county commands use when they do not name one. */
  @IsOptional()
  @Matches(/^\d{6}(?:\d{3}){0,2}$/, { message: 'PERFLEDGER_COUNTY must be a 行政区划代码 of 6 digits (e.g. 430423)' })
  PERFLEDGER_COUNTY?: string = undefined;

  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'PROJECTION_BATCH_SIZE must be a whole number' })
  @Min(1, { message: 'PROJECTION_BATCH_SIZE must be at least 1' })
  @Max(100000, { message: 'PROJECTION_BATCH_SIZE must be at most 100000' })
  PROJECTION_BATCH_SIZE: number = 500;

  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'PROJECTION_POLL_MS must be a whole number' })
  @Min(10, { message: 'PROJECTION_POLL_MS must be at least 10' })
  PROJECTION_POLL_MS: number = 250;

  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'SEAL_EVERY_EVENTS must be a whole number' })
  @Min(1, { message: 'SEAL_EVERY_EVENTS must be at least 1' })
  SEAL_EVERY_EVENTS: number = 1000;

  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'SEAL_EVERY_SECONDS must be a whole number' })
  @Min(1, { message: 'SEAL_EVERY_SECONDS must be at least 1' })
  SEAL_EVERY_SECONDS: number = 300;

  /** Prefix of every BullMQ key in Redis (one per deployment sharing a Redis). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'QUEUE_PREFIX must be 1–64 letters, digits, _ or -' })
  QUEUE_PREFIX: string = 'perfledger';

  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'JOB_CONCURRENCY must be a whole number' })
  @Min(1, { message: 'JOB_CONCURRENCY must be at least 1' })
  @Max(64, { message: 'JOB_CONCURRENCY must be at most 64' })
  JOB_CONCURRENCY: number = 2;

  /** Attempts before a job stays failed (with backoff between them). */
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'JOB_ATTEMPTS must be a whole number' })
  @Min(1, { message: 'JOB_ATTEMPTS must be at least 1' })
  @Max(100, { message: 'JOB_ATTEMPTS must be at most 100' })
  JOB_ATTEMPTS: number = 5;

  /** How long a worker holds a job's lock without renewing it; a killed worker's job is retried after it. */
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'JOB_LOCK_MS must be a whole number' })
  @Min(500, { message: 'JOB_LOCK_MS must be at least 500' })
  JOB_LOCK_MS: number = 30000;

  /** When the nightly rescan runs (cron, Asia/Shanghai time). */
  @IsOptional()
  @Matches(/^(\S+\s+){4}\S+$/, { message: 'NIGHTLY_RESCAN_CRON must be a cron pattern of five fields, e.g. "0 2 * * *"' })
  NIGHTLY_RESCAN_CRON: string = '0 2 * * *';

  /** Signs the access tokens; when unset, one is generated on first start and kept in the database. */
  @IsOptional()
  @Matches(/^.{32,}$/u, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string = undefined;

  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'JWT_TTL_SECONDS must be a whole number' })
  @Min(60, { message: 'JWT_TTL_SECONDS must be at least 60' })
  @Max(86400, { message: 'JWT_TTL_SECONDS must be at most 86400' })
  JWT_TTL_SECONDS: number = 900;

  /** The first admin, created on first start when there is no user yet. */
  @IsOptional()
  @IsString()
  PERFLEDGER_ADMIN_USER?: string = undefined;

  @IsOptional()
  @IsString()
  PERFLEDGER_ADMIN_PASSWORD?: string = undefined;

  /** Requests a minute one client (IP) may send the API; logins have their own, lower limit. */
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'RATE_LIMIT_PER_MINUTE must be a whole number' })
  @Min(60, { message: 'RATE_LIMIT_PER_MINUTE must be at least 60' })
  RATE_LIMIT_PER_MINUTE: number = 6000;

  /** Comma-separated origins allowed by CORS; unset: CORS off. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+)*$/u, { message: 'CORS_ORIGINS must be comma-separated http(s):// origins' })
  CORS_ORIGINS?: string = undefined;
}

/** The most basic rule first: "must be a whole number" before "must be at most 65535". */
function firstConstraint(constraints: Record<string, string> = {}): string {
  for (const key of ['isInt', 'isString', 'matches', 'isIn']) {
    if (constraints[key] && constraints[key] !== REQUIRED) return constraints[key];
  }
  return Object.values(constraints).find((m) => m !== REQUIRED) ?? 'is invalid';
}

export interface AppConfig {
  databaseUrl: string;
  migrationDatabaseUrl: string;
  /** null: connect as the URL's user. */
  databaseAppRole: string | null;
  databasePoolSize: number;
  databasePreparedStatements: boolean;
  redisUrl: string;
  queueBackend: QueueBackend;
  queuePollMs: number;
  port: number;
  host: string;
  logLevel: string;
  projectionBatchSize: number;
  projectionPollMs: number;
  sealEveryEvents: number;
  sealEverySeconds: number;
  queuePrefix: string;
  jobConcurrency: number;
  jobAttempts: number;
  jobLockMs: number;
  nightlyRescanCron: string;
  jwtSecret: string | null;
  jwtTtlSeconds: number;
  adminUser: string | null;
  adminPassword: string | null;
  corsOrigins: string[];
  rateLimitPerMinute: number;
  /** PERFLEDGER_COUNTY: the county for commands that do not name one (null: they must name one). */
  defaultCounty: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration (配置错误):\n` +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Which variables a process needs: the CLI's `verify` needs no Redis, for instance. */
export type ConfigNeeds = { redis?: boolean };

export function loadConfig(env: NodeJS.ProcessEnv = process.env, needs: ConfigNeeds = { redis: true }): AppConfig {
  // Only our variables, and an empty variable counts as unset (so defaults apply).
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(new EnvironmentVariables())) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') raw[key] = value.trim();
  }
  for (const key of ['DATABASE_URL', 'MIGRATION_DATABASE_URL', 'REDIS_URL']) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') raw[key] = value.trim();
  }
  // Redis is needed only by the queue on Redis (the CLI's `verify`, for instance, needs none)
  if ((!needs.redis || raw.QUEUE_BACKEND === 'postgres') && raw.REDIS_URL === undefined) raw.REDIS_URL = 'redis://unused.invalid:6379';
  const vars = plainToInstance(EnvironmentVariables, raw, { enableImplicitConversion: false });
  const errors = validateSync(vars, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => ({
        variable: e.property,
        message:
          raw[e.property] === undefined
            ? `is not set (未设置); set it, e.g. ${e.property}=${EXAMPLES[e.property] ?? '…'}`
            : `${firstConstraint(e.constraints)}${e.property.endsWith('_URL') ? '' : ` (got "${String(raw[e.property])}")`}`,
      })),
    );
  }
  return {
    databaseUrl: vars.DATABASE_URL,
    migrationDatabaseUrl: vars.MIGRATION_DATABASE_URL ?? vars.DATABASE_URL,
    databaseAppRole: vars.DATABASE_APP_ROLE === '-' ? null : vars.DATABASE_APP_ROLE,
    databasePoolSize: vars.DATABASE_POOL_SIZE,
    databasePreparedStatements: vars.DATABASE_PREPARED_STATEMENTS === 'true',
    redisUrl: vars.REDIS_URL,
    queueBackend: vars.QUEUE_BACKEND as QueueBackend,
    queuePollMs: vars.QUEUE_POLL_MS,
    port: vars.PORT,
    host: vars.HOST,
    logLevel: vars.LOG_LEVEL,
    projectionBatchSize: vars.PROJECTION_BATCH_SIZE,
    projectionPollMs: vars.PROJECTION_POLL_MS,
    sealEveryEvents: vars.SEAL_EVERY_EVENTS,
    sealEverySeconds: vars.SEAL_EVERY_SECONDS,
    queuePrefix: vars.QUEUE_PREFIX,
    jobConcurrency: vars.JOB_CONCURRENCY,
    jobAttempts: vars.JOB_ATTEMPTS,
    jobLockMs: vars.JOB_LOCK_MS,
    nightlyRescanCron: vars.NIGHTLY_RESCAN_CRON,
    jwtSecret: vars.JWT_SECRET ?? null,
    jwtTtlSeconds: vars.JWT_TTL_SECONDS,
    adminUser: vars.PERFLEDGER_ADMIN_USER ?? null,
    adminPassword: vars.PERFLEDGER_ADMIN_PASSWORD ?? null,
    corsOrigins: vars.CORS_ORIGINS ? vars.CORS_ORIGINS.split(',') : [],
    rateLimitPerMinute: vars.RATE_LIMIT_PER_MINUTE,
    defaultCounty: vars.PERFLEDGER_COUNTY ?? null,
  };
}
