export type HealthCheck = () => boolean | Promise<boolean>;

export interface HealthReport {
  ok: boolean;
  checks: Record<string, boolean>;
}

/**
 * Named boolean checks, run on every probe. A check that throws counts as failing, so a broken
 * dependency can never make a probe answer 200 by accident.
 */
export class HealthChecks {
  private readonly checks = new Map<string, HealthCheck>();

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  async run(initial: Record<string, boolean> = {}): Promise<HealthReport> {
    const checks: Record<string, boolean> = { ...initial };
    for (const [name, check] of this.checks) {
      try {
        checks[name] = (await check()) === true;
      } catch {
        checks[name] = false;
      }
    }
    return { ok: Object.values(checks).every(Boolean), checks };
  }
}
