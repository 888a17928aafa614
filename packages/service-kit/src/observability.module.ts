import { type DynamicModule, Global, Module } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { Liveness } from './liveness.js';
import { ObservabilityController } from './observability.controller.js';
import { Readiness } from './readiness.js';

/**
 * Health and metrics for one service: GET /health/live, /health/ready and /metrics, a
 * prom-client Registry (with Node's default metrics) that the service's own counters join, and
 * the Readiness and Liveness registries. Import it once in each app's root module.
 */
@Global()
@Module({})
export class ObservabilityModule {
  static forService(service: string): DynamicModule {
    const registry = new Registry();
    registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: registry });
    return {
      module: ObservabilityModule,
      controllers: [ObservabilityController],
      providers: [{ provide: Registry, useValue: registry }, Readiness, Liveness],
      exports: [Registry, Readiness, Liveness],
    };
  }
}
