import { ObservabilityModule } from '@hookstream/service-kit';
import { type DynamicModule, Module } from '@nestjs/common';
import { ROUTER_ENV, type RouterEnv } from './env.js';
import { EventRouterConsumer } from './kafka/event-router.consumer.js';
import { kafkaProviders } from './kafka/kafka.providers.js';
import { SubscriptionViewLifecycle } from './kafka/subscription-view.lifecycle.js';
import { RouterMetrics } from './router.metrics.js';

@Module({})
export class AppModule {
  static forEnv(env: RouterEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [ObservabilityModule.forService('router')],
      providers: [
        { provide: ROUTER_ENV, useValue: env },
        RouterMetrics,
        ...kafkaProviders,
        SubscriptionViewLifecycle,
        EventRouterConsumer,
      ],
    };
  }
}
