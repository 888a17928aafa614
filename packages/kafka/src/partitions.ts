import type { Admin } from 'kafkajs';

export interface PartitionRaise {
  topic: string;
  from: number;
  to: number;
}

export interface PartitionPlan {
  /** Topics with fewer partitions than wanted: raise them. */
  raise: PartitionRaise[];
  /**
   * Topics with more partitions than wanted: left as they are, since Kafka cannot lower a
   * partition count (and an operator may have raised it on purpose).
   */
  keep: Array<{ topic: string; wanted: number; actual: number }>;
}

/** What to change so every topic has at least its wanted partitions; topics not in `actual` are skipped. */
export function planPartitions(
  wanted: ReadonlyArray<{ name: string; partitions: number }>,
  actual: ReadonlyMap<string, number>,
): PartitionPlan {
  const plan: PartitionPlan = { raise: [], keep: [] };
  for (const spec of wanted) {
    const current = actual.get(spec.name);
    if (current === undefined || current === spec.partitions) continue;
    if (current < spec.partitions) plan.raise.push({ topic: spec.name, from: current, to: spec.partitions });
    else plan.keep.push({ topic: spec.name, wanted: spec.partitions, actual: current });
  }
  return plan;
}

/** Partition counts of the topics that exist, by name. */
export async function partitionCountsOf(admin: Admin, topics: string[]): Promise<Map<string, number>> {
  const existing = new Set(await admin.listTopics());
  const present = topics.filter((topic) => existing.has(topic));
  if (present.length === 0) return new Map();
  const metadata = await admin.fetchTopicMetadata({ topics: present });
  return new Map(metadata.topics.map((topic) => [topic.name, topic.partitions.length]));
}

/**
 * Raises each topic to its count. Another instance raising the same topic at the same time
 * is fine: what counts is that every topic has at least its count afterwards.
 */
export async function applyPartitionRaises(admin: Admin, raises: PartitionRaise[]): Promise<void> {
  if (raises.length === 0) return;
  try {
    await admin.createPartitions({
      topicPartitions: raises.map((raise) => ({ topic: raise.topic, count: raise.to })),
      validateOnly: false,
    });
  } catch (error) {
    const after = await partitionCountsOf(
      admin,
      raises.map((raise) => raise.topic),
    );
    if (raises.some((raise) => (after.get(raise.topic) ?? 0) < raise.to)) throw error;
  }
}
