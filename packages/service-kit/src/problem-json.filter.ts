import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, ProblemException, problemType } from './problem.js';

interface HttpResponse {
  status(code: number): HttpResponse;
  setHeader(name: string, value: string): void;
  send(body: string): void;
}
interface HttpRequest {
  originalUrl?: string;
}

/**
 * Turns every error into application/problem+json. Unknown errors become a 500 whose detail
 * hides internals (they are logged instead), so no stack trace ever reaches a client.
 */
@Catch()
export class ProblemJsonFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemJsonFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<HttpResponse>();
    const request = http.getRequest<HttpRequest>();
    const problem = toProblem(exception);
    if (problem.status >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.setHeader('content-type', PROBLEM_CONTENT_TYPE);
    response.status(problem.status).send(JSON.stringify({ ...problem, instance: request.originalUrl }));
  }
}

export function toProblem(exception: unknown): ProblemDetails {
  if (exception instanceof ProblemException) return exception.problem;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const message =
      typeof body === 'object' && body !== null && 'message' in body
        ? String(body.message)
        : exception.message;
    // body-parser reports unparseable JSON as a 400 whose message starts like this.
    const slug = status === 400 ? 'malformed-body' : status === 404 ? 'not-found' : `http-${status}`;
    return {
      type: problemType(slug),
      title: exception.name.replace(/Exception$/, ''),
      status,
      detail: message,
    };
  }
  return {
    type: problemType('internal'),
    title: 'Internal error',
    status: 500,
    detail: 'The server failed to handle the request; it has been logged.',
  };
}
