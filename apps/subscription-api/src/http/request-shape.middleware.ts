import { PROBLEM_CONTENT_TYPE, problemType } from '@hookstream/service-kit';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { allowedMethods } from './route-table.js';

interface Request {
  method: string;
  originalUrl: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}
interface Response {
  status(code: number): Response;
  setHeader(name: string, value: string): void;
  send(body: string): void;
}

/** JSON media types: `application/json` and `application/*+json`, any parameters (charset). */
const JSON_MEDIA_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;.*)?$/i;

/**
 * Refuses requests whose shape is wrong before any route runs:
 * - a known path with a method it does not support → 405 with `Allow` (Express would say 404);
 * - a body that is not JSON (text/plain, form-encoded, none declared) → 415, so a form post is
 *   never half-read as an empty object and validated (or worse, created) as one.
 */
@Injectable()
export class RequestShapeMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: () => void): void {
    const pathname = request.originalUrl.split('?')[0] ?? '';
    const allowed = allowedMethods(pathname);
    if (allowed && request.method !== 'OPTIONS' && !allowed.includes(request.method)) {
      response.setHeader('allow', allowed.join(', '));
      send(
        response,
        request,
        405,
        'method-not-allowed',
        'Method not allowed',
        `${request.method} is not supported on this path; use ${allowed.join(', ')}.`,
      );
      return;
    }
    if (hasBody(request)) {
      const contentType = String(request.headers['content-type'] ?? '');
      if (!JSON_MEDIA_TYPE.test(contentType)) {
        send(
          response,
          request,
          415,
          'unsupported-media-type',
          'Unsupported media type',
          `Send the body as application/json (got ${contentType ? JSON.stringify(contentType.slice(0, 100)) : 'no content-type'}).`,
        );
        return;
      }
    }
    next();
  }
}

/** A body is present when it has a length above zero or is chunked (RFC 9112 §6.3). */
function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  if (typeof length === 'string' && Number(length) > 0) return true;
  return request.headers['transfer-encoding'] !== undefined;
}

function send(
  response: Response,
  request: Request,
  status: number,
  slug: string,
  title: string,
  detail: string,
): void {
  response.setHeader('content-type', PROBLEM_CONTENT_TYPE);
  response
    .status(status)
    .send(JSON.stringify({ type: problemType(slug), title, status, detail, instance: request.originalUrl }));
}
