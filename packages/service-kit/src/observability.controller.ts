import { Controller, Get, Header, Inject } from '@nestjs/common';
import { Registry } from 'prom-client';
import { Liveness } from './liveness.js';
import { ProblemException, problemType } from './problem.js';
import { Readiness } from './readiness.js';

@Controller()
export class ObservabilityController {
  constructor(
    @Inject(Readiness) private readonly readiness: Readiness,
    @Inject(Liveness) private readonly liveness: Liveness,
    @Inject(Registry) private readonly registry: Registry,
  ) {}

  /** The process is up, its event loop turns and no registered liveness check failed; restart it on 503. */
  @Get('health/live')
  async live(): Promise<{ status: 'ok'; checks: Record<string, boolean> }> {
    const report = await this.liveness.report();
    if (!report.live) {
      throw new ProblemException({
        type: problemType('not-live'),
        title: 'Not live',
        status: 503,
        detail: `failing checks: ${failing(report.checks)}`,
        checks: report.checks,
      });
    }
    return { status: 'ok', checks: report.checks };
  }

  /** Dependencies are usable; send work only when this is 200. */
  @Get('health/ready')
  async ready(): Promise<{ status: 'ready'; checks: Record<string, boolean> }> {
    const report = await this.readiness.report();
    if (!report.ready) {
      throw new ProblemException({
        type: problemType('not-ready'),
        title: 'Not ready',
        status: 503,
        detail: `failing checks: ${failing(report.checks)}`,
        checks: report.checks,
      });
    }
    return { status: 'ready', checks: report.checks };
  }

  @Get('metrics')
  @Header('content-type', Registry.PROMETHEUS_CONTENT_TYPE)
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

function failing(checks: Record<string, boolean>): string {
  return Object.entries(checks)
    .filter(([, ok]) => !ok)
    .map(([name]) => name)
    .join(', ');
}
