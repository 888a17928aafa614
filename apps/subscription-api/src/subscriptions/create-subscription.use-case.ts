import { newPrefixedId } from '@hookstream/events';
import type { SubscriptionRecord } from '@hookstream/kafka';
import { generateSecret } from '@hookstream/signatures';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '../database/database.module.js';
import { withTransaction } from '../database/transaction.js';
import { appendToOutbox } from '../outbox/outbox.repository.js';
import { OutboxRelay } from '../outbox/outbox-relay.service.js';
import { type SubscriptionResponse, toSubscriptionResponse } from './subscription.response.js';
import type { CreateSubscriptionBody } from './subscription.schemas.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

/**
 * Stores the subscription and its outbox record in one transaction, then waits (bounded) for
 * the relay to publish it, so events published after the 201 are matched against it.
 */
@Injectable()
export class CreateSubscription {
  private readonly logger = new Logger(CreateSubscription.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(SubscriptionsRepository) private readonly subscriptions: SubscriptionsRepository,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
  ) {}

  async execute(tenantId: string, body: CreateSubscriptionBody): Promise<SubscriptionResponse> {
    const now = new Date().toISOString();
    const record: SubscriptionRecord = {
      id: newPrefixedId('sub_'),
      tenantId,
      url: body.url,
      description: body.description,
      eventTypes: body.eventTypes,
      accountIds: body.accountIds,
      enabled: body.enabled,
      signatureScheme: body.signatureScheme,
      secrets: [{ value: body.secret ?? generateSecret(), createdAt: now, expiresAt: null }],
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    const outboxId = await withTransaction(this.pool, async (client) => {
      await this.subscriptions.insert(client, record);
      return appendToOutbox(client, 'subscriptions', record.id, record);
    });
    if (!(await this.relay.publishAndWait(outboxId))) {
      this.logger.warn({
        msg: 'subscription stored but not yet in Kafka; the relay will publish it',
        id: record.id,
      });
    }
    return toSubscriptionResponse(record, true);
  }
}
