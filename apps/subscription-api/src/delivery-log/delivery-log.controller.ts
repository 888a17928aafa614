import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { Validated } from '../http/validated.pipe.js';
import { SubscriptionIdParam } from '../subscriptions/subscription.schemas.js';
import { ApiKeyGuard } from '../tenants/api-key.guard.js';
import { CurrentTenant } from '../tenants/current-tenant.decorator.js';
import type { AttemptView } from './attempt-log.repository.js';
import type { DeadLetterView } from './dead-letters.repository.js';
import {
  ListAttemptsQuery,
  ListDeadLettersQuery,
  RedriveBody,
  WebhookIdParam,
} from './delivery-log.schemas.js';
import { type Page, ReadDeliveryLog } from './read-delivery-log.use-case.js';
import { RedriveDeadLetters } from './redrive-dead-letters.use-case.js';

/** What happened to a tenant's webhooks: attempts, dead letters, redrive. */
@Controller('v1')
@UseGuards(ApiKeyGuard)
export class DeliveryLogController {
  constructor(
    @Inject(ReadDeliveryLog) private readonly read: ReadDeliveryLog,
    @Inject(RedriveDeadLetters) private readonly redriveLetters: RedriveDeadLetters,
  ) {}

  @Get('subscriptions/:id/attempts')
  attempts(
    @CurrentTenant() tenantId: string,
    @Param('id', new Validated(SubscriptionIdParam, 'id')) id: string,
    @Query(new Validated(ListAttemptsQuery, 'query')) query: ListAttemptsQuery,
  ): Promise<Page<AttemptView>> {
    return this.read.attempts(tenantId, id, query);
  }

  @Get('messages/:webhookId/attempts')
  messageAttempts(
    @CurrentTenant() tenantId: string,
    @Param('webhookId', new Validated(WebhookIdParam, 'webhookId')) webhookId: string,
  ): Promise<{ data: AttemptView[] }> {
    return this.read.messageAttempts(tenantId, webhookId);
  }

  @Get('subscriptions/:id/dead-letters')
  deadLetters(
    @CurrentTenant() tenantId: string,
    @Param('id', new Validated(SubscriptionIdParam, 'id')) id: string,
    @Query(new Validated(ListDeadLettersQuery, 'query')) query: ListDeadLettersQuery,
  ): Promise<Page<DeadLetterView>> {
    return this.read.deadLetters(tenantId, id, query);
  }

  @Post('subscriptions/:id/dead-letters/redrive')
  @HttpCode(202)
  redrive(
    @CurrentTenant() tenantId: string,
    @Param('id', new Validated(SubscriptionIdParam, 'id')) id: string,
    @Body(new Validated(RedriveBody)) body: RedriveBody,
  ): Promise<{ redriven: number }> {
    return this.redriveLetters.execute(tenantId, id, body);
  }
}
