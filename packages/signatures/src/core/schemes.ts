/**
 * The signature schemes as data. Signing and verification read every choice (algorithm, encoding,
 * what is signed, key handling, header names, prefix) from this table, so a new scheme is one
 * more row here and a worked example in the README, not a new code path.
 */

/** Names are stable: they are stored per subscription and exposed in the public API. */
export const SIGNATURE_SCHEME_NAMES = [
  'standard-webhooks',
  'hmac-sha256-hex',
  'hmac-sha512-timestamp-hex',
  'hmac-sha256-base64',
] as const;

export type SignatureSchemeName = (typeof SIGNATURE_SCHEME_NAMES)[number];

export const DEFAULT_SIGNATURE_SCHEME: SignatureSchemeName = 'standard-webhooks';

/** A piece of the message that goes into the HMAC; pieces are joined with '.' in the order listed. */
export type SignedPart = 'id' | 'timestamp' | 'body';

export interface SignatureScheme {
  readonly name: SignatureSchemeName;
  readonly description: string;
  readonly algorithm: 'sha256' | 'sha512';
  readonly encoding: 'base64' | 'hex';
  /**
   * How the secret string becomes HMAC key bytes.
   * - `whsec-base64`: strip an optional `whsec_` and base64-decode the rest (Standard Webhooks).
   * - `utf8`: the secret string's own UTF-8 bytes, exactly as partners' code passes it to HMAC.
   */
  readonly key: 'whsec-base64' | 'utf8';
  /** What is signed; the body is always last so it can be streamed into the HMAC as raw bytes. */
  readonly signs: readonly [...Exclude<SignedPart, 'body'>[], 'body'];
  /** Put in front of the encoded digest inside the header value, e.g. `v1,` or `sha256=`. */
  readonly signaturePrefix: string;
  /**
   * true: one space-separated signature per unexpired secret (rotation overlap).
   * false: a single signature made with the newest secret.
   */
  readonly multipleSignatures: boolean;
  /**
   * Header names. A name is `prefix + part`. A `null` prefix means the names are fixed by a
   * specification and the deployment's `headerPrefix` does not apply; a `null` part means the
   * scheme does not send that header.
   */
  readonly headers: {
    readonly prefix: string | null;
    readonly signature: string;
    readonly timestamp: string | null;
    readonly id: string | null;
  };
}

export const SIGNATURE_SCHEMES = {
  'standard-webhooks': {
    name: 'standard-webhooks',
    description:
      'Standard Webhooks v1 (the default): v1,base64(HMAC-SHA256(base64-decoded secret, "id.timestamp.body")), ' +
      'one signature per unexpired secret, space-separated.',
    algorithm: 'sha256',
    encoding: 'base64',
    key: 'whsec-base64',
    signs: ['id', 'timestamp', 'body'],
    signaturePrefix: 'v1,',
    multipleSignatures: true,
    headers: {
      prefix: null,
      signature: 'webhook-signature',
      timestamp: 'webhook-timestamp',
      id: 'webhook-id',
    },
  },
  'hmac-sha256-hex': {
    name: 'hmac-sha256-hex',
    description:
      'sha256=hex(HMAC-SHA256(secret as UTF-8, body)) in X-Webhook-Signature, with X-Webhook-Timestamp and ' +
      'X-Webhook-ID sent alongside but not signed. The X-Webhook- prefix is configurable.',
    algorithm: 'sha256',
    encoding: 'hex',
    key: 'utf8',
    signs: ['body'],
    signaturePrefix: 'sha256=',
    multipleSignatures: false,
    headers: { prefix: 'X-Webhook-', signature: 'Signature', timestamp: 'Timestamp', id: 'ID' },
  },
  'hmac-sha512-timestamp-hex': {
    name: 'hmac-sha512-timestamp-hex',
    description:
      'hex(HMAC-SHA512(secret as UTF-8, "timestamp.body")) in X-Webhook-Signature, the Unix timestamp in ' +
      'X-Webhook-Timestamp. Header names configurable.',
    algorithm: 'sha512',
    encoding: 'hex',
    key: 'utf8',
    signs: ['timestamp', 'body'],
    signaturePrefix: '',
    multipleSignatures: false,
    headers: { prefix: 'X-Webhook-', signature: 'Signature', timestamp: 'Timestamp', id: null },
  },
  'hmac-sha256-base64': {
    name: 'hmac-sha256-base64',
    description:
      'base64(HMAC-SHA256(secret as UTF-8, body)) in a single header (X-Webhook-Signature by default, ' +
      'configurable, e.g. x-em-signature). No timestamp and no id: nothing limits replays.',
    algorithm: 'sha256',
    encoding: 'base64',
    key: 'utf8',
    signs: ['body'],
    signaturePrefix: '',
    multipleSignatures: false,
    headers: { prefix: 'X-Webhook-', signature: 'Signature', timestamp: null, id: null },
  },
} as const satisfies Readonly<{ [N in SignatureSchemeName]: SignatureScheme & { readonly name: N } }>;

/** True for any string that names a scheme; use it to narrow untrusted input. */
export function isSignatureSchemeName(value: unknown): value is SignatureSchemeName {
  return typeof value === 'string' && (SIGNATURE_SCHEME_NAMES as readonly string[]).includes(value);
}

/** The table row for `name`, widened to the `SignatureScheme` shape so callers need no narrowing. */
export function getSignatureScheme(name: SignatureSchemeName): SignatureScheme {
  return SIGNATURE_SCHEMES[name];
}
