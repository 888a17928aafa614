import { ProblemException } from '@hookstream/service-kit';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { bearerToken, hashApiKey } from './api-key.js';
import { ApiKeysRepository } from './api-keys.repository.js';

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  tenantId?: string;
}

/** Resolves `Authorization: Bearer <key>` to its tenant; every tenant-data route uses it (the event catalog is public). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(ApiKeysRepository) private readonly keys: ApiKeysRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const token = bearerToken(Array.isArray(header) ? undefined : header);
    if (!token) throw ProblemException.unauthorized('Send your API key as "Authorization: Bearer <key>".');
    const tenantId = await this.keys.findTenantIdByHash(hashApiKey(token));
    if (!tenantId) throw ProblemException.unauthorized('The API key is unknown or revoked.');
    request.tenantId = tenantId;
    return true;
  }
}
