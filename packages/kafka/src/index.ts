export { chunkByBytes, messageBytes, PRODUCE_BUDGET_BYTES } from './chunk-by-bytes.js';
export { createKafkaClient, type KafkaClientOptions } from './client.js';
export { KafkaEnv, kafkaEnvShape } from './config.js';
export {
  buildEnvelope,
  EventPublisher,
  type EventPublisherOptions,
  type PublishedEvent,
  type PublishInput,
} from './event-publisher.js';
export { DEFAULT_SESSION_TIMEOUT_MS, GroupConsumer, type GroupConsumerOptions } from './group-consumer.js';
export { KafkaConnection } from './kafka-connection.js';
export { hideKnownKafkajsWarnings } from './known-warnings.js';
export { jsonLogCreator } from './log-creator.js';
export { ATTEMPT_OUTCOMES, type AttemptOutcome, AttemptRecord } from './messages/attempt-record.js';
export { type DecodeResult, decodeJson } from './messages/codec.js';
export { DeliveryTask } from './messages/delivery-task.js';
export { HEADERS } from './messages/headers.js';
export { SubscriptionRecord, SubscriptionSecret } from './messages/subscription-record.js';
export { ensureTopics } from './provision.js';
export { type RetryStartupOptions, retryStartup } from './retry-startup.js';
export {
  RETRY_TIERS,
  type RetryTier,
  type RetryTierName,
  TIER_HOLD_ALLOWANCE,
  tierForDelay,
  tierHoldLimitMs,
} from './retry-tiers.js';
export { SubscriptionView, type SubscriptionViewOptions } from './subscription-view.js';
export {
  allTopicSpecs,
  type CleanupPolicy,
  resolveTopics,
  retryTopicForDelay,
  retryTopicSpec,
  TOPIC_SPECS,
  type TopicKey,
  type TopicNames,
  type TopicSpec,
} from './topics.js';
