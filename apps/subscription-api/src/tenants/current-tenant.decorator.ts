import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './api-key.guard.js';

/** The tenant id ApiKeyGuard resolved for this request. */
export const CurrentTenant = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const tenantId = context.switchToHttp().getRequest<AuthenticatedRequest>().tenantId;
  if (!tenantId) throw new Error('CurrentTenant used on a route without ApiKeyGuard');
  return tenantId;
});
