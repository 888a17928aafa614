import type { Kafka } from 'kafkajs';
import { createKafkaClient } from './client.js';
import type { KafkaEnv } from './config.js';
import { ensureTopics } from './provision.js';
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
    this.kafka = createKafkaClient({ brokers: env.KAFKA_BROKERS, clientId });
    this.topics = resolveTopics(env.HOOKSTREAM_TOPIC_PREFIX);
  }

  async provisionTopics(): Promise<string[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await ensureTopics(admin, allTopicSpecs(this.env.HOOKSTREAM_TOPIC_PREFIX));
    } finally {
      await admin.disconnect();
    }
  }
}
