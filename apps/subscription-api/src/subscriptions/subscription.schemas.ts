import {
  AccountId,
  EVENT_TYPES,
  isTypePattern,
  PAYLOAD_FORMATS,
  typePatternMatches,
} from '@hookstream/events';
import { ID_HEADER_VALUES } from '@hookstream/kafka';
import { SIGNATURE_SCHEME_NAMES } from '@hookstream/signatures';
import { z } from 'zod';
import { PROFILE_NAMES } from './profiles.js';

const EventTypePattern = z
  .string()
  .refine(isTypePattern, {
    error:
      'expected an event type such as "card.created", a wildcard such as "card.*", "card*" or "*.created", or "*"',
    // A malformed pattern also matches nothing; one error per field is enough.
    abort: true,
  })
  .refine(
    (pattern) => EVENT_TYPES.some((type) => typePatternMatches(pattern, type)),
    'matches no known event type (GET /v1/event-types lists them)',
  );

/** RFC 9110 token: what a header field name may contain. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,100}$/;
/** Visible ASCII, space and tab: no CR/LF (header injection) and nothing a client would re-encode. */
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

const HeaderName = z
  .string()
  .regex(HEADER_NAME, 'expected an HTTP header name (letters, digits, -), at most 100 characters');

export const SecretPolicy = z.enum(['shown-once', 'retrievable']);
export type SecretPolicy = z.infer<typeof SecretPolicy>;

/** Every writable field, each in its input form; create and patch derive from this. */
const writable = {
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).max(2048),
  eventTypes: z.array(EventTypePattern).min(1).max(50),
  name: z.string().trim().max(200).nullable(),
  description: z.string().trim().max(500).nullable(),
  enabled: z.boolean(),
  /** Only events about these accounts; null = all of the tenant's accounts. */
  accountIds: z.array(AccountId).min(1).max(1000).nullable(),
  signatureScheme: z.enum(SIGNATURE_SCHEME_NAMES),
  /** Bring your own secret (partners' legacy schemes); generated when omitted. */
  secret: z.string().min(16).max(256),
  secretPolicy: SecretPolicy,
  /** Extra headers on every delivery, e.g. `{"Authorization": "ApiKey …"}`; replaced as a whole. */
  headers: z
    .record(
      HeaderName,
      z.string().max(512).regex(HEADER_VALUE, 'expected printable ASCII without line breaks'),
    )
    .refine((headers) => Object.keys(headers).length <= 20, 'at most 20 headers'),
  /** Full header names for the scheme's parts (not for standard-webhooks, whose names are fixed). */
  signatureHeaders: z.strictObject({
    signature: HeaderName.optional(),
    timestamp: HeaderName.optional(),
    id: HeaderName.optional(),
  }),
  /** What the id header carries: the webhook id (default) or the event id. */
  idHeaderValue: z.enum(ID_HEADER_VALUES),
  payloadFormat: z.enum(PAYLOAD_FORMATS),
  /** Per-delivery timeout in ms. */
  timeoutMs: z.number().int().min(1_000).max(30_000),
  /** A partner preset filling signatureScheme, signatureHeaders, idHeaderValue and payloadFormat. */
  profile: z.enum(PROFILE_NAMES).nullable(),
};

export const CreateSubscriptionBody = z.strictObject({
  url: writable.url,
  eventTypes: writable.eventTypes,
  name: writable.name.default(null),
  description: writable.description.default(null),
  enabled: writable.enabled.default(true),
  accountIds: writable.accountIds.default(null),
  // No defaults here: a profile fills these, and only fields given explicitly win over it.
  signatureScheme: writable.signatureScheme.optional(),
  secret: writable.secret.optional(),
  secretPolicy: writable.secretPolicy.default('shown-once'),
  headers: writable.headers.optional(),
  signatureHeaders: writable.signatureHeaders.optional(),
  idHeaderValue: writable.idHeaderValue.optional(),
  payloadFormat: writable.payloadFormat.optional(),
  timeoutMs: writable.timeoutMs.default(10_000),
  profile: writable.profile.default(null),
});
export type CreateSubscriptionBody = z.infer<typeof CreateSubscriptionBody>;

/** Any writable field; absent = unchanged. `headers: null` removes all extra headers. */
export const PatchSubscriptionBody = z
  .strictObject({
    url: writable.url.optional(),
    eventTypes: writable.eventTypes.optional(),
    name: writable.name.optional(),
    description: writable.description.optional(),
    enabled: writable.enabled.optional(),
    accountIds: writable.accountIds.optional(),
    signatureScheme: writable.signatureScheme.optional(),
    secret: writable.secret.optional(),
    secretPolicy: writable.secretPolicy.optional(),
    headers: writable.headers.nullable().optional(),
    signatureHeaders: writable.signatureHeaders.nullable().optional(),
    idHeaderValue: writable.idHeaderValue.optional(),
    payloadFormat: writable.payloadFormat.optional(),
    timeoutMs: writable.timeoutMs.optional(),
    profile: writable.profile.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change');
export type PatchSubscriptionBody = z.infer<typeof PatchSubscriptionBody>;

const SubscriptionIdPattern = /^sub_[A-Za-z0-9_-]{1,64}$/;

export const ListSubscriptionsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** The nextCursor of the previous page. */
  cursor: z
    .string()
    .regex(SubscriptionIdPattern, 'expected the nextCursor of a previous page (a sub_ id)')
    .optional(),
});
export type ListSubscriptionsQuery = z.infer<typeof ListSubscriptionsQuery>;

export const SubscriptionIdParam = z.string().regex(SubscriptionIdPattern, 'expected a sub_ id');
