import { z } from 'zod';

/**
 * Every Hookstream id is a short type prefix plus 1–64 characters of `[A-Za-z0-9_-]`.
 * The prefix makes an id self-describing in logs and lets the type system tell an
 * event id from a tenant id. The body alphabet is URL- and header-safe, and 64 chars
 * leaves room for UUIDs, ULIDs and most producers' native ids.
 */
export const ID_PREFIXES = {
  event: 'evt_',
  tenant: 'ten_',
  account: 'acc_',
  kycSession: 'kys_',
  kycVerification: 'kyv_',
  bankAccount: 'bka_',
  transaction: 'txn_',
  order: 'ord_',
  card: 'card_',
  threeDsAuthentication: 'tds_',
  walletToken: 'wtk_',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;
export type IdPrefix = (typeof ID_PREFIXES)[IdKind];

/** An id typed by its prefix, e.g. `PrefixedId<'evt_'>` is `evt_${string}`. */
export type PrefixedId<P extends string> = `${P}${string}`;

/** The id body: 1–64 chars, so a full id stays well under Kafka-header and URL limits. */
const ID_BODY = /^[A-Za-z0-9_-]{1,64}$/;

/** The anchored pattern a prefixed id must match, e.g. `/^evt_[A-Za-z0-9_-]{1,64}$/`. */
export function idPattern(prefix: string): RegExp {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}[A-Za-z0-9_-]{1,64}$`);
}

/**
 * A zod schema for one id kind. `z.templateLiteral` (rather than `z.string().regex`) makes the
 * output type `evt_${string}` and still emits a plain `pattern` in JSON Schema.
 */
export function prefixedId<P extends string>(prefix: P) {
  return z.templateLiteral([prefix, z.string().regex(ID_BODY)], {
    error: `expected "${prefix}" followed by 1-64 characters of [A-Za-z0-9_-]`,
  });
}

export const EventId = prefixedId(ID_PREFIXES.event);
export type EventId = z.infer<typeof EventId>;

export const TenantId = prefixedId(ID_PREFIXES.tenant);
export type TenantId = z.infer<typeof TenantId>;

export const AccountId = prefixedId(ID_PREFIXES.account);
export type AccountId = z.infer<typeof AccountId>;

/** True when `value` is a well-formed id with `prefix`; handy outside zod (e.g. path params). */
export function isPrefixedId<P extends string>(prefix: P, value: string): value is PrefixedId<P> {
  return value.startsWith(prefix) && ID_BODY.test(value.slice(prefix.length));
}
