import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { Validated } from '../http/validated.pipe.js';
import { ApiKeyGuard } from './api-key.guard.js';
import {
  ApiKeyIdParam,
  type ApiKeyPage,
  CreateApiKeyBody,
  type CreatedApiKeyResponse,
  ListApiKeysQuery,
} from './api-key.schemas.js';
import { ManageApiKeys } from './api-keys.use-cases.js';
import { CurrentTenant } from './current-tenant.decorator.js';

@Controller('v1/api-keys')
@UseGuards(ApiKeyGuard)
export class ApiKeysController {
  constructor(@Inject(ManageApiKeys) private readonly keys: ManageApiKeys) {}

  @Post()
  @HttpCode(201)
  create(
    @CurrentTenant() tenantId: string,
    @Body(new Validated(CreateApiKeyBody)) body: CreateApiKeyBody,
  ): Promise<CreatedApiKeyResponse> {
    return this.keys.create(tenantId, body);
  }

  @Get()
  list(
    @CurrentTenant() tenantId: string,
    @Query(new Validated(ListApiKeysQuery, 'query')) query: ListApiKeysQuery,
  ): Promise<ApiKeyPage> {
    return this.keys.list(tenantId, query);
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(
    @CurrentTenant() tenantId: string,
    @Param('id', new Validated(ApiKeyIdParam, 'id')) id: string,
  ): Promise<void> {
    await this.keys.revoke(tenantId, id);
  }
}
