import {
  applyPartitionRaises,
  createKafkaClient,
  type KafkaEnv,
  kafkaClientSecurity,
  type PartitionRaise,
  partitionCountsOf,
  resolveTopics,
} from '@hookstream/kafka';

/** The topics whose consumers scale out, by the name the command takes, with their env variable. */
export const SCALABLE_TOPICS = {
  events: 'HOOKSTREAM_EVENTS_PARTITIONS',
  deliveries: 'HOOKSTREAM_DELIVERIES_PARTITIONS',
  retry: 'HOOKSTREAM_RETRY_PARTITIONS',
} as const;
export type ScalableTopic = keyof typeof SCALABLE_TOPICS;

export function isScalableTopic(value: string): value is ScalableTopic {
  return Object.hasOwn(SCALABLE_TOPICS, value);
}

/** A refusal the operator can act on; its message is one line. */
export class RaisePartitionsError extends Error {
  override name = 'RaisePartitionsError';
}

function topicNames(env: KafkaEnv, topic: ScalableTopic): string[] {
  const topics = resolveTopics(env.HOOKSTREAM_TOPIC_PREFIX);
  if (topic === 'retry') return topics.retry.map((retry) => retry.name);
  return [topics[topic]];
}

/**
 * Raises the partition count of `topic` (every retry topic for "retry") to `count` on the
 * running cluster. Never lowers: Kafka cannot, so a smaller count is refused before anything
 * changes. Returns what it raised (empty when every topic already has `count`).
 */
export async function raisePartitions(
  env: KafkaEnv,
  topic: ScalableTopic,
  count: number,
): Promise<PartitionRaise[]> {
  const names = topicNames(env, topic);
  const kafka = createKafkaClient({
    brokers: env.KAFKA_BROKERS,
    clientId: 'hookstream-admin',
    // An operator's user on a secure cluster: raising partitions needs ALTER on the topics.
    security: kafkaClientSecurity(env),
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const current = await partitionCountsOf(admin, names);
    const missing = names.filter((name) => !current.has(name));
    if (missing.length > 0)
      throw new RaisePartitionsError(
        `${missing.join(', ')} does not exist; start any Hookstream service once (it creates the topics), with ${SCALABLE_TOPICS[topic]}=${count} to create it with ${count} partitions`,
      );
    const larger = names.filter((name) => (current.get(name) ?? 0) > count);
    if (larger.length > 0)
      throw new RaisePartitionsError(
        `${larger.map((name) => `${name} has ${current.get(name)} partitions`).join(', ')}; Kafka cannot lower a partition count: ask for ${Math.max(...larger.map((name) => current.get(name) ?? 0))} or more`,
      );
    const raises = names
      .filter((name) => (current.get(name) ?? 0) < count)
      .map((name) => ({ topic: name, from: current.get(name) ?? 0, to: count }));
    await applyPartitionRaises(admin, raises);
    return raises;
  } finally {
    await admin.disconnect();
  }
}
