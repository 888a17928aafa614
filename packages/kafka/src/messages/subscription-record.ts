import { PAYLOAD_FORMATS } from '@hookstream/events';
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

/** Full header names for the signature scheme's parts; a part not named keeps the scheme's default. */
export const SignatureHeaderNames = z.object({
  signature: z.string().min(1).optional(),
  timestamp: z.string().min(1).optional(),
  id: z.string().min(1).optional(),
});
export type SignatureHeaderNames = z.infer<typeof SignatureHeaderNames>;

/** What the scheme's id header carries: the webhook id (`msg_…`, default) or the event id (`evt_…`). */
export const ID_HEADER_VALUES = ['webhook-id', 'event-id'] as const;

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
  secrets: z.array(SubscriptionSecret).min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Increases with every change; a consumer keeps the highest it has seen. */
  version: z.number().int().nonnegative(),
  // Per-subscription delivery settings. All optional, so records already on the compacted topic
  // (written before these existed) still parse and mean "the deployment's defaults".
  /** A label for people; not used in delivery. */
  name: z.string().nullable().optional(),
  /** Extra headers sent with every delivery (e.g. a partner's `Authorization`); never signature or framing headers. */
  headers: z.record(z.string(), z.string()).optional(),
  signatureHeaders: SignatureHeaderNames.optional(),
  /** Default `webhook-id`. */
  idHeaderValue: z.enum(ID_HEADER_VALUES).optional(),
  /** The body shape the router builds; default `standard`. */
  payloadFormat: z.enum(PAYLOAD_FORMATS).optional(),
  /** Per-request timeout in ms; absent = the worker's default. */
  timeoutMs: z.number().int().min(1_000).max(30_000).optional(),
});
export type SubscriptionRecord = z.infer<typeof SubscriptionRecord>;
