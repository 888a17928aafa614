import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { Validated } from '../http/validated.pipe.js';
import { ApiKeyGuard } from '../tenants/api-key.guard.js';
import { CurrentTenant } from '../tenants/current-tenant.decorator.js';
import { CreateSubscription } from './create-subscription.use-case.js';
import { DeleteSubscription } from './delete-subscription.use-case.js';
import { ReadSubscriptions, type SubscriptionPage } from './read-subscriptions.use-case.js';
import type { SubscriptionResponse } from './subscription.response.js';
import {
  CreateSubscriptionBody,
  ListSubscriptionsQuery,
  PatchSubscriptionBody,
  SubscriptionIdParam,
} from './subscription.schemas.js';
import { UpdateSubscription } from './update-subscription.use-case.js';

@Controller('v1/subscriptions')
@UseGuards(ApiKeyGuard)
export class SubscriptionsController {
  constructor(
    @Inject(CreateSubscription) private readonly createSubscription: CreateSubscription,
    @Inject(ReadSubscriptions) private readonly readSubscriptions: ReadSubscriptions,
    @Inject(UpdateSubscription) private readonly updateSubscription: UpdateSubscription,
    @Inject(DeleteSubscription) private readonly deleteSubscription: DeleteSubscription,
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

  @Patch(':id')
  update(
    @CurrentTenant() tenantId: string,
    @Param('id', new Validated(SubscriptionIdParam, 'id')) id: string,
    @Body(new Validated(PatchSubscriptionBody)) body: PatchSubscriptionBody,
  ): Promise<SubscriptionResponse> {
    return this.updateSubscription.execute(tenantId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(
    @CurrentTenant() tenantId: string,
    @Param('id', new Validated(SubscriptionIdParam, 'id')) id: string,
  ): Promise<void> {
    await this.deleteSubscription.execute(tenantId, id);
  }
}
