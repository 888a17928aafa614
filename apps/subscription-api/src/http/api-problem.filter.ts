import {
  PROBLEM_CONTENT_TYPE,
  type ProblemDetails,
  ProblemException,
  problemType,
  toProblem,
} from '@hookstream/service-kit';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';

interface HttpResponse {
  headersSent?: boolean;
  status(code: number): HttpResponse;
  setHeader(name: string, value: string): void;
  send(body: string): void;
}
interface HttpRequest {
  originalUrl?: string;
  method?: string;
}

/**
 * The API's problem+json: like service-kit's filter, but each framework error says what went
 * wrong instead of a generic "malformed-body"/"Http": a path segment that does not decode, JSON
 * that does not parse, a body over the size limit, no such route. A Postgres data error (a value
 * the validation let through) is a 400, never a 500: bad input must not look like our fault.
 */
@Catch()
export class ApiProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<HttpResponse>();
    const request = http.getRequest<HttpRequest>();
    const problem = describe(exception, request);
    if (problem.status >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return;
    response.setHeader('content-type', PROBLEM_CONTENT_TYPE);
    response.status(problem.status).send(JSON.stringify({ ...problem, instance: request.originalUrl }));
  }
}

/** Postgres SQLSTATE class 22 is "data exception": the value, not the server, is at fault. */
const PG_DATA_EXCEPTION = /^22/;

export function describe(exception: unknown, request: HttpRequest): ProblemDetails {
  if (exception instanceof ProblemException) return exception.problem;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const message = messageOf(exception);
    if (status === 400 && message.startsWith('Failed to decode param'))
      return problem(
        400,
        'invalid-path',
        'A path segment is not valid percent-encoding',
        `${message}; percent-encode it as UTF-8.`,
        [{ field: 'path', message: 'not valid percent-encoded UTF-8' }],
      );
    if (status === 400 && isJsonSyntaxError(exception))
      return problem(400, 'malformed-json', 'The body is not valid JSON', message, [
        { field: 'body', message: 'not valid JSON' },
      ]);
    if (status === 413)
      return problem(
        413,
        'payload-too-large',
        'The body is too large',
        'Request bodies are limited to 100 KiB.',
      );
    if (status === 404 && message.startsWith('Cannot '))
      return problem(
        404,
        'no-such-route',
        'No such route',
        `${request.method ?? ''} ${request.originalUrl ?? ''} is not a route of this API; see /v1/openapi.json.`.trim(),
      );
    return toProblem(exception);
  }
  const code = (exception as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && PG_DATA_EXCEPTION.test(code))
    return problem(
      400,
      'invalid-value',
      'A value cannot be stored',
      'A value in the request cannot be stored (for example a control character).',
    );
  return toProblem(exception);
}

function problem(
  status: number,
  slug: string,
  title: string,
  detail: string,
  errors?: ProblemDetails['errors'],
): ProblemDetails {
  return { type: problemType(slug), title, status, detail, ...(errors ? { errors } : {}) };
}

function messageOf(exception: HttpException): string {
  const body = exception.getResponse();
  return typeof body === 'object' && body !== null && 'message' in body
    ? String(body.message)
    : exception.message;
}

/** body-parser's parse failure is a SyntaxError with status 400, wrapped by Nest as the cause. */
function isJsonSyntaxError(exception: HttpException): boolean {
  const cause = (exception as { cause?: unknown }).cause;
  if (cause instanceof SyntaxError) return true;
  return /JSON|Unexpected token|Expected property name/.test(messageOf(exception));
}
