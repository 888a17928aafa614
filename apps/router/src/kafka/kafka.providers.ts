import { KafkaConnection, retryStartup, SubscriptionView } from '@hookstream/kafka';
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
    useFactory: async (env: RouterEnv) => {
      const connection = new KafkaConnection(env, 'hookstream-router');
      await retryStartup('topic provisioning', () => connection.provisionTopics());
      return connection;
    },
  },
  {
    provide: SUBSCRIPTION_VIEW,
    inject: [ROUTER_KAFKA, RouterMetrics],
    useFactory: async (connection: KafkaConnection, metrics: RouterMetrics) => {
      const view = new SubscriptionView({
        kafka: connection.kafka,
        topic: connection.topics.subscriptions,
        owner: 'router',
        onInvalidRecord: () => metrics.invalidSubscriptionRecords.inc(),
        onChange: (size) => metrics.subscriptions.set(size),
      });
      await retryStartup('subscription view', () => view.start());
      return view;
    },
  },
];
