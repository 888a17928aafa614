import { Injectable } from '@nestjs/common';
import { type HealthCheck, HealthChecks } from './health-checks.js';

export type ReadinessCheck = HealthCheck;

/**
 * Services register what must be true before they take traffic (Kafka connected, subscription
 * view caught up, database reachable); GET /health/ready reports each by name.
 */
@Injectable()
export class Readiness {
  private readonly checks = new HealthChecks();
  private shuttingDown = false;

  register(name: string, check: ReadinessCheck): void {
    this.checks.register(name, check);
  }

  /** Called on SIGTERM so load balancers stop sending work before the process drains. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async report(): Promise<{ ready: boolean; checks: Record<string, boolean> }> {
    const { ok, checks } = await this.checks.run({ notShuttingDown: !this.shuttingDown });
    return { ready: ok, checks };
  }
}
