import { ProblemException } from '@hookstream/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { appendToOutbox } from '../outbox/outbox.repository.js';
import { EgressGuard } from './egress-guard.service.js';
import { PublishChange } from './publish-change.js';
import { resolvePatch } from './resolve-settings.js';
import { type SubscriptionResponse, toSubscriptionResponse } from './subscription.response.js';
import type { PatchSubscriptionBody } from './subscription.schemas.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

/**
 * Applies a partial update under a row lock, bumps the version and publishes the new record
 * before answering: events the router reads after the 200 are matched and shaped with it.
 */
@Injectable()
export class UpdateSubscription {
  constructor(
    @Inject(SubscriptionsRepository) private readonly subscriptions: SubscriptionsRepository,
    @Inject(PublishChange) private readonly publish: PublishChange,
    @Inject(EgressGuard) private readonly egress: EgressGuard,
  ) {}

  execute(tenantId: string, id: string, patch: PatchSubscriptionBody): Promise<SubscriptionResponse> {
    if (patch.url !== undefined) this.egress.assertAllowedUrl(patch.url);
    return this.publish.run(async (client) => {
      const current = await this.subscriptions.findForUpdate(client, tenantId, id);
      if (!current) throw ProblemException.notFound(`No subscription ${id}.`);
      const resolved = resolvePatch(current, patch, new Date().toISOString());
      if (!resolved.ok) throw ProblemException.validation(resolved.errors);
      await this.subscriptions.update(client, resolved.stored);
      const outboxId = await appendToOutbox(
        client,
        'subscriptions',
        id,
        this.subscriptions.sealed(resolved.stored.record),
      );
      // A secret given in the patch is the caller's own; it is shown back, as on create.
      return { result: toSubscriptionResponse(resolved.stored, patch.secret !== undefined), outboxId };
    });
  }
}
