import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExceptionFilter, INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Registry } from 'prom-client';
import { startMetricsServer } from './metrics-server.js';
import { problemType } from './problem.js';
import { ProblemJsonFilter } from './problem-json.filter.js';
import { Readiness } from './readiness.js';
import type { Tracing } from './tracing.js';

export interface HttpServiceOptions {
  /** The app's root module (a class or a dynamic module). */
  module: Parameters<typeof NestFactory.create>[0];
  port: number;
  host: string;
  logger: LoggerService;
  /** From startTracing(); its buffered spans are exported after the app has closed. */
  tracing?: Tracing;
  /** Replaces the default problem+json filter (an app that words framework errors its own way). */
  filter?: ExceptionFilter;
  /**
   * Serve /metrics on this port instead of the main one (METRICS_PORT): the main port then
   * answers /metrics with 404, so a public API port exposes no internal metrics.
   */
  metricsPort?: number;
}

/**
 * Creates and starts a Nest HTTP app the same way for every service: JSON logs, problem+json
 * errors, and SIGTERM/SIGINT handling that first fails readiness, then runs every provider's
 * shutdown hook (consumers hand back or finish in-flight work and commit), then exits 0.
 */
export async function startHttpService(options: HttpServiceOptions): Promise<INestApplication> {
  const app = await NestFactory.create(options.module, { logger: options.logger, bufferLogs: true });
  app.useGlobalFilters(options.filter ?? new ProblemJsonFilter());
  if (options.metricsPort !== undefined) {
    // Registered before the routes (they are mounted at listen), so it wins over the controller.
    app.use('/metrics', (_request: IncomingMessage, response: ServerResponse) => {
      response.statusCode = 404;
      response.setHeader('content-type', 'application/problem+json');
      response.end(
        JSON.stringify({
          type: problemType('not-found'),
          title: 'Not found',
          status: 404,
          detail: 'metrics are served on their own port (METRICS_PORT)',
        }),
      );
    });
    const metricsServer = await startMetricsServer(app.get(Registry), options.metricsPort, options.host);
    process.once('exit', () => metricsServer.close());
  }
  const readiness = app.get(Readiness);
  let closing = false;
  const shutDown = (why: string, exitCode: number) => {
    if (closing) return;
    closing = true;
    readiness.markShuttingDown();
    options.logger.log({ msg: `${why}: draining and shutting down`, exitCode });
    // app.close() runs every provider's shutdown hooks in order (HTTP keeps answering until
    // the before-shutdown hooks are done, so probes see the state); exit 0 means a clean drain.
    app
      .close()
      .then(() => options.tracing?.shutdown())
      .then(
        () => process.exit(exitCode),
        (error: unknown) => {
          options.logger.error({ msg: 'shutdown failed', error: String(error) });
          process.exit(1);
        },
      );
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => shutDown(`${signal} received`, 0));
  }
  pendingShutdown = shutDown;
  await app.listen(options.port, options.host);
  return app;
}

let pendingShutdown: ((why: string, exitCode: number) => void) | null = null;

/**
 * Drains the running service as SIGTERM would, then exits with `exitCode`: for a state the
 * process cannot leave by itself (its consumer stopped for good), so a supervisor restarts it
 * even where no liveness probe is configured. Exits at once if no service was started yet.
 */
export function requestShutdown(why: string, exitCode: number): void {
  if (pendingShutdown) pendingShutdown(why, exitCode);
  else process.exit(exitCode);
}
