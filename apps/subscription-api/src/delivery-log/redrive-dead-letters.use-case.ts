import type { DeliveryTask } from '@hookstream/kafka';
import { ProblemException, problemType } from '@hookstream/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '../database/database.module.js';
import { withTransaction } from '../database/transaction.js';
import { ApiKafka } from '../kafka/kafka.module.js';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository.js';
import { hasDeadLettersFor, lockForRedrive, markRedriven } from './dead-letters.repository.js';
import { MAX_REDRIVE, type RedriveBody } from './delivery-log.schemas.js';

/** The task a dead letter becomes again: same webhook-id, a fresh attempt count, due now. */
export function redrivenTask(task: DeliveryTask): DeliveryTask {
  return { ...task, attempt: 1, notBefore: null };
}

/**
 * Sends dead letters back to the deliveries topic. The letters are locked, produced (acks=all)
 * and marked redriven in one Postgres transaction: a concurrent redrive skips locked letters,
 * and a redriven letter is not sent again unless `force` is given. A crash after the produce
 * and before the commit can send a letter twice (at least once); it keeps its webhook-id, so
 * the receiver deduplicates it.
 */
@Injectable()
export class RedriveDeadLetters {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(SubscriptionsRepository) private readonly subscriptions: SubscriptionsRepository,
    @Inject(ApiKafka) private readonly kafka: ApiKafka,
  ) {}

  async execute(tenantId: string, subscriptionId: string, body: RedriveBody): Promise<{ redriven: number }> {
    const subscription = await this.subscriptions.findById(tenantId, subscriptionId);
    if (!subscription) {
      if (await hasDeadLettersFor(this.pool, tenantId, subscriptionId)) {
        throw conflict(
          'subscription-deleted',
          `Subscription ${subscriptionId} was deleted; its dead letters can be listed but not redriven (nothing would deliver them).`,
        );
      }
      throw ProblemException.notFound(`No subscription ${subscriptionId}.`);
    }
    if (!subscription.record.enabled) {
      throw conflict(
        'subscription-disabled',
        `Subscription ${subscriptionId} is disabled${subscription.disabledReason ? ` (${subscription.disabledReason})` : ''}; enable it (PATCH {"enabled": true}) before redriving, or the letters would be dead-lettered again.`,
      );
    }
    const redriven = await withTransaction(this.pool, async (client) => {
      const letters = await lockForRedrive(client, tenantId, subscriptionId, {
        ids: body.ids,
        since: body.since,
        until: body.until,
        force: body.force,
        limit: MAX_REDRIVE,
      });
      if (letters.length === 0) return 0;
      await this.kafka.producer.send({
        topic: this.kafka.connection.topics.deliveries,
        acks: -1,
        messages: letters.map((letter) => ({
          key: letter.key ?? letter.task.subscriptionId,
          value: JSON.stringify(redrivenTask(letter.task)),
        })),
      });
      await markRedriven(
        client,
        letters.map((letter) => letter.id),
      );
      return letters.length;
    });
    return { redriven };
  }
}

function conflict(slug: string, detail: string): ProblemException {
  return new ProblemException({
    type: problemType(slug),
    title: 'The subscription cannot take redriven deliveries',
    status: 409,
    detail,
  });
}
