import { buildEnvelope } from '@hookstream/kafka';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '../database/database.module.js';
import { withTransaction } from '../database/transaction.js';
import { appendToOutbox } from '../outbox/outbox.repository.js';
import { OutboxRelay } from '../outbox/outbox-relay.service.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

export type DisableCause = 'gone' | 'failing';

/**
 * The platform disables a subscription (410 Gone, or failing for too long) through the same
 * path as a tenant's PATCH: the row, its subscriptions-topic record and the operational event
 * `subscription.disabled` (to the tenant's events topic) in one Postgres transaction, published
 * by the outbox relay. A subscription already disabled is left alone and no event is sent, so a
 * re-read attempt batch disables and announces at most once.
 */
@Injectable()
export class DisableSubscription {
  private readonly logger = new Logger(DisableSubscription.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(SubscriptionsRepository) private readonly subscriptions: SubscriptionsRepository,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
  ) {}

  /** true when this call disabled it. */
  async execute(
    tenantId: string,
    subscriptionId: string,
    cause: DisableCause,
    detail: string,
  ): Promise<boolean> {
    const outboxId = await withTransaction(this.pool, async (client) => {
      const current = await this.subscriptions.findForUpdate(client, tenantId, subscriptionId);
      if (!current || !current.record.enabled) return null;
      const now = new Date();
      const record = {
        ...current.record,
        enabled: false,
        version: current.record.version + 1,
        updatedAt: now.toISOString(),
      };
      await this.subscriptions.update(client, { ...current, record, disabledReason: detail });
      await appendToOutbox(client, 'subscriptions', subscriptionId, this.subscriptions.sealed(record));
      const event = buildEnvelope({
        type: 'subscription.disabled',
        tenantId,
        data: { subscriptionId, url: record.url, reason: cause, detail, disabledAt: now.toISOString() },
      });
      return appendToOutbox(client, 'events', subscriptionId, event);
    });
    if (outboxId === null) return false;
    this.logger.warn({
      msg: 'subscription disabled by the platform',
      tenantId,
      subscriptionId,
      cause,
      detail,
    });
    await this.relay.publishAndWait(outboxId);
    return true;
  }
}
