import { newPrefixedId } from '@hookstream/events';
import { ProblemException, problemType } from '@hookstream/service-kit';
import { generateSecret } from '@hookstream/signatures';
import { Inject, Injectable } from '@nestjs/common';
import { API_ENV, type ApiEnv } from '../env.js';
import { appendToOutbox } from '../outbox/outbox.repository.js';
import { EgressGuard } from './egress-guard.service.js';
import { PublishChange } from './publish-change.js';
import { resolveCreate } from './resolve-settings.js';
import { type SubscriptionResponse, toSubscriptionResponse } from './subscription.response.js';
import type { CreateSubscriptionBody } from './subscription.schemas.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

/**
 * Stores the subscription and its outbox record in one transaction, then waits (bounded) for
 * the relay to publish it, so events published after the 201 are matched against it.
 */
@Injectable()
export class CreateSubscription {
  constructor(
    @Inject(SubscriptionsRepository) private readonly subscriptions: SubscriptionsRepository,
    @Inject(PublishChange) private readonly publish: PublishChange,
    @Inject(API_ENV) private readonly env: ApiEnv,
    @Inject(EgressGuard) private readonly egress: EgressGuard,
  ) {}

  async execute(tenantId: string, body: CreateSubscriptionBody): Promise<SubscriptionResponse> {
    this.egress.assertAllowedUrl(body.url);
    const resolved = resolveCreate(
      newPrefixedId('sub_'),
      tenantId,
      body,
      body.secret ?? generateSecret(),
      new Date().toISOString(),
    );
    if (!resolved.ok) throw ProblemException.validation(resolved.errors);
    const { stored } = resolved;
    await this.publish.run(async (client) => {
      // One create at a time per tenant, so the count below cannot be raced past the limit.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`subscriptions:${tenantId}`]);
      const count = await this.subscriptions.countForTenant(client, tenantId);
      if (count >= this.env.MAX_SUBSCRIPTIONS_PER_TENANT) {
        throw new ProblemException({
          type: problemType('subscription-limit'),
          title: 'Too many subscriptions',
          status: 409,
          detail: `A tenant may have at most ${this.env.MAX_SUBSCRIPTIONS_PER_TENANT} subscriptions; delete one first.`,
        });
      }
      await this.subscriptions.insert(client, stored);
      return {
        result: undefined,
        outboxId: await appendToOutbox(
          client,
          'subscriptions',
          stored.record.id,
          this.subscriptions.sealed(stored.record),
        ),
      };
    });
    return toSubscriptionResponse(stored, true);
  }
}
