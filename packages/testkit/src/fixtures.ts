import type { SubscriptionRecord } from '@hookstream/kafka';

let sequence = 0;

/**
 * A valid subscription record for tests that feed the subscriptions topic or the matcher
 * directly. Defaults: tenant ten_test, every event type, enabled, Standard Webhooks with one
 * fixed secret; pass overrides for what the test is about.
 */
export function subscriptionRecord(overrides: Partial<SubscriptionRecord> = {}): SubscriptionRecord {
  sequence += 1;
  const at = '2026-11-22T10:00:00.000Z';
  return {
    id: `sub_fixture${process.pid}x${sequence}`,
    tenantId: 'ten_test',
    url: 'https://example.com/hook',
    description: null,
    eventTypes: ['*'],
    accountIds: null,
    enabled: true,
    signatureScheme: 'standard-webhooks',
    // 32 bytes of base64 after whsec_: a well-formed Standard Webhooks secret.
    secrets: [
      { value: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=', createdAt: at, expiresAt: null },
    ],
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...overrides,
  };
}
