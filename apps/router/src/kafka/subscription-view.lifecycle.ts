import type { SubscriptionView } from '@hookstream/kafka';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { SUBSCRIPTION_VIEW } from './tokens.js';

/** Stops the view's consumer after the router consumer has drained (shutdown runs later). */
@Injectable()
export class SubscriptionViewLifecycle implements OnApplicationShutdown {
  constructor(@Inject(SUBSCRIPTION_VIEW) private readonly view: SubscriptionView) {}

  async onApplicationShutdown(): Promise<void> {
    await this.view.stop();
  }
}
