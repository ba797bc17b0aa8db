import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { Pool } from 'pg';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { ApplicationModule, UserService } from '@app/application';
import { EventStoreModule, PG_POOL } from '@app/event-store';
import { secretOf } from '@app/projections';
import { APP_CONFIG, AppConfig, AppConfigModule, JOBS_QUEUE, JobsQueueModule } from '@app/shared';
import { adminBasicAuth } from './auth/admin-basic-auth';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { DirectoryModule } from './directory/directory.module';
import { FilingsModule } from './filings/filings.module';
import { InitialAdmin } from './auth/initial-admin';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';
import { queueProbeProvider, QueueProbeShutdown } from './queue-probe.provider';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // the correlation id: the caller's X-Request-Id when it sends a sane one, else a new one; echoed back
            genReqId: (req, res) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && /^[\w.-]{8,64}$/u.test(given) ? given : randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
            autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
          },
        }),
        JwtModule.registerAsync({
          global: true,
          inject: [APP_CONFIG, PG_POOL],
          useFactory: async (c: AppConfig, pool: Pool) => ({
            // a KeyObject, not the string: given a string, jsonwebtoken first tries to read it as a PEM key on every
            // sign and verify, and the exception that throws cost ~2 ms a request (half the API's CPU in bench:api)
            secret: createSecretKey(Buffer.from(c.jwtSecret ?? (await secretOf(pool, 'jwt', () => randomBytes(48).toString('base64url'))), 'utf8')),
            signOptions: { expiresIn: c.jwtTtlSeconds, algorithm: 'HS256' },
            verifyOptions: { algorithms: ['HS256'] },
          }),
        }),
        ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: 60_000, limit: config.rateLimitPerMinute }] }),
        EventStoreModule,
        ApplicationModule,
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
        JobsQueueModule.forRoot(config),
        // the jobs, their failures and errors, for the bureau admin (HTTP Basic: a bureau admin's login)
        BullBoardModule.forRootAsync({
          imports: [ApplicationModule],
          inject: [UserService],
          useFactory: (users: UserService) => ({ route: '/admin/queues', adapter: ExpressAdapter, middleware: adminBasicAuth(users) }),
        }),
        BullBoardModule.forFeature({ name: JOBS_QUEUE, adapter: BullMQAdapter }),
        FilingsModule,
        DirectoryModule,
      ],
      controllers: [HealthController, MetricsController, AuthController],
      providers: [
        queueProbeProvider,
        QueueProbeShutdown,
        InitialAdmin,
        // throttling first (failed logins cost nothing to refuse), then sign-in and roles on every endpoint
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
