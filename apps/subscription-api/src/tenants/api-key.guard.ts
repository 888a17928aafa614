import { ProblemException, problemType } from '@hookstream/service-kit';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { API_ENV, type ApiEnv } from '../env.js';
import { bearerToken, hashApiKey } from './api-key.js';
import type { ApiKeyScope } from './api-key.schemas.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { TokenBuckets } from './token-bucket.js';

interface HttpResponse {
  setHeader(name: string, value: string): void;
}

export interface AuthenticatedRequest {
  method: string;
  /** The client's address (Express's req.ip; the socket's address without a trusted proxy). */
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
  tenantId?: string;
  apiKeyId?: string;
}

/** Reading needs `read`; anything that changes state needs `write`. */
function scopeFor(method: string): ApiKeyScope {
  return method === 'GET' || method === 'HEAD' ? 'read' : 'write';
}

/**
 * Resolves `Authorization: Bearer <key>` to its tenant (every tenant-data route uses it; the
 * event catalog is public), limits its request rate (429 with Retry-After) and checks its
 * scope: a missing, unknown or revoked key is a 401; a read-only key writing is a 403.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly buckets: TokenBuckets;
  /** Failed authentications per client address. */
  private readonly failures: TokenBuckets;

  constructor(
    @Inject(ApiKeysRepository) private readonly keys: ApiKeysRepository,
    @Inject(API_ENV) env: ApiEnv,
  ) {
    this.buckets = new TokenBuckets({ perSecond: env.RATE_LIMIT_PER_SECOND, burst: env.RATE_LIMIT_BURST });
    this.failures = new TokenBuckets({
      perSecond: env.AUTH_FAILURES_PER_MINUTE / 60,
      burst: env.AUTH_FAILURE_BURST,
    });
  }

  private tooMany(context: ExecutionContext, retryAfterSeconds: number, detail: string): ProblemException {
    context.switchToHttp().getResponse<HttpResponse>().setHeader('retry-after', String(retryAfterSeconds));
    return new ProblemException({
      type: problemType('rate-limited'),
      title: 'Too many requests',
      status: 429,
      detail,
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    // Checked before the key is looked at, so a client over its failures cannot tell a right
    // guess from a wrong one.
    const client = request.ip ?? 'unknown';
    const now = Date.now();
    const throttled = this.failures.check(client, now);
    if (!throttled.allowed) {
      throw this.tooMany(
        context,
        throttled.retryAfterSeconds,
        `Too many failed authentications from this address; retry after ${throttled.retryAfterSeconds} s.`,
      );
    }
    const token = bearerToken(Array.isArray(header) ? undefined : header);
    if (!token) {
      this.failures.take(client, now);
      throw ProblemException.unauthorized('Send your API key as "Authorization: Bearer <key>".');
    }
    const holder = await this.keys.findHolderByHash(hashApiKey(token));
    if (!holder) {
      this.failures.take(client, now);
      throw ProblemException.unauthorized('The API key is unknown or revoked.');
    }
    const taken = this.buckets.take(holder.keyId, Date.now());
    if (!taken.allowed) {
      context
        .switchToHttp()
        .getResponse<HttpResponse>()
        .setHeader('retry-after', String(taken.retryAfterSeconds));
      throw new ProblemException({
        type: problemType('rate-limited'),
        title: 'Too many requests',
        status: 429,
        detail: `This API key is over its request rate; retry after ${taken.retryAfterSeconds} s.`,
      });
    }
    const needed = scopeFor(request.method);
    if (!holder.scopes.includes(needed)) {
      throw new ProblemException({
        type: problemType('insufficient-scope'),
        title: 'The API key may not do this',
        status: 403,
        detail: `${request.method} needs the "${needed}" scope; this key has ${holder.scopes.map((s) => `"${s}"`).join(', ')}.`,
      });
    }
    request.tenantId = holder.tenantId;
    request.apiKeyId = holder.keyId;
    return true;
  }
}
