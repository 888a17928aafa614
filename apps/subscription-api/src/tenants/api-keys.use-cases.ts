import { newPrefixedId } from '@hookstream/events';
import { ProblemException } from '@hookstream/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { generateApiKey } from './api-key.js';
import type {
  ApiKeyPage,
  CreateApiKeyBody,
  CreatedApiKeyResponse,
  ListApiKeysQuery,
} from './api-key.schemas.js';
import { ApiKeysRepository } from './api-keys.repository.js';

/** Creating, listing and revoking a tenant's keys; tenants themselves are made with the admin CLI. */
@Injectable()
export class ManageApiKeys {
  constructor(@Inject(ApiKeysRepository) private readonly keys: ApiKeysRepository) {}

  /** The key is in this answer only; Postgres keeps its SHA-256 and the last characters. */
  async create(tenantId: string, body: CreateApiKeyBody): Promise<CreatedApiKeyResponse> {
    const id = newPrefixedId('key_');
    const { key, hash, displayHint } = generateApiKey();
    const createdAt = await this.keys.insert({
      id,
      tenantId,
      hash,
      displayHint,
      name: body.name,
      scopes: body.scopes,
    });
    return { id, key, name: body.name, scopes: body.scopes, createdAt: createdAt.toISOString() };
  }

  async list(tenantId: string, query: ListApiKeysQuery): Promise<ApiKeyPage> {
    const { items, more } = await this.keys.list(tenantId, query.limit, query.cursor);
    return { data: items, nextCursor: more ? (items.at(-1)?.id ?? null) : null };
  }

  /** From the 204 on, the key is refused with a 401 (the guard looks keys up on every request). */
  async revoke(tenantId: string, id: string): Promise<void> {
    if (!(await this.keys.revoke(tenantId, id))) throw ProblemException.notFound(`No API key ${id}.`);
  }
}
