import type { SubscriptionRecord } from './subscription-record.js';

/** When every fixture record was created and last updated. */
export const FIXTURE_AT = '2026-11-22T10:00:00.000Z';

/** A well-formed Standard Webhooks secret: 32 bytes of base64 after `whsec_`. */
export const FIXTURE_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=';

/**
 * A valid subscription record for this package's tests (@hookstream/testkit depends on this
 * package, so its fixture cannot be used here). Defaults: sub_1 of ten_1, every event type,
 * enabled, Standard Webhooks with one secret; pass overrides for what the test is about.
 */
export function subscriptionFixture(overrides: Partial<SubscriptionRecord> = {}): SubscriptionRecord {
  return {
    id: 'sub_1',
    tenantId: 'ten_1',
    url: 'https://example.com/hook',
    description: null,
    eventTypes: ['*'],
    accountIds: null,
    enabled: true,
    signatureScheme: 'standard-webhooks',
    secrets: [{ value: FIXTURE_SECRET, createdAt: FIXTURE_AT, expiresAt: null }],
    createdAt: FIXTURE_AT,
    updatedAt: FIXTURE_AT,
    version: 1,
    ...overrides,
  };
}
