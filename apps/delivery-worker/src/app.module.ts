import { ObservabilityModule } from '@hookstream/service-kit';
import { type DynamicModule, Module } from '@nestjs/common';
import { WORKER_ENV, type WorkerEnv } from './env.js';
import { DeliveryConsumer } from './kafka/delivery.consumer.js';
import { WorkerResources, workerProviders } from './kafka/kafka.providers.js';
import { WorkerMetrics } from './worker.metrics.js';

@Module({})
export class AppModule {
  static forEnv(env: WorkerEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [ObservabilityModule.forService('delivery-worker')],
      providers: [
        { provide: WORKER_ENV, useValue: env },
        WorkerMetrics,
        ...workerProviders,
        WorkerResources,
        DeliveryConsumer,
      ],
    };
  }
}
