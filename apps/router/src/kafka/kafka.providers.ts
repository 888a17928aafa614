import { KafkaConnection, type SubscriptionView } from '@hookstream/kafka';
import type { Provider } from '@nestjs/common';
import { ROUTER_ENV, type RouterEnv } from '../env.js';
import { RouterMetrics } from '../router.metrics.js';
import { ROUTER_KAFKA, SUBSCRIPTION_VIEW } from './tokens.js';

/**
 * The connection provisions topics and the view has caught up before any consumer starts:
 * Nest awaits async factories before it bootstraps the app.
 */
export const kafkaProviders: Provider[] = [
  {
    provide: ROUTER_KAFKA,
    inject: [ROUTER_ENV],
    useFactory: (env: RouterEnv) => KafkaConnection.open(env, 'hookstream-router'),
  },
  {
    provide: SUBSCRIPTION_VIEW,
    inject: [ROUTER_KAFKA, RouterMetrics],
    useFactory: (connection: KafkaConnection, metrics: RouterMetrics): Promise<SubscriptionView> =>
      connection.startSubscriptionView('router', {
        onInvalidRecord: () => metrics.invalidSubscriptionRecords.inc(),
        onChange: (size) => metrics.subscriptions.set(size),
      }),
  },
];
