import { Readiness } from '@hookstream/service-kit';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { type RunningWorker, startDeliveryWorker } from './compose-worker.js';
import { WORKER_ENV, type WorkerEnv } from './env.js';
import { WorkerMetrics } from './worker.metrics.js';

/** The only tie between NestJS (health and metrics over HTTP) and the worker's composition. */
@Injectable()
export class WorkerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DeliveryWorker');
  private worker: RunningWorker | undefined;

  constructor(
    @Inject(WORKER_ENV) private readonly env: WorkerEnv,
    @Inject(WorkerMetrics) private readonly metrics: WorkerMetrics,
    @Inject(Readiness) private readonly readiness: Readiness,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.worker = await startDeliveryWorker(this.env, this.metrics, this.readiness, this.logger);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.stop();
  }
}
