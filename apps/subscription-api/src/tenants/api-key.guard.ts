import { ProblemException, problemType } from '@hookstream/service-kit';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { bearerToken, hashApiKey } from './api-key.js';
import type { ApiKeyScope } from './api-key.schemas.js';
import { ApiKeysRepository } from './api-keys.repository.js';

export interface AuthenticatedRequest {
  method: string;
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
 * event catalog is public) and checks the key's scope: a missing, unknown or revoked key is a
 * 401; a read-only key writing is a 403.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(ApiKeysRepository) private readonly keys: ApiKeysRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const token = bearerToken(Array.isArray(header) ? undefined : header);
    if (!token) throw ProblemException.unauthorized('Send your API key as "Authorization: Bearer <key>".');
    const holder = await this.keys.findHolderByHash(hashApiKey(token));
    if (!holder) throw ProblemException.unauthorized('The API key is unknown or revoked.');
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
