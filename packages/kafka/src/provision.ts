import type { Admin, ITopicConfig } from 'kafkajs';
import { applyPartitionRaises, type PartitionPlan, partitionCountsOf, planPartitions } from './partitions.js';
import type { TopicSpec } from './topics.js';

function toTopicConfig(spec: TopicSpec & { name: string }): ITopicConfig {
  const configEntries: Array<{ name: string; value: string }> = [
    { name: 'cleanup.policy', value: spec.cleanupPolicy },
  ];
  if (spec.retentionMs !== undefined)
    configEntries.push({ name: 'retention.ms', value: String(spec.retentionMs) });
  if (spec.maxMessageBytes !== undefined)
    configEntries.push({ name: 'max.message.bytes', value: String(spec.maxMessageBytes) });
  // A single-node dev broker has one replica; production clusters set
  // default.replication.factor on the broker, which -1 defers to.
  return { topic: spec.name, numPartitions: spec.partitions, replicationFactor: -1, configEntries };
}

/** Told what provisioning changed in existing topics, or chose not to change. */
export type PartitionReport = (plan: PartitionPlan) => void;

/** The default report: one JSON line on stderr per topic, in the services' log format. */
export const logPartitionPlan: PartitionReport = (plan) => {
  const time = new Date().toISOString();
  for (const raise of plan.raise)
    process.stderr.write(
      `${JSON.stringify({ level: 'warn', time, msg: 'raised the partition count of a topic to its configured count; keys now map to other partitions', ...raise })}\n`,
    );
  for (const keep of plan.keep)
    process.stderr.write(
      `${JSON.stringify({ level: 'warn', time, msg: 'topic has more partitions than configured; left as it is (Kafka cannot lower a partition count)', ...keep })}\n`,
    );
};

/**
 * Creates whatever of `specs` does not exist yet, raises the partition count of existing ones
 * that have fewer than their spec (never lowers; reports both through `report`), and waits for
 * partition leaders, so a service can produce right after. Safe to call from every instance
 * at every start. Returns the names it created.
 */
export async function ensureTopics(
  admin: Admin,
  specs: ReadonlyArray<TopicSpec & { name: string }>,
  leaderTimeoutMs = 30_000,
  report: PartitionReport = logPartitionPlan,
): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !existing.has(spec.name));
  const plan = planPartitions(
    specs.filter((spec) => existing.has(spec.name)),
    await partitionCountsOf(
      admin,
      specs.filter((spec) => existing.has(spec.name)).map((spec) => spec.name),
    ),
  );
  await applyPartitionRaises(admin, plan.raise);
  if (plan.raise.length > 0 || plan.keep.length > 0) report(plan);
  if (missing.length > 0) {
    try {
      await admin.createTopics({ topics: missing.map(toTopicConfig), waitForLeaders: true });
    } catch (error) {
      // Another instance may have created them between listTopics and createTopics.
      const stillMissing = new Set(missing.map((spec) => spec.name));
      for (const name of await admin.listTopics()) stillMissing.delete(name);
      if (stillMissing.size > 0) throw error;
    }
  }
  // Topics another instance just created may not have leaders yet; reads would fail until then.
  await waitForLeaders(
    admin,
    specs.map((spec) => spec.name),
    leaderTimeoutMs,
  );
  return missing.map((spec) => spec.name);
}

async function waitForLeaders(admin: Admin, topics: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const metadata = await admin.fetchTopicMetadata({ topics }).catch(() => null);
    const ready =
      metadata !== null &&
      metadata.topics.length === topics.length &&
      metadata.topics.every(
        (topic) => topic.partitions.length > 0 && topic.partitions.every((p) => p.leader >= 0),
      );
    if (ready) return;
    if (Date.now() >= deadline)
      throw new Error(`topics have no leader after ${timeoutMs} ms: ${topics.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
