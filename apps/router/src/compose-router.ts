import { GroupConsumer, KafkaConnection, KafkaLagExporter, withoutSecrets } from '@hookstream/kafka';
import type { Liveness, Readiness } from '@hookstream/service-kit';
import type { Registry } from 'prom-client';
import { type RouterEnv, routerGroupId, routerTransactionalId } from './env.js';
import { ConditionStore } from './kafka/condition-store.js';
import { routeBatchHandler } from './kafka/route-batch.js';
import { TransactionalWriter } from './kafka/transactional-writer.js';
import { RouterMetrics } from './router.metrics.js';
import { MatchIndex } from './routing/match-index.js';
import { registerSubscriptionsByTenant } from './subscriptions-by-tenant.metric.js';

export interface RouterHost {
  registry: Registry;
  readiness: Readiness;
  liveness: Liveness;
  log: { log: (entry: object) => void; warn: (entry: object) => void; error: (entry: object) => void };
  /** The router cannot go on (its consumer stopped for good): drain and exit non-zero. */
  onFatal: (error: Error) => void;
}

export interface RunningRouter {
  /** Lets the batch in hand finish (its transaction commits), leaves the group, closes all. */
  stop(): Promise<void>;
}

/**
 * The whole router, in start order: topics exist → the subscription view has caught up → the
 * transactional producer is initialised (fencing a crashed predecessor with the same id) →
 * the consumer joins the group and routes batches. `stop` drains in the reverse order.
 */
export async function startRouter(env: RouterEnv, host: RouterHost): Promise<RunningRouter> {
  const metrics = new RouterMetrics(host.registry);
  const connection = await KafkaConnection.open(env, 'hookstream-router');
  const view = await connection.startSubscriptionView('router', {
    // The router matches and shapes; it never signs, so it holds no secret parts at all.
    project: withoutSecrets,
    onInvalidRecord: () => metrics.invalidSubscriptionRecords.inc(),
    onChange: (size) => metrics.subscriptions.set(size),
  });
  const matcher = new MatchIndex(view);
  const store = new ConditionStore({
    kafka: connection.kafka,
    topic: connection.topics.routerState,
    restoreTimeoutMs: env.ROUTER_STATE_RESTORE_TIMEOUT_MS,
    log: host.log,
  });
  registerSubscriptionsByTenant(host.registry, () => view.countsByTenant(), env.METRICS_TENANT_LIMIT);
  const transactionalId = routerTransactionalId(env);
  const writer = new TransactionalWriter({
    kafka: connection.kafka,
    transactionalId,
    transactionTimeoutMs: env.ROUTER_TRANSACTION_TIMEOUT_MS,
    recoveryLimit: env.ROUTER_PRODUCER_RECOVERY_LIMIT,
    log: host.log,
    onRecovery: () => metrics.producerRecoveries.inc(),
  });
  await writer.start();
  const groupId = routerGroupId(env);
  const group = new GroupConsumer(connection.kafka, {
    groupId,
    sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
    log: host.log,
    onFatalCrash: host.onFatal,
    // Another router may have owned a partition since we last did: restore before routing it.
    onAssignment: () => store.reset(),
  });
  host.readiness.register('subscriptionView', () => view.ready);
  host.readiness.register('consumerGroup', () => group.isJoined);
  host.liveness.register('consumerGroup', () => group.isAlive);
  host.liveness.register('transactionalProducer', () => writer.isUsable);
  await group.start([connection.topics.events], {
    autoCommit: false,
    eachBatchAutoResolve: false,
    // Every events partition's batch of a fetch at once, so they share one transaction
    // (kafka/group-commit.ts). A router owns at most all of the events partitions.
    partitionsConsumedConcurrently: env.HOOKSTREAM_EVENTS_PARTITIONS,
    eachBatch: routeBatchHandler({
      groupId,
      topics: connection.topics,
      view,
      matcher,
      store,
      writer,
      metrics,
      viewCatchUpTimeoutMs: env.ROUTER_VIEW_CATCH_UP_TIMEOUT_MS,
    }),
  });
  // The router group's lag on the events topic, and how many events are in quarantine.
  const lag = new KafkaLagExporter({
    kafka: connection.kafka,
    registry: host.registry,
    groups: [{ groupId, topics: [connection.topics.events] }],
    countedTopics: [connection.topics.quarantine],
    intervalMs: env.KAFKA_LAG_INTERVAL_MS,
    onError: (error) =>
      host.log.warn({ msg: 'reading Kafka offsets for the lag metrics failed', error: String(error) }),
  });
  await lag.start();
  host.log.log({ msg: 'routing', groupId, transactionalId });
  return {
    async stop() {
      await lag.stop();
      await group.consumer.disconnect();
      await writer.stop();
      await view.stop();
    },
  };
}
