import 'reflect-metadata';
import { hideKnownKafkajsWarnings } from '@hookstream/kafka';
import { JsonLogger, loadEnv, runMain, startHttpService } from '@hookstream/service-kit';
import { AppModule } from './app.module.js';
import { WorkerEnv } from './env.js';

hideKnownKafkajsWarnings();

await runMain(async () => {
  const env = loadEnv(WorkerEnv);
  const logger = new JsonLogger('delivery-worker', env.LOG_LEVEL);
  await startHttpService({ module: AppModule.forEnv(env), port: env.PORT, host: env.HOST, logger });
  logger.log({ msg: 'delivery-worker running', metrics: `http://${env.HOST}:${env.PORT}/metrics` });
});
