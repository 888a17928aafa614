import { ObservabilityModule } from '@hookstream/service-kit';
import { type DynamicModule, Module } from '@nestjs/common';
import { WORKER_ENV, type WorkerEnv } from './env.js';
import { WorkerLifecycle } from './worker.lifecycle.js';
import { WorkerMetrics } from './worker.metrics.js';

/** The HTTP shell: /health and /metrics; the worker itself is composed in compose-worker.ts. */
@Module({})
export class AppModule {
  static forEnv(env: WorkerEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [ObservabilityModule.forService('delivery-worker')],
      providers: [{ provide: WORKER_ENV, useValue: env }, WorkerMetrics, WorkerLifecycle],
    };
  }
}
