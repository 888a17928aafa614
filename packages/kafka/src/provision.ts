import type { Admin, ITopicConfig } from 'kafkajs';
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

/**
 * Creates whatever of `specs` does not exist yet and waits for partition leaders, so a service
 * can produce right after. Safe to call from every instance at every start: existing topics are
 * left as they are (their partition count is never lowered).
 */
export async function ensureTopics(
  admin: Admin,
  specs: ReadonlyArray<TopicSpec & { name: string }>,
  leaderTimeoutMs = 30_000,
): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !existing.has(spec.name));
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
