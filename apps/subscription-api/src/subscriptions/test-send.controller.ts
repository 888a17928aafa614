import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { Validated } from '../http/validated.pipe.js';
import { ApiKeyGuard } from '../tenants/api-key.guard.js';
import { CurrentTenant } from '../tenants/current-tenant.decorator.js';
import { SendTest } from './send-test.use-case.js';
import { SubscriptionIdParam } from './subscription.schemas.js';
import { TestSendBody, type TestSendResult } from './test-send.schemas.js';

@Controller('v1/subscriptions/:id/test')
@UseGuards(ApiKeyGuard)
export class TestSendController {
  constructor(@Inject(SendTest) private readonly sendTest: SendTest) {}

  @Post()
  @HttpCode(200)
  send(
    @CurrentTenant() tenantId: string,
    @Param('id', new Validated(SubscriptionIdParam, 'id')) id: string,
    // No body is the same as {}.
    @Body(new Validated(TestSendBody.optional().transform((body) => body ?? {}))) body: TestSendBody,
  ): Promise<TestSendResult> {
    return this.sendTest.execute(tenantId, id, body);
  }
}
