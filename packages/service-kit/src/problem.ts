import { HttpException, HttpStatus } from '@nestjs/common';

/** One invalid input, named the way the client wrote it (e.g. "eventTypes.0"). */
export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details; `errors` lists every invalid field of a 400. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_TYPE_BASE = 'https://hookstream.dev/problems/';

/** Problem types clients can branch on; the README lists them. */
export function problemType(slug: string): string {
  return `${PROBLEM_TYPE_BASE}${slug}`;
}

export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemDetails) {
    super(problem, problem.status);
  }

  static validation(errors: FieldError[], detail?: string): ProblemException {
    return new ProblemException({
      type: problemType('validation'),
      title: 'Your request is not valid',
      status: HttpStatus.BAD_REQUEST,
      detail: detail ?? errors.map((error) => `${error.field}: ${error.message}`).join('; '),
      errors,
    });
  }

  static unauthorized(detail: string): ProblemException {
    return new ProblemException({
      type: problemType('unauthorized'),
      title: 'Missing or invalid API key',
      status: HttpStatus.UNAUTHORIZED,
      detail,
    });
  }

  static notFound(detail: string): ProblemException {
    return new ProblemException({ type: problemType('not-found'), title: 'Not found', status: 404, detail });
  }
}
