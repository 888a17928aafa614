import { Controller, Get, Header, Inject } from '@nestjs/common';
import { Registry } from 'prom-client';
import { ProblemException, problemType } from './problem.js';
import { Readiness } from './readiness.js';

@Controller()
export class ObservabilityController {
  constructor(
    @Inject(Readiness) private readonly readiness: Readiness,
    @Inject(Registry) private readonly registry: Registry,
  ) {}

  /** The process is up and its event loop turns; restart it if this fails. */
  @Get('health/live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
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
        detail: `failing checks: ${Object.entries(report.checks)
          .filter(([, ok]) => !ok)
          .map(([name]) => name)
          .join(', ')}`,
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
