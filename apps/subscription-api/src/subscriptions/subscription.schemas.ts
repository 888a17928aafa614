import { AccountId, EVENT_TYPES, isTypePattern, typePatternMatches } from '@hookstream/events';
import { checkSecret, SIGNATURE_SCHEME_NAMES } from '@hookstream/signatures';
import { z } from 'zod';

const EventTypePattern = z
  .string()
  .refine(isTypePattern, {
    error: 'expected an event type such as "card.created", a wildcard such as "card.*", or "*"',
    // A malformed pattern also matches nothing; one error per field is enough.
    abort: true,
  })
  .refine(
    (pattern) => EVENT_TYPES.some((type) => typePatternMatches(pattern, type)),
    'matches no known event type (GET /v1/event-types lists them)',
  );

export const CreateSubscriptionBody = z
  .strictObject({
    url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).max(2048),
    eventTypes: z.array(EventTypePattern).min(1).max(50),
    description: z.string().trim().max(500).nullable().default(null),
    enabled: z.boolean().default(true),
    /** Only events about these accounts; omitted or null = all of the tenant's accounts. */
    accountIds: z.array(AccountId).min(1).max(1000).nullable().default(null),
    signatureScheme: z.enum(SIGNATURE_SCHEME_NAMES).default('standard-webhooks'),
    /** Bring your own secret (partners' legacy schemes); generated when omitted. */
    secret: z.string().min(16).max(256).optional(),
  })
  .superRefine((body, context) => {
    if (body.secret === undefined) return;
    // The signer's own rule, so the API never stores a secret that deliveries cannot sign with.
    const checked = checkSecret(body.signatureScheme, body.secret);
    if (!checked.ok) context.addIssue({ code: 'custom', path: ['secret'], message: checked.message });
  });
export type CreateSubscriptionBody = z.infer<typeof CreateSubscriptionBody>;

export const ListSubscriptionsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** The nextCursor of the previous page. */
  cursor: z
    .string()
    .regex(/^sub_[A-Za-z0-9_-]{1,64}$/, 'expected the nextCursor of a previous page (a sub_ id)')
    .optional(),
});
export type ListSubscriptionsQuery = z.infer<typeof ListSubscriptionsQuery>;

export const SubscriptionIdParam = z.string().regex(/^sub_[A-Za-z0-9_-]{1,64}$/, 'expected a sub_ id');
