export { chunkByBytes, messageBytes, PRODUCE_BUDGET_BYTES } from './chunk-by-bytes.js';
export { createKafkaClient, type KafkaClientOptions } from './client.js';
export {
  applyConditions,
  type ConditionedSubscription,
  type ConditionMemory,
  type ConditionOutcome,
  conditionedSubscription,
} from './conditions/apply-conditions.js';
export {
  type CompiledConditions,
  type ConditionResult,
  compileConditions,
  type Evaluation,
  type PreviousValues,
} from './conditions/compile-conditions.js';
export { withConditionResults } from './conditions/condition-results-body.js';
export { KafkaEnv, kafkaEnvShape, partitionCounts } from './config.js';
export {
  buildEnvelope,
  EventPublisher,
  type EventPublisherOptions,
  type PublishedEvent,
  type PublishInput,
} from './event-publisher.js';
export { GroupCommit, type ItemResult } from './group-commit.js';
export { DEFAULT_SESSION_TIMEOUT_MS, GroupConsumer, type GroupConsumerOptions } from './group-consumer.js';
export { KafkaConnection } from './kafka-connection.js';
export { hideKnownKafkajsWarnings } from './known-warnings.js';
export { jsonLogCreator } from './log-creator.js';
export { ATTEMPT_OUTCOMES, type AttemptOutcome, AttemptRecord } from './messages/attempt-record.js';
export { type DecodeResult, decodeJson } from './messages/codec.js';
export {
  CONDITION_OPERATORS,
  Condition,
  ConditionField,
  type ConditionOperator,
  Conditions,
  CooldownMinutes,
  DECIMAL_STRING,
  MAX_CONDITIONS,
} from './messages/condition.js';
export {
  type DeliveryRequest,
  deliveryRequestFor,
  headerSettingsProblem,
  RESERVED_HEADER_NAMES,
} from './messages/delivery-request.js';
export { DeliveryTask, ViewPosition } from './messages/delivery-task.js';
export { HEADERS } from './messages/headers.js';
export { RouterStateRecord, routerStateKey } from './messages/router-state-record.js';
export {
  ID_HEADER_VALUES,
  SignatureHeaderNames,
  SubscriptionRecord,
  SubscriptionSecret,
} from './messages/subscription-record.js';
export {
  KafkaLagExporter,
  type KafkaLagExporterOptions,
  type LaggedGroup,
} from './metrics/kafka-lag-exporter.js';
export {
  type CommittedOffset,
  type PartitionLag,
  type PartitionOffsets,
  partitionLags,
  topicCounts,
} from './metrics/offsets.js';
export {
  applyPartitionRaises,
  type PartitionPlan,
  type PartitionRaise,
  partitionCountsOf,
  planPartitions,
} from './partitions.js';
export { ensureTopics, logPartitionPlan, type PartitionReport } from './provision.js';
export { type RetryStartupOptions, retryStartup } from './retry-startup.js';
export {
  RETRY_TIERS,
  type RetryTier,
  type RetryTierName,
  TIER_HOLD_ALLOWANCE,
  tierForDelay,
  tierHoldLimitMs,
} from './retry-tiers.js';
export { matchSubscriptions, subscriptionWants } from './routing/match-subscriptions.js';
export {
  applyHookstreamAcls,
  DEFAULT_PRINCIPALS,
  type HookstreamAcl,
  type HookstreamAclOptions,
  type HookstreamPrincipals,
  hookstreamAcls,
  toKafkaAcl,
} from './security/acls.js';
export {
  type KafkaClientSecurity,
  KafkaSecurityConfigError,
  kafkaClientSecurity,
} from './security/client-security.js';
export {
  KafkaSecurityEnv,
  kafkaSecurityEnvShape,
  kafkaSecurityProblems,
  SASL_MECHANISMS,
} from './security/security-env.js';
export {
  type OpenedSubscription,
  openSubscriptionSecrets,
  type ResealResult,
  resealSubscriptionSecrets,
  sealSubscriptionSecrets,
  subscriptionSecretsSealed,
  withoutSecrets,
} from './security/subscription-secrets.js';
export { SubscriptionView, type SubscriptionViewOptions } from './subscription-view.js';
export {
  allTopicSpecs,
  type CleanupPolicy,
  DEFAULT_PARTITION_COUNTS,
  type PartitionCounts,
  resolveTopics,
  retryTopicForDelay,
  retryTopicSpec,
  TOPIC_SPECS,
  type TopicKey,
  type TopicNames,
  type TopicSpec,
} from './topics.js';
export {
  type ConsumedRecord,
  type ConsumerSpanOptions,
  startConsumerSpan,
  traceHeadersOf,
  withConsumerSpan,
} from './tracing/consumer-span.js';
export {
  MESSAGING,
  type MessagingOperation,
  type MessagingSpanInput,
  messagingAttributes,
  messagingSpanName,
} from './tracing/messaging-attributes.js';
export { extractTraceContext, injectTraceContext, TRACE_HEADERS } from './tracing/trace-context.js';
export { TRANSACTIONAL_PRODUCER_RETRY } from './transactional-producer-retry.js';
