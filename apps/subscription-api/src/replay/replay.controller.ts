import { Body, Controller, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { Validated } from '../http/validated.pipe.js';
import { SubscriptionIdParam } from '../subscriptions/subscription.schemas.js';
import { ApiKeyGuard } from '../tenants/api-key.guard.js';
import { CurrentTenant } from '../tenants/current-tenant.decorator.js';
import { ReplayBody, ReplayIdParam } from './replay.schemas.js';
import type { ReplayView } from './replays.repository.js';
import { StartReplay } from './start-replay.use-case.js';

@Controller('v1')
@UseGuards(ApiKeyGuard)
export class ReplayController {
  constructor(@Inject(StartReplay) private readonly replays: StartReplay) {}

  @Post('subscriptions/:id/replay')
  @HttpCode(202)
  start(
    @CurrentTenant() tenantId: string,
    @Param('id', new Validated(SubscriptionIdParam, 'id')) id: string,
    @Body(new Validated(ReplayBody)) body: ReplayBody,
  ): Promise<{ id: string }> {
    return this.replays.execute(tenantId, id, body);
  }

  @Get('replays/:id')
  get(
    @CurrentTenant() tenantId: string,
    @Param('id', new Validated(ReplayIdParam, 'id')) id: string,
  ): Promise<ReplayView> {
    return this.replays.get(tenantId, id);
  }
}
