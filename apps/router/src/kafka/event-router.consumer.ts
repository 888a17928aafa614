import {
  GroupConsumer,
  HEADERS,
  KafkaConnection,
  retryStartup,
  type SubscriptionView,
} from '@hookstream/kafka';
import { Readiness } from '@hookstream/service-kit';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { EachBatchPayload, Message, Producer } from 'kafkajs';
import { ROUTER_ENV, type RouterEnv } from '../env.js';
import { RouterMetrics } from '../router.metrics.js';
import { chunkByBytes } from '../routing/chunk-by-bytes.js';
import { routeEvent } from '../routing/route-event.js';
import { ROUTER_KAFKA, SUBSCRIPTION_VIEW } from './tokens.js';

/**
 * Most bytes one produce request of a batch's output carries. Under the broker's default
 * 1 MiB request/batch limits, with room for protocol overhead; a single larger record (an
 * event near 1 MiB with our headers) goes alone into topics that allow 2 MiB records.
 */
const PRODUCE_BUDGET_BYTES = 512 * 1024;

/**
 * Thin Kafka handler: each batch of the events topic is routed by `routeEvent` and its outputs
 * (delivery tasks and quarantined records) are written in ONE Kafka transaction together with
 * the batch's consumer offset. Either all of it becomes visible or none does, so fan-out is
 * exactly once for read_committed readers, and nothing is lost if the process dies mid-batch.
 */
@Injectable()
export class EventRouterConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EventRouterConsumer.name);
  private readonly group: GroupConsumer;
  private readonly producer: Producer;
  private readonly groupId: string;

  constructor(
    @Inject(ROUTER_ENV) private readonly env: RouterEnv,
    @Inject(ROUTER_KAFKA) private readonly connection: KafkaConnection,
    @Inject(SUBSCRIPTION_VIEW) private readonly view: SubscriptionView,
    @Inject(RouterMetrics) private readonly metrics: RouterMetrics,
    @Inject(Readiness) readiness: Readiness,
  ) {
    this.groupId = env.ROUTER_GROUP_ID ?? `${env.HOOKSTREAM_TOPIC_PREFIX}router`;
    this.group = new GroupConsumer(connection.kafka, {
      groupId: this.groupId,
      sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
      log: this.logger,
    });
    this.producer = connection.kafka.producer({
      transactionalId: env.ROUTER_TRANSACTIONAL_ID,
      transactionTimeout: env.ROUTER_TRANSACTION_TIMEOUT_MS,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    readiness.register('subscriptionView', () => this.view.ready);
    readiness.register('consumerGroup', () => this.group.isJoined);
  }

  async onApplicationBootstrap(): Promise<void> {
    const onRetry = (what: string, error: Error) =>
      this.logger.warn({ msg: `${what} failed; retrying`, error: error.message });
    await retryStartup('producer connect', () => this.producer.connect(), { onRetry });
    await this.group.start([this.connection.topics.events], {
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.routeBatch(payload),
    });
  }

  /** Lets the batch in hand finish (its transaction commits), then leaves the group. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.group.consumer.disconnect();
    await this.producer.disconnect();
  }

  private async routeBatch({ batch, resolveOffset, heartbeat, isStale }: EachBatchPayload): Promise<void> {
    if (batch.isEmpty() || isStale()) return;
    const stopTimer = this.metrics.batchDuration.startTimer();
    if (!(await this.view.waitUntilCaughtUp(this.env.ROUTER_VIEW_CATCH_UP_TIMEOUT_MS))) {
      throw new Error('subscription view is behind; retrying the batch');
    }
    const deliveries: Message[] = [];
    const quarantined: Message[] = [];
    let unmatched = 0;
    const now = new Date();
    for (const message of batch.messages) {
      const decision = routeEvent(message.value, (tenantId) => this.view.forTenant(tenantId), now);
      if (decision.kind === 'quarantine') {
        quarantined.push({
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            [HEADERS.quarantineCode]: decision.code,
            [HEADERS.quarantineReason]: decision.reason,
            [HEADERS.sourceTopic]: batch.topic,
            [HEADERS.sourcePartition]: String(batch.partition),
            [HEADERS.sourceOffset]: message.offset,
          },
        });
        this.metrics.eventsQuarantined.inc({ code: decision.code });
        continue;
      }
      if (decision.tasks.length === 0) unmatched += 1;
      for (const task of decision.tasks) {
        deliveries.push({ key: message.key ?? task.subscriptionId, value: JSON.stringify(task) });
      }
    }
    const lastOffset = batch.lastOffset();
    const transaction = await this.producer.transaction();
    try {
      // Several bounded sends in one transaction: a batch's fan-out can be far larger than
      // one produce request may be, and all of it still commits or aborts together.
      for (const [topic, messages] of [
        [this.connection.topics.deliveries, deliveries],
        [this.connection.topics.quarantine, quarantined],
      ] as const) {
        for (const chunk of chunkByBytes(messages, PRODUCE_BUDGET_BYTES)) {
          await transaction.send({ topic, messages: chunk });
        }
      }
      await transaction.sendOffsets({
        consumerGroupId: this.groupId,
        topics: [
          {
            topic: batch.topic,
            partitions: [{ partition: batch.partition, offset: (BigInt(lastOffset) + 1n).toString() }],
          },
        ],
      });
      await transaction.commit();
    } catch (error) {
      this.metrics.batchFailures.inc();
      await transaction.abort().catch(() => {});
      throw error;
    }
    resolveOffset(lastOffset);
    await heartbeat();
    this.metrics.eventsConsumed.inc(batch.messages.length);
    this.metrics.eventsUnmatched.inc(unmatched);
    this.metrics.deliveriesProduced.inc(deliveries.length);
    stopTimer();
  }
}
