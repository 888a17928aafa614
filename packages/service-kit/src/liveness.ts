import { Injectable } from '@nestjs/common';
import { type HealthCheck, HealthChecks } from './health-checks.js';

export type LivenessCheck = HealthCheck;

/**
 * What must stay true for the process to be worth keeping: a check fails only for a state the
 * process will not leave by itself (a consumer kafkajs gave up on, a producer that cannot be
 * rebuilt). GET /health/live answers 503 then, so the orchestrator restarts the process. A
 * dependency that is merely down belongs in Readiness, not here: restarting would not help.
 */
@Injectable()
export class Liveness {
  private readonly checks = new HealthChecks();

  register(name: string, check: LivenessCheck): void {
    this.checks.register(name, check);
  }

  async report(): Promise<{ live: boolean; checks: Record<string, boolean> }> {
    const { ok, checks } = await this.checks.run();
    return { live: ok, checks };
  }
}
