/**
 * Every route the API answers, by path template. The request-shape middleware uses it to answer
 * 405 with `Allow` when a known path is called with another method; the OpenAPI test checks that
 * the document describes each of them.
 */
export interface ApiRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Express-style template, e.g. `/v1/subscriptions/:id`. */
  path: string;
}

export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'GET', path: '/v1/event-types' },
  { method: 'GET', path: '/v1/openapi.json' },
  { method: 'GET', path: '/docs' },
  { method: 'GET', path: '/docs/assets/:name' },
  { method: 'POST', path: '/v1/api-keys' },
  { method: 'GET', path: '/v1/api-keys' },
  { method: 'DELETE', path: '/v1/api-keys/:id' },
  { method: 'POST', path: '/v1/subscriptions' },
  { method: 'GET', path: '/v1/subscriptions' },
  { method: 'GET', path: '/v1/subscriptions/:id' },
  { method: 'PATCH', path: '/v1/subscriptions/:id' },
  { method: 'DELETE', path: '/v1/subscriptions/:id' },
  { method: 'POST', path: '/v1/subscriptions/:id/secret/rotate' },
  { method: 'GET', path: '/v1/subscriptions/:id/secret' },
  { method: 'POST', path: '/v1/subscriptions/:id/test' },
  { method: 'GET', path: '/v1/subscriptions/:id/attempts' },
  { method: 'GET', path: '/v1/messages/:webhookId/attempts' },
  { method: 'GET', path: '/v1/subscriptions/:id/dead-letters' },
  { method: 'POST', path: '/v1/subscriptions/:id/dead-letters/redrive' },
  { method: 'POST', path: '/v1/subscriptions/:id/replay' },
  { method: 'GET', path: '/v1/replays/:id' },
];

/** A template as a regex: each `:param` is one non-empty segment. */
function templateRegex(path: string): RegExp {
  const pattern = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${pattern}/?$`);
}

const COMPILED = API_ROUTES.map((route) => ({ ...route, regex: templateRegex(route.path) }));

/**
 * The methods a concrete path supports (HEAD is implied by GET, as Express answers it), or
 * null when no route has this path. A parameter matches one segment only, so
 * `/v1/subscriptions/:id` does not match `/v1/subscriptions/sub_1/secret`.
 */
export function allowedMethods(pathname: string): string[] | null {
  const methods = COMPILED.filter((route) => route.regex.test(pathname)).map((route) => route.method);
  if (methods.length === 0) return null;
  const unique: string[] = [...new Set(methods)];
  if (unique.includes('GET')) unique.push('HEAD');
  return unique;
}
