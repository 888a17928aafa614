import type { ExceptionFilter, INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ProblemJsonFilter } from './problem-json.filter.js';
import { Readiness } from './readiness.js';

export interface HttpServiceOptions {
  /** The app's root module (a class or a dynamic module). */
  module: Parameters<typeof NestFactory.create>[0];
  port: number;
  host: string;
  logger: LoggerService;
  /** Replaces the default problem+json filter (an app that words framework errors its own way). */
  filter?: ExceptionFilter;
}

/**
 * Creates and starts a Nest HTTP app the same way for every service: JSON logs, problem+json
 * errors, and SIGTERM/SIGINT handling that first fails readiness, then runs every provider's
 * shutdown hook (consumers hand back or finish in-flight work and commit), then exits 0.
 */
export async function startHttpService(options: HttpServiceOptions): Promise<INestApplication> {
  const app = await NestFactory.create(options.module, { logger: options.logger, bufferLogs: true });
  app.useGlobalFilters(options.filter ?? new ProblemJsonFilter());
  const readiness = app.get(Readiness);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      readiness.markShuttingDown();
      options.logger.log({ msg: `${signal} received: draining and shutting down` });
      // app.close() runs every provider's shutdown hooks in order; exit 0 means a clean drain.
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          options.logger.error({ msg: 'shutdown failed', error: String(error) });
          process.exit(1);
        },
      );
    });
  }
  await app.listen(options.port, options.host);
  return app;
}
