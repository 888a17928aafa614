import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { Validated } from '../http/validated.pipe.js';
import { ApiKeyGuard } from '../tenants/api-key.guard.js';
import { CurrentTenant } from '../tenants/current-tenant.decorator.js';
import { CreateSubscription } from './create-subscription.use-case.js';
import { ReadSubscriptions, type SubscriptionPage } from './read-subscriptions.use-case.js';
import type { SubscriptionResponse } from './subscription.response.js';
import {
  CreateSubscriptionBody,
  ListSubscriptionsQuery,
  SubscriptionIdParam,
} from './subscription.schemas.js';

@Controller('v1/subscriptions')
@UseGuards(ApiKeyGuard)
export class SubscriptionsController {
  constructor(
    @Inject(CreateSubscription) private readonly createSubscription: CreateSubscription,
    @Inject(ReadSubscriptions) private readonly readSubscriptions: ReadSubscriptions,
  ) {}

  @Post()
  @HttpCode(201)
  create(
    @CurrentTenant() tenantId: string,
    @Body(new Validated(CreateSubscriptionBody)) body: CreateSubscriptionBody,
  ): Promise<SubscriptionResponse> {
    return this.createSubscription.execute(tenantId, body);
  }

  @Get()
  list(
    @CurrentTenant() tenantId: string,
    @Query(new Validated(ListSubscriptionsQuery, 'query')) query: ListSubscriptionsQuery,
  ): Promise<SubscriptionPage> {
    return this.readSubscriptions.list(tenantId, query);
  }

  @Get(':id')
  get(
    @CurrentTenant() tenantId: string,
    @Param('id', new Validated(SubscriptionIdParam, 'id')) id: string,
  ): Promise<SubscriptionResponse> {
    return this.readSubscriptions.get(tenantId, id);
  }
}
