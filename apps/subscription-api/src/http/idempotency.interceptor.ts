import { ProblemException, problemType } from '@hookstream/service-kit';
import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  Logger,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, from, type Observable, of, switchMap, throwError } from 'rxjs';
import type { AuthenticatedRequest } from '../tenants/api-key.guard.js';
import { IdempotencyRepository } from './idempotency.repository.js';
import { idempotencyLookupHash, openResponse, requestHash, sealResponse } from './idempotency-crypto.js';

interface Request extends AuthenticatedRequest {
  originalUrl: string;
  body?: unknown;
}
interface Response {
  setHeader(name: string, value: string): void;
}

/** Visible ASCII, 1–255 characters (a UUID, or any client-made unique string). */
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;
/** Where @HttpCode() keeps a route's status (Nest's HTTP_CODE_METADATA, not exported from the index). */
const HTTP_CODE_METADATA = '__httpCode__';
/** Expired rows are swept at most this often, in ms. */
const SWEEP_INTERVAL_MS = 10 * 60_000;

/**
 * `Idempotency-Key` on every POST: the first successful answer is kept (encrypted) for 24 h and
 * replayed to a retry with the same method, path and body, marked `Idempotent-Replayed: true`.
 * The same key with another request is a 422; while the first is still running, a 409. A failed
 * request (any error) frees the key. Runs after the key guard, so keys are per tenant.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);
  private lastSweep = 0;

  constructor(
    @Inject(IdempotencyRepository) private readonly repository: IdempotencyRepository,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined || request.tenantId === undefined)
      return next.handle();
    const key = Array.isArray(header) ? '' : header;
    if (!KEY_FORMAT.test(key))
      throw ProblemException.validation([
        {
          field: 'Idempotency-Key',
          message: 'expected 1-255 visible ASCII characters (e.g. a UUID), sent once',
        },
      ]);
    const tenantId = request.tenantId;
    const keyHash = idempotencyLookupHash(tenantId, key);
    const path = request.originalUrl.split('?')[0] ?? '';
    const statusCode =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    this.sweepNowAndThen();

    return from(
      this.repository.claim(tenantId, keyHash, requestHash(request.method, path, request.body)),
    ).pipe(
      switchMap((claim) => {
        if (claim.kind === 'other-request') throw reused();
        if (claim.kind === 'in-progress') throw inProgress();
        if (claim.kind === 'replay') {
          http.getResponse<Response>().setHeader('idempotent-replayed', 'true');
          return of(JSON.parse(openResponse(tenantId, key, claim.response)) as unknown);
        }
        return next.handle().pipe(
          // Stored before the answer leaves, so a retry right after it is a replay, not a 409.
          switchMap((body) => {
            const sealed = sealResponse(tenantId, key, JSON.stringify(body ?? null));
            return from(
              this.repository.complete(tenantId, keyHash, statusCode, sealed).then(
                () => body,
                (error: Error) => {
                  this.logger.warn({ msg: 'could not store an idempotent answer', error: error.message });
                  return body;
                },
              ),
            );
          }),
          catchError((error: unknown) =>
            from(this.repository.release(tenantId, keyHash).catch(() => {})).pipe(
              switchMap(() => throwError(() => error)),
            ),
          ),
        );
      }),
    );
  }

  private sweepNowAndThen(): void {
    if (Date.now() - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = Date.now();
    void this.repository.sweep().catch(() => {});
  }
}

function reused(): ProblemException {
  return new ProblemException({
    type: problemType('idempotency-key-reused'),
    title: 'The Idempotency-Key was used for another request',
    status: 422,
    detail:
      'This key was already used within 24 h with a different method, path or body. Use a new key for a new request.',
  });
}

function inProgress(): ProblemException {
  return new ProblemException({
    type: problemType('idempotency-key-in-progress'),
    title: 'A request with this Idempotency-Key is still running',
    status: 409,
    detail: 'Retry once the first request has answered; it will then be replayed.',
  });
}
