import { ProblemException } from '@hookstream/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { type SubscriptionResponse, toSubscriptionResponse } from './subscription.response.js';
import type { ListSubscriptionsQuery } from './subscription.schemas.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

export interface SubscriptionPage {
  data: SubscriptionResponse[];
  /** Pass as ?cursor= for the next page; null on the last page. */
  nextCursor: string | null;
}

@Injectable()
export class ReadSubscriptions {
  constructor(@Inject(SubscriptionsRepository) private readonly subscriptions: SubscriptionsRepository) {}

  async list(tenantId: string, query: ListSubscriptionsQuery): Promise<SubscriptionPage> {
    const { items, more } = await this.subscriptions.list(tenantId, query.limit, query.cursor);
    return {
      data: items.map((stored) => toSubscriptionResponse(stored)),
      nextCursor: more ? (items.at(-1)?.record.id ?? null) : null,
    };
  }

  /** Another tenant's subscription is a 404, never a 403: ids of others are not confirmed. */
  async get(tenantId: string, id: string): Promise<SubscriptionResponse> {
    const record = await this.subscriptions.findById(tenantId, id);
    if (!record) throw ProblemException.notFound(`No subscription ${id}.`);
    return toSubscriptionResponse(record);
  }
}
