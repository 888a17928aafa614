import { RETRY_TIERS, type RetryTierName, tierForDelay, tierHoldLimitMs } from './retry-tiers.js';

export type CleanupPolicy = 'delete' | 'compact';

export interface TopicSpec {
  /** Appended to HOOKSTREAM_TOPIC_PREFIX to make the topic name. */
  readonly suffix: string;
  readonly partitions: number;
  readonly cleanupPolicy: CleanupPolicy;
  /** How long records are kept, in milliseconds; omitted for compacted topics. */
  readonly retentionMs?: number;
  /** Largest record batch the topic accepts, in bytes; the broker default (1 MiB) when omitted. */
  readonly maxMessageBytes?: number;
  readonly description: string;
}

const DAY_MS = 86_400_000;
/**
 * Topics that carry a whole event plus our own fields or headers: an event the ingest topic
 * accepted (up to 1 MiB) must always fit, or it could be neither delivered nor quarantined.
 */
const ROOM_FOR_ONE_EVENT = 2 * 1024 * 1024;

/** Largest subscription record, in bytes: 1 MiB, the broker's usual default, stated. */
const SUBSCRIPTION_RECORD_LIMIT = 1024 * 1024;

/**
 * Every topic the platform uses, as data. No service spells a topic name: they take it from
 * `resolveTopics(prefix)`. Partition counts suit one small broker; raise them (never lower)
 * before adding consumer instances beyond the count.
 */
export const TOPIC_SPECS = {
  events: {
    suffix: 'events',
    partitions: 3,
    cleanupPolicy: 'delete',
    retentionMs: 7 * DAY_MS,
    description: 'Ingest: v1 event envelopes published by producers, keyed by the entity they concern',
  },
  quarantine: {
    suffix: 'events.quarantine',
    partitions: 1,
    cleanupPolicy: 'delete',
    retentionMs: 30 * DAY_MS,
    description: 'Events the router could not accept, unchanged, with the reason in headers',
    maxMessageBytes: ROOM_FOR_ONE_EVENT,
  },
  subscriptions: {
    suffix: 'subscriptions',
    partitions: 1,
    cleanupPolicy: 'compact',
    description: 'Latest state of every subscription keyed by id (null value = deleted), from the outbox',
    // Set explicitly because the API's outbox relay reads it: a row larger than this is parked
    // instead of sent. A record with 1,000 account ids and a few secrets is about 40 KB.
    maxMessageBytes: SUBSCRIPTION_RECORD_LIMIT,
  },
  deliveries: {
    suffix: 'deliveries',
    partitions: 3,
    cleanupPolicy: 'delete',
    retentionMs: 7 * DAY_MS,
    description: 'One delivery task per event and matching subscription, written by the router',
    maxMessageBytes: ROOM_FOR_ONE_EVENT,
  },
  deadLetter: {
    suffix: 'deliveries.dlq',
    partitions: 1,
    cleanupPolicy: 'delete',
    retentionMs: 30 * DAY_MS,
    description: 'Delivery tasks that will not be retried any more, with the last failure in headers',
    maxMessageBytes: ROOM_FOR_ONE_EVENT,
  },
  attempts: {
    suffix: 'attempts',
    partitions: 3,
    cleanupPolicy: 'delete',
    retentionMs: 7 * DAY_MS,
    description: 'One record per delivery attempt, for the attempt log and dashboards',
  },
} as const satisfies Record<string, TopicSpec>;

export type TopicKey = keyof typeof TOPIC_SPECS;

/**
 * Partition counts that come from configuration (HOOKSTREAM_*_PARTITIONS): the topics whose
 * consumers scale out. A count is the most instances of one consumer group that get work.
 */
export interface PartitionCounts {
  events: number;
  deliveries: number;
  /** Each retry topic. */
  retry: number;
}

/** The counts in TOPIC_SPECS: right for one small broker. */
export const DEFAULT_PARTITION_COUNTS: PartitionCounts = {
  events: TOPIC_SPECS.events.partitions,
  deliveries: TOPIC_SPECS.deliveries.partitions,
  retry: 3,
};

export function retryTopicSpec(tier: RetryTierName, partitions = DEFAULT_PARTITION_COUNTS.retry): TopicSpec {
  return {
    suffix: `deliveries.retry.${tier}`,
    partitions,
    cleanupPolicy: 'delete',
    retentionMs: 7 * DAY_MS,
    maxMessageBytes: ROOM_FOR_ONE_EVENT,
    description: `Delivery tasks waiting about ${tier} before their next attempt`,
  };
}

export type TopicNames = Record<TopicKey, string> & {
  /** Retry topics in ascending order of delay, with how long a record may hold each. */
  readonly retry: ReadonlyArray<{ tier: RetryTierName; delayMs: number; holdLimitMs: number; name: string }>;
};

export function resolveTopics(prefix: string): TopicNames {
  const names = Object.fromEntries(
    Object.entries(TOPIC_SPECS).map(([key, spec]) => [key, `${prefix}${spec.suffix}`]),
  ) as Record<TopicKey, string>;
  const retry = RETRY_TIERS.map((tier) => ({
    tier: tier.name,
    delayMs: tier.delayMs,
    holdLimitMs: tierHoldLimitMs(tier),
    name: `${prefix}${retryTopicSpec(tier.name).suffix}`,
  }));
  return { ...names, retry };
}

/** The retry topic a wait of `delayMs` goes to (see tierForDelay). */
export function retryTopicForDelay(topics: Pick<TopicNames, 'retry'>, delayMs: number): string {
  const tier = tierForDelay(delayMs).name;
  const entry = topics.retry.find((candidate) => candidate.tier === tier);
  // resolveTopics builds one entry per tier; a miss is a programming error.
  if (!entry) throw new Error(`no retry topic for tier ${tier}`);
  return entry.name;
}

/** Every topic with its full name, for provisioning, with the configured partition counts. */
export function allTopicSpecs(
  prefix: string,
  partitions: PartitionCounts = DEFAULT_PARTITION_COUNTS,
): Array<TopicSpec & { name: string }> {
  const fixed = Object.entries(TOPIC_SPECS).map(([key, spec]) => ({
    ...spec,
    partitions:
      key === 'events' ? partitions.events : key === 'deliveries' ? partitions.deliveries : spec.partitions,
    name: `${prefix}${spec.suffix}`,
  }));
  const retry = RETRY_TIERS.map((tier) => {
    const spec = retryTopicSpec(tier.name, partitions.retry);
    return { ...spec, name: `${prefix}${spec.suffix}` };
  });
  return [...fixed, ...retry];
}
