import { KafkaConnection, type SubscriptionView } from '@hookstream/kafka';
import { createSigner } from '@hookstream/signatures';
import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { DeliverTask } from '../delivery/deliver-task.use-case.js';
import { Dispatcher } from '../delivery/dispatch.js';
import { WORKER_ENV, type WorkerEnv } from '../env.js';
import { WorkerMetrics } from '../worker.metrics.js';
import { DELIVER_TASK, SUBSCRIPTION_VIEW, WORKER_KAFKA } from './tokens.js';

/** How long a task for an unknown subscription waits for the view to catch up, in ms. */
const UNKNOWN_SUBSCRIPTION_WAIT_MS = 5_000;

export const workerProviders: Provider[] = [
  {
    provide: WORKER_KAFKA,
    inject: [WORKER_ENV],
    useFactory: (env: WorkerEnv) => KafkaConnection.open(env, 'hookstream-delivery-worker'),
  },
  {
    provide: SUBSCRIPTION_VIEW,
    inject: [WORKER_KAFKA, WorkerMetrics],
    useFactory: (connection: KafkaConnection, metrics: WorkerMetrics): Promise<SubscriptionView> =>
      connection.startSubscriptionView('delivery-worker', {
        onInvalidRecord: () => metrics.invalidSubscriptionRecords.inc(),
      }),
  },
  {
    provide: Dispatcher,
    inject: [WORKER_ENV],
    useFactory: (env: WorkerEnv) => new Dispatcher(Math.min(env.DELIVERY_TIMEOUT_MS, 10_000)),
  },
  {
    provide: DELIVER_TASK,
    inject: [WORKER_ENV, WORKER_KAFKA, SUBSCRIPTION_VIEW, Dispatcher],
    useFactory: (
      env: WorkerEnv,
      connection: KafkaConnection,
      view: SubscriptionView,
      dispatcher: Dispatcher,
    ) =>
      new DeliverTask({
        // A task can reach the worker before the subscription reaches its view (both come
        // from Kafka); wait for the view to catch up once before calling it gone.
        findSubscription: async (id) => {
          const known = view.get(id);
          if (known) return known;
          await view.waitUntilCaughtUp(UNKNOWN_SUBSCRIPTION_WAIT_MS);
          return view.get(id);
        },
        signer: createSigner(
          env.SIGNATURE_HEADER_PREFIX ? { headerPrefix: env.SIGNATURE_HEADER_PREFIX } : {},
        ),
        dispatcher,
        topics: connection.topics,
        policy: { maxAttempts: env.DELIVERY_MAX_ATTEMPTS },
        timeoutMs: env.DELIVERY_TIMEOUT_MS,
        userAgent: env.DELIVERY_USER_AGENT,
      }),
  },
];

/** Closes what the consumer used, after it has drained (shutdown hooks run last). */
@Injectable()
export class WorkerResources implements OnApplicationShutdown {
  constructor(
    @Inject(SUBSCRIPTION_VIEW) private readonly view: SubscriptionView,
    @Inject(Dispatcher) private readonly dispatcher: Dispatcher,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.view.stop();
    await this.dispatcher.close();
  }
}
