import 'reflect-metadata';
import { hideKnownKafkajsWarnings } from '@hookstream/kafka';
import { JsonLogger, loadEnv, runMain, startHttpService, startTracing } from '@hookstream/service-kit';
import { AppModule } from './app.module.js';
import { migrate } from './database/migrate.js';
import { ApiEnv } from './env.js';
import { ApiProblemFilter } from './http/api-problem.filter.js';

hideKnownKafkajsWarnings();

await runMain(async () => {
  const env = loadEnv(ApiEnv);
  const logger = new JsonLogger('subscription-api', env.LOG_LEVEL);
  // Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
  const tracing = await startTracing('subscription-api');
  if (env.RUN_MIGRATIONS) {
    const applied = await migrate(env.DATABASE_URL);
    if (applied.length > 0) logger.log({ msg: 'applied migrations', migrations: applied });
  }
  await startHttpService({
    module: AppModule.forEnv(env),
    port: env.PORT,
    host: env.HOST,
    logger,
    filter: new ApiProblemFilter(),
    tracing,
    metricsPort: env.METRICS_PORT,
  });
  logger.log({ msg: 'subscription-api listening', url: `http://${env.HOST}:${env.PORT}/v1` });
});
