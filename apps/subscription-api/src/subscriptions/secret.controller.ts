import { Body, Controller, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { Validated } from '../http/validated.pipe.js';
import { ApiKeyGuard } from '../tenants/api-key.guard.js';
import { CurrentTenant } from '../tenants/current-tenant.decorator.js';
import { type RevealedSecret, type RotatedSecret, RotateSecretBody } from './secret.schemas.js';
import { RevealSecret, RotateSecret } from './secret.use-cases.js';
import { SubscriptionIdParam } from './subscription.schemas.js';

@Controller('v1/subscriptions/:id/secret')
@UseGuards(ApiKeyGuard)
export class SecretController {
  constructor(
    @Inject(RotateSecret) private readonly rotateSecret: RotateSecret,
    @Inject(RevealSecret) private readonly revealSecret: RevealSecret,
  ) {}

  @Post('rotate')
  @HttpCode(200)
  rotate(
    @CurrentTenant() tenantId: string,
    @Param('id', new Validated(SubscriptionIdParam, 'id')) id: string,
    // No body at all is the same as {}: rotate with a generated secret and the default overlap.
    @Body(new Validated(RotateSecretBody.optional().transform((body) => body ?? RotateSecretBody.parse({}))))
    body: RotateSecretBody,
  ): Promise<RotatedSecret> {
    return this.rotateSecret.execute(tenantId, id, body);
  }

  @Get()
  reveal(
    @CurrentTenant() tenantId: string,
    @Param('id', new Validated(SubscriptionIdParam, 'id')) id: string,
  ): Promise<RevealedSecret> {
    return this.revealSecret.execute(tenantId, id);
  }
}
