import { ProblemException } from '@hookstream/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '../database/database.module.js';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository.js';
import {
  type AttemptView,
  hasAttemptsFor,
  listMessageAttempts,
  listSubscriptionAttempts,
} from './attempt-log.repository.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { type DeadLetterView, hasDeadLettersFor, listDeadLetters } from './dead-letters.repository.js';
import type { ListAttemptsQuery, ListDeadLettersQuery } from './delivery-log.schemas.js';

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

function page<T extends { id: string }>(items: T[], more: boolean, timeOf: (item: T) => string): Page<T> {
  const last = items.at(-1);
  return { data: items, nextCursor: more && last ? encodeCursor({ at: timeOf(last), id: last.id }) : null };
}

/**
 * The attempt log and dead letters, read per tenant. A subscription's log stays readable after
 * the subscription is deleted (it is how a tenant finds out what happened); another tenant's
 * ids, and ids nobody has, are a 404.
 */
@Injectable()
export class ReadDeliveryLog {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(SubscriptionsRepository) private readonly subscriptions: SubscriptionsRepository,
  ) {}

  async attempts(
    tenantId: string,
    subscriptionId: string,
    query: ListAttemptsQuery,
  ): Promise<Page<AttemptView>> {
    await this.knownSubscription(tenantId, subscriptionId, () =>
      hasAttemptsFor(this.pool, tenantId, subscriptionId),
    );
    const { items, more } = await listSubscriptionAttempts(this.pool, tenantId, subscriptionId, {
      ...query,
      after: query.cursor === undefined ? undefined : (decodeCursor(query.cursor) ?? undefined),
    });
    return page(items, more, (item) => item.startedAt);
  }

  async messageAttempts(tenantId: string, messageId: string): Promise<{ data: AttemptView[] }> {
    const data = await listMessageAttempts(this.pool, tenantId, messageId);
    if (data.length === 0) throw ProblemException.notFound(`No attempts of message ${messageId}.`);
    return { data };
  }

  async deadLetters(
    tenantId: string,
    subscriptionId: string,
    query: ListDeadLettersQuery,
  ): Promise<Page<DeadLetterView>> {
    await this.knownSubscription(tenantId, subscriptionId, () =>
      hasDeadLettersFor(this.pool, tenantId, subscriptionId),
    );
    const { items, more } = await listDeadLetters(this.pool, tenantId, subscriptionId, {
      ...query,
      after: query.cursor === undefined ? undefined : (decodeCursor(query.cursor) ?? undefined),
    });
    return page(items, more, (item) => item.deadLetteredAt);
  }

  private async knownSubscription(
    tenantId: string,
    subscriptionId: string,
    hasLog: () => Promise<boolean>,
  ): Promise<void> {
    if (await this.subscriptions.findById(tenantId, subscriptionId)) return;
    if (await hasLog()) return;
    throw ProblemException.notFound(`No subscription ${subscriptionId}.`);
  }
}
