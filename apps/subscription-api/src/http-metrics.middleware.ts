import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';

interface Request {
  method: string;
  route?: { path?: string };
  baseUrl?: string;
}
interface Response {
  statusCode: number;
  on(event: 'finish', listener: () => void): void;
}

/** Counts requests by route template (not raw path, which would explode label cardinality). */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly duration: Histogram<'method' | 'route'>;

  constructor(@Inject(Registry) registry: Registry) {
    this.requests = new Counter({
      name: 'hookstream_api_http_requests_total',
      help: 'HTTP requests by method, route template and status code',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'hookstream_api_http_request_duration_seconds',
      help: 'HTTP request duration in seconds',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
  }

  use(request: Request, response: Response, next: () => void): void {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const route = request.route?.path ? `${request.baseUrl ?? ''}${request.route.path}` : 'unmatched';
      this.requests.inc({ method: request.method, route, status: String(response.statusCode) });
      this.duration.observe(
        { method: request.method, route },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
    next();
  }
}
