import type { SubscriptionRecord } from '@hookstream/kafka';
import { subscriptionFixture } from '@hookstream/kafka/testing';

let sequence = 0;

/**
 * A valid subscription record for tests that feed the subscriptions topic or the matcher
 * directly. Defaults: tenant ten_test, every event type, enabled, Standard Webhooks with one
 * fixed secret; pass overrides for what the test is about.
 */
export function subscriptionRecord(overrides: Partial<SubscriptionRecord> = {}): SubscriptionRecord {
  sequence += 1;
  return subscriptionFixture({
    id: `sub_fixture${process.pid}x${sequence}`,
    tenantId: 'ten_test',
    ...overrides,
  });
}
