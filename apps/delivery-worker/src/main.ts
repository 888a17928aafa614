import 'reflect-metadata';
import { hideKnownKafkajsWarnings } from '@hookstream/kafka';
import { JsonLogger, loadEnv, runMain, startHttpService, startTracing } from '@hookstream/service-kit';
import { AppModule } from './app.module.js';
import { WorkerEnv } from './env.js';
import { loadKeyring } from './worker-keyring.js';

hideKnownKafkajsWarnings();

await runMain(async () => {
  const env = loadEnv(WorkerEnv);
  loadKeyring(env); // checked here so a missing key exits 78 before anything starts
  const logger = new JsonLogger('delivery-worker', env.LOG_LEVEL);
  // Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
  const tracing = await startTracing('delivery-worker');
  // The last word on shutdown: whatever hangs (a broker that is gone), the process exits within
  // the drain plus every bounded close step plus a margin, in ms. Offsets not committed are
  // redelivered to the next owner, so exiting loses nothing.
  const exitBoundMs = env.WORKER_DRAIN_TIMEOUT_MS + 20_000;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        logger.error({ msg: `shutdown took longer than ${exitBoundMs} ms; exiting` });
        process.exit(1);
      }, exitBoundMs).unref();
    });
  }
  await startHttpService({
    module: AppModule.forEnv(env),
    port: env.PORT,
    host: env.HOST,
    logger,
    tracing,
    metricsPort: env.METRICS_PORT,
  });
  logger.log({ msg: 'delivery-worker running', metrics: `http://${env.HOST}:${env.PORT}/metrics` });
});
