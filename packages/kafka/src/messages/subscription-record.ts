import { SIGNATURE_SCHEME_NAMES } from '@hookstream/signatures';
import { z } from 'zod';

/** One signing secret of a subscription; several overlap while a rotation is under way. */
export const SubscriptionSecret = z.object({
  value: z.string().min(1),
  createdAt: z.iso.datetime(),
  /** After this instant the secret no longer signs; null = until rotated out. */
  expiresAt: z.iso.datetime().nullable(),
});
export type SubscriptionSecret = z.infer<typeof SubscriptionSecret>;

/**
 * Value of the compacted subscriptions topic, keyed by subscription id; a null value (tombstone)
 * means the subscription was deleted. Written only by subscription-api's outbox relay. It holds
 * the signing secrets because delivery workers sign with them, so the topic must be ACL'd like
 * the database.
 */
export const SubscriptionRecord = z.object({
  id: z.string().startsWith('sub_'),
  tenantId: z.string().startsWith('ten_'),
  url: z.url({ protocol: /^https?$/ }),
  description: z.string().nullable(),
  /** Exact types, "prefix.*" wildcards, or "*". */
  eventTypes: z.array(z.string().min(1)).min(1),
  /** Only events about these accounts; null = every account of the tenant. */
  accountIds: z.array(z.string()).nullable(),
  enabled: z.boolean(),
  signatureScheme: z.enum(SIGNATURE_SCHEME_NAMES),
  timeoutMs: z.number().int().min(1_000).max(30_000).optional(),
  secrets: z.array(SubscriptionSecret).min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Increases with every change; a consumer keeps the highest it has seen. */
  version: z.number().int().nonnegative(),
});
export type SubscriptionRecord = z.infer<typeof SubscriptionRecord>;
