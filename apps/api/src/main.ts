import 'reflect-metadata';
import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import helmet from 'helmet';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig, loadConfig, runMigrations } from '@app/shared';
import { MIGRATIONS } from '../../../migrations';
import { ApiModule } from './api.module';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { bodyParserProblems, JSON_LIMIT, validationProblem } from './errors/validation';
import { json } from 'express';

/** Builds the HTTP app (used by main and by e2e specs). */
/** `shutdownHooks: false` when the caller stops the app itself (scripts/start.js, which also stops the embedded database after it). */
export async function createApiApp(config: AppConfig, options: { shutdownHooks?: boolean } = {}): Promise<INestApplication> {
  const app = await NestFactory.create(ApiModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.use(helmet({ contentSecurityPolicy: false })); // the docs page and Bull Board load their own scripts
  // our own JSON parser, so its refusals (invalid JSON, too large) become Problem Details in Chinese
  app.use(json({ limit: JSON_LIMIT }), bodyParserProblems);
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins, exposedHeaders: ['ETag', 'X-Request-Id'] });
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: (errors) => validationProblem(errors) }));
  if (options.shutdownHooks !== false) app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('PerfLedger 绩效账本 API')
      .setDescription('Budget performance self-evaluation: filings, figures, findings and their audit trail')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

export async function bootstrapApi(config: AppConfig = loadConfig(), options: { migrate?: boolean; shutdownHooks?: boolean } = {}): Promise<INestApplication> {
  if (options.migrate !== false) await runMigrations(config.migrationDatabaseUrl, MIGRATIONS);
  const app = await createApiApp(config, { shutdownHooks: options.shutdownHooks });
  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    await app.close().catch(() => undefined);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`端口 ${config.port} 已被占用：请停止占用它的程序，或用 PORT=<其他端口> 启动 (port ${config.port} is in use: set PORT to another port)`);
    }
    if ((error as NodeJS.ErrnoException).code === 'EACCES') {
      throw new Error(`没有权限监听端口 ${config.port}：请用 PORT=<1024 以上的端口> 启动 (no permission to listen on port ${config.port}: set PORT above 1024)`);
    }
    throw error;
  }
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', '127.0.0.1');
  app.get(Logger).log(`PerfLedger API listening on ${url} (docs: ${url}/api/docs)`);
  return app;
}

if (require.main === module) {
  bootstrapApi().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
