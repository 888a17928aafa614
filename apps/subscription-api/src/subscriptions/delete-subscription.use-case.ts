import { ProblemException } from '@hookstream/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { appendToOutbox } from '../outbox/outbox.repository.js';
import { PublishChange } from './publish-change.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

/**
 * Deletes the row and publishes a tombstone for its key before answering 204, so the router
 * matches no event to it from then on and the compacted topic eventually forgets its secrets.
 */
@Injectable()
export class DeleteSubscription {
  constructor(
    @Inject(SubscriptionsRepository) private readonly subscriptions: SubscriptionsRepository,
    @Inject(PublishChange) private readonly publish: PublishChange,
  ) {}

  execute(tenantId: string, id: string): Promise<void> {
    return this.publish.run(async (client) => {
      if (!(await this.subscriptions.delete(client, tenantId, id)))
        throw ProblemException.notFound(`No subscription ${id}.`);
      return { result: undefined, outboxId: await appendToOutbox(client, 'subscriptions', id, null) };
    });
  }
}
