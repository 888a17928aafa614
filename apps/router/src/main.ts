import 'reflect-metadata';
import { hideKnownKafkajsWarnings } from '@hookstream/kafka';
import { JsonLogger, loadEnv, runMain, startHttpService, startTracing } from '@hookstream/service-kit';
import { AppModule } from './app.module.js';
import { RouterEnv } from './env.js';

hideKnownKafkajsWarnings();

await runMain(async () => {
  const env = loadEnv(RouterEnv);
  const logger = new JsonLogger('router', env.LOG_LEVEL);
  // Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
  const tracing = await startTracing('router');
  await startHttpService({
    module: AppModule.forEnv(env),
    port: env.PORT,
    host: env.HOST,
    logger,
    tracing,
    metricsPort: env.METRICS_PORT,
  });
  logger.log({ msg: 'router running', metrics: `http://${env.HOST}:${env.PORT}/metrics` });
});
