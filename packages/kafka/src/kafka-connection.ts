import type { Kafka } from 'kafkajs';
import { createKafkaClient } from './client.js';
import { type KafkaEnv, partitionCounts } from './config.js';
import { ensureTopics } from './provision.js';
import { retryStartup } from './retry-startup.js';
import { kafkaClientSecurity } from './security/client-security.js';
import { SubscriptionView, type SubscriptionViewOptions } from './subscription-view.js';
import { allTopicSpecs, resolveTopics, type TopicNames } from './topics.js';

/**
 * What a service needs to talk to Kafka: the client and the resolved topic names. Every
 * service provisions all topics at start (idempotent), so any one of them can start first.
 */
export class KafkaConnection {
  readonly kafka: Kafka;
  readonly topics: TopicNames;

  constructor(
    private readonly env: KafkaEnv,
    clientId: string,
  ) {
    this.kafka = createKafkaClient({
      brokers: env.KAFKA_BROKERS,
      clientId,
      security: kafkaClientSecurity(env),
    });
    this.topics = resolveTopics(env.HOOKSTREAM_TOPIC_PREFIX);
  }

  /** A connection whose topics exist, riding out a broker that is still starting. */
  static async open(env: KafkaEnv, clientId: string): Promise<KafkaConnection> {
    const connection = new KafkaConnection(env, clientId);
    await retryStartup('topic provisioning', () => connection.provisionTopics());
    return connection;
  }

  /** A subscription view of this connection's topic, caught up before it is returned. */
  async startSubscriptionView(
    owner: string,
    hooks: Pick<SubscriptionViewOptions, 'onInvalidRecord' | 'onChange' | 'project'> = {},
  ): Promise<SubscriptionView> {
    const view = new SubscriptionView({
      kafka: this.kafka,
      topic: this.topics.subscriptions,
      // Under the topic prefix, so one prefixed group ACL per service covers its views too.
      owner: `${this.env.HOOKSTREAM_TOPIC_PREFIX}${owner}`,
      ...hooks,
    });
    await retryStartup('subscription view', () => view.start());
    return view;
  }

  async provisionTopics(): Promise<string[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await ensureTopics(
        admin,
        allTopicSpecs(this.env.HOOKSTREAM_TOPIC_PREFIX, partitionCounts(this.env)),
      );
    } finally {
      await admin.disconnect();
    }
  }
}
