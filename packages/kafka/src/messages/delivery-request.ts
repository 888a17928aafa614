import { createSigner, type Signer, type SigningSecret, type WebhookHeaders } from '@hookstream/signatures';
import type { SubscriptionRecord } from './subscription-record.js';

/**
 * Headers a subscription's own `headers` may not set: HTTP framing (the client computes them)
 * and the signature headers of any scheme, so a customer header can neither break the request
 * nor stand in for a signature. Lower case; HTTP names are case-insensitive.
 */
export const RESERVED_HEADER_NAMES: readonly string[] = [
  'content-type',
  'content-length',
  'host',
  'transfer-encoding',
  'connection',
  'user-agent',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
];

/** One POST exactly as it goes to the subscriber. */
export interface DeliveryRequest {
  url: string;
  body: string;
  headers: WebhookHeaders;
  /** Per-request timeout in ms: the subscription's own, or the caller's default. */
  timeoutMs: number;
}

export interface DeliveryRequestInput {
  /** The webhook id (`msg_…`): the same on every attempt of one event to one subscription. */
  messageId: string;
  eventId: string;
  /** The exact body (built by the router, or by a test send). */
  payload: string;
}

export interface DeliveryRequestOptions {
  /** The deployment's signer; its header names are the defaults a subscription overrides. */
  signer: Signer;
  /** The attempt's time: the signature timestamp and the instant secret expiry is judged at. */
  now: Date;
  userAgent: string;
  /** Used when the subscription sets no `timeoutMs`, in ms. */
  defaultTimeoutMs: number;
}

/**
 * Builds the signed request for one delivery from the subscription's settings: its extra
 * headers, then the fixed ones, then the signature headers under the subscription's names (the
 * later win, so nothing a customer sets can replace them). The delivery worker and the API's
 * test send both call this, so a test send is byte-for-byte a real delivery.
 * @throws SigningError when the subscription cannot be signed for (a configuration fault).
 */
export function deliveryRequestFor(
  subscription: SubscriptionRecord,
  delivery: DeliveryRequestInput,
  options: DeliveryRequestOptions,
): DeliveryRequest {
  const prepared = preparedFor(subscription, options.signer);
  const signed = prepared.signer.sign({
    scheme: subscription.signatureScheme,
    msgId: subscription.idHeaderValue === 'event-id' ? delivery.eventId : delivery.messageId,
    timestamp: options.now,
    body: delivery.payload,
    secrets: prepared.secrets,
    now: options.now,
  });
  // The signed header names are the same on every call for one signer and scheme.
  prepared.extraHeaders ??= extraHeadersOf(subscription, Object.keys(signed));
  return {
    url: subscription.url,
    body: delivery.payload,
    headers: {
      ...prepared.extraHeaders,
      'content-type': 'application/json',
      'user-agent': options.userAgent,
      ...signed,
    },
    timeoutMs: subscription.timeoutMs ?? options.defaultTimeoutMs,
  };
}

/**
 * The subscription's own headers without the reserved names and the signature headers' names.
 * The API refuses these names already; dropping them here too (whatever their case) keeps a
 * record from elsewhere, or a deployment prefix the API did not know, from sending duplicates.
 */
function extraHeadersOf(subscription: SubscriptionRecord, signedNames: string[]): Record<string, string> {
  const taken = new Set([...RESERVED_HEADER_NAMES, ...signedNames.map((name) => name.toLowerCase())]);
  return Object.fromEntries(
    Object.entries(subscription.headers ?? {}).filter(([name]) => !taken.has(name.toLowerCase())),
  );
}

/** What a subscription's requests share: worked out once per record, not once per delivery. */
interface PreparedSubscription {
  /** The signer the preparation was made for (a record may meet another deployment signer). */
  base: Signer;
  signer: Signer;
  /** The secrets with their instants as Dates, as the signer takes them. */
  secrets: SigningSecret[];
  /** The extra headers to send, set after the first successful signing (which names them). */
  extraHeaders?: Record<string, string>;
}

/**
 * Prepared requests per record object. Records are immutable values (a changed subscription is
 * a new record; the worker's view replaces the object), so a cached preparation is never stale;
 * the WeakMap lets a record the caller dropped be collected with it. Saves a Set, the header
 * filtering and a Date per secret instant on every delivery.
 */
const preparedRecords = new WeakMap<SubscriptionRecord, PreparedSubscription>();

function preparedFor(subscription: SubscriptionRecord, base: Signer): PreparedSubscription {
  const cached = preparedRecords.get(subscription);
  if (cached && cached.base === base) return cached;
  const prepared: PreparedSubscription = {
    base,
    signer: signerFor(subscription, base),
    secrets: subscription.secrets.map((secret) => ({
      value: secret.value,
      createdAt: new Date(secret.createdAt),
      expiresAt: secret.expiresAt === null ? null : new Date(secret.expiresAt),
    })),
  };
  preparedRecords.set(subscription, prepared);
  return prepared;
}

/** Signers per distinct header naming; few distinct namings exist, bounded anyway (FIFO). */
const SIGNER_CACHE_LIMIT = 256;
const signers = new Map<string, Signer>();

function signerFor(subscription: SubscriptionRecord, base: Signer): Signer {
  const overrides = subscription.signatureHeaders;
  if (!overrides || Object.keys(overrides).length === 0) return base;
  const defaults = base.headerNames(subscription.signatureScheme);
  // Explicit names for every part, so the deployment's prefix and these overrides both apply.
  const headerNames = {
    signature: overrides.signature ?? defaults.signature,
    ...(defaults.timestamp === null ? {} : { timestamp: overrides.timestamp ?? defaults.timestamp }),
    ...(defaults.id === null ? {} : { id: overrides.id ?? defaults.id }),
  };
  const key = JSON.stringify(headerNames);
  let signer = signers.get(key);
  if (!signer) {
    signer = createSigner({ headerNames });
    if (signers.size >= SIGNER_CACHE_LIMIT) signers.delete(signers.keys().next().value ?? '');
    signers.set(key, signer);
  }
  return signer;
}

/**
 * Why a subscription's header settings cannot be used, or null: for the API to refuse them up
 * front rather than have every delivery dead-lettered. Standard Webhooks header names are fixed
 * by its specification; other names must be valid HTTP tokens that do not collide.
 */
export function headerSettingsProblem(
  subscription: Pick<SubscriptionRecord, 'signatureScheme' | 'signatureHeaders' | 'headers'>,
): { field: string; message: string } | null {
  const overrides = subscription.signatureHeaders ?? {};
  if (Object.keys(overrides).length > 0) {
    if (subscription.signatureScheme === 'standard-webhooks')
      return {
        field: 'signatureHeaders',
        message:
          'standard-webhooks header names are fixed by its specification; send signatureHeaders: null, or choose a partner scheme',
      };
    try {
      createSigner({ headerNames: overrides }).headerNames(subscription.signatureScheme);
    } catch (error) {
      return { field: 'signatureHeaders', message: (error as Error).message };
    }
  }
  const signatureNames = Object.values(overrides).map((name) => name.toLowerCase());
  for (const name of Object.keys(subscription.headers ?? {})) {
    const lower = name.toLowerCase();
    if (
      RESERVED_HEADER_NAMES.includes(lower) ||
      signatureNames.includes(lower) ||
      lower.startsWith('x-webhook-')
    )
      return { field: `headers.${name}`, message: 'is set by the platform (framing or signature header)' };
  }
  return null;
}
