import { createKafkaClient } from '@hookstream/kafka';
import { testBrokers } from './test-env.js';

/**
 * Deletes every topic whose name starts with `prefix` (a test's uniqueTopicPrefix), so runs
 * do not pile topics up on a shared broker. Only test prefixes are accepted, so a typo can
 * never delete the platform's own topics.
 */
export async function deleteTestTopics(prefix: string): Promise<void> {
  if (!prefix.startsWith('test.'))
    throw new Error(`refusing to delete topics of a non-test prefix "${prefix}"`);
  const admin = createKafkaClient({ brokers: testBrokers(), clientId: 'testkit-cleanup' }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((name) => name.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 10_000 });
  } finally {
    await admin.disconnect();
  }
}
