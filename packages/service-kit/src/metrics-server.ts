import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

/**
 * Serves GET /metrics alone on a port of its own, so the service's main port (the public API)
 * need not expose internal metrics: with METRICS_PORT set, only this server answers /metrics
 * and the main port answers it with 404. Anything else on this port is a 404 too.
 */
export async function startMetricsServer(registry: Registry, port: number, host: string): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method === 'GET' && (request.url === '/metrics' || request.url?.startsWith('/metrics?'))) {
      registry.metrics().then(
        (text) => {
          response.writeHead(200, { 'content-type': registry.contentType });
          response.end(text);
        },
        () => {
          response.writeHead(500, { 'content-type': 'text/plain' });
          response.end('metrics could not be collected\n');
        },
      );
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('only GET /metrics is served on this port\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
