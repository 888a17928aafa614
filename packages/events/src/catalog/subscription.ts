import { z } from 'zod';
import { UtcTimestamp } from '../fields.js';
import type { EventDefinitions } from './definition.js';

// Operational events: published by Hookstream itself, to the tenant, about the tenant's own
// webhook subscriptions (no producer publishes them). A tenant receives them by subscribing to
// `subscription.*` like any other type; they carry no account.

export const SubscriptionDisabled = z.strictObject({
  /** The subscription the platform disabled (`sub_…`). */
  subscriptionId: z.string().regex(/^sub_[A-Za-z0-9_-]{1,64}$/),
  /** Its endpoint URL at the time. */
  url: z.string().max(2048),
  /**
   * gone: the endpoint answered 410 Gone; failing: every attempt failed for the configured
   * period (the API's AUTO_DISABLE_AFTER_MS).
   */
  reason: z.enum(['gone', 'failing']),
  /** The same text as the subscription's `disabledReason`. */
  detail: z.string().max(500),
  disabledAt: UtcTimestamp,
});
export type SubscriptionDisabled = z.infer<typeof SubscriptionDisabled>;

export const subscriptionEvents = {
  'subscription.disabled': {
    description:
      'Operational: Hookstream disabled one of your webhook subscriptions (410 Gone, or failing for too long).',
    schema: SubscriptionDisabled,
    example: {
      subscriptionId: 'sub_01JDQ3Z8X4T7G9M2K5N6P8R0SW',
      url: 'https://hooks.example.com/hookstream',
      reason: 'gone',
      detail: 'the endpoint answered 410 Gone at 2026-11-22T10:00:00.000Z',
      disabledAt: '2026-11-22T10:00:00.120Z',
    },
  },
} as const satisfies EventDefinitions;
