import { ObservabilityModule } from '@hookstream/service-kit';
import { type DynamicModule, Module } from '@nestjs/common';
import { ROUTER_ENV, type RouterEnv } from './env.js';
import { RouterLifecycle } from './router.lifecycle.js';

/** NestJS is the router's HTTP shell only: /health/live, /health/ready and /metrics. */
@Module({})
export class AppModule {
  static forEnv(env: RouterEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [ObservabilityModule.forService('router')],
      providers: [{ provide: ROUTER_ENV, useValue: env }, RouterLifecycle],
    };
  }
}
