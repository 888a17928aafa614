import { Liveness, Readiness, requestShutdown } from '@hookstream/service-kit';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Registry } from 'prom-client';
import { type RunningRouter, startRouter } from './compose-router.js';
import { ROUTER_ENV, type RouterEnv } from './env.js';

/**
 * The only Nest-facing piece of the router: starts the composition before HTTP listens and
 * stops it on SIGTERM while /health still answers. Everything else is plain code.
 */
@Injectable()
export class RouterLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Router');
  private running: RunningRouter | null = null;

  constructor(
    @Inject(ROUTER_ENV) private readonly env: RouterEnv,
    @Inject(Registry) private readonly registry: Registry,
    @Inject(Readiness) private readonly readiness: Readiness,
    @Inject(Liveness) private readonly liveness: Liveness,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.running = await startRouter(this.env, {
      registry: this.registry,
      readiness: this.readiness,
      liveness: this.liveness,
      log: this.logger,
      onFatal: (error) => requestShutdown(`router cannot go on (${error.message})`, 1),
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.running?.stop();
  }
}
