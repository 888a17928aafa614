import { computeDigest } from '../core/compute.js';
import { isValidMessageId } from '../core/fields.js';
import {
  type HeaderNameOptions,
  type ResolvedHeaderNames,
  resolveHeaderNames,
} from '../core/header-names.js';
import { hmacKeyFor, SecretFormatError } from '../core/keys.js';
import { activeSecrets, type SecretsInput, type SigningSecret } from '../core/rotation.js';
import {
  DEFAULT_SIGNATURE_SCHEME,
  getSignatureScheme,
  SIGNATURE_SCHEME_NAMES,
  type SignatureScheme,
  type SignatureSchemeName,
} from '../core/schemes.js';
import { SigningError } from './signing-error.js';

export interface SignWebhookInput {
  /** Default `standard-webhooks`. */
  readonly scheme?: SignatureSchemeName;
  /** The delivery's id, the same on every retry of one event to one subscription (`msg_…`). */
  readonly msgId: string;
  /** The attempt's time: a Date or Unix seconds (an integer). Default: now. */
  readonly timestamp?: Date | number;
  /** The exact bytes that will be sent; a string is sent (and signed) as UTF-8. */
  readonly body: string | Uint8Array;
  /** The subscription's secrets; expired ones are skipped. */
  readonly secrets: SecretsInput;
  /** The instant expiries are judged at; default: now. */
  readonly now?: Date;
}

/** Header name → value, ready to merge into the outgoing request's headers. */
export type WebhookHeaders = Record<string, string>;

export interface Signer {
  /** The headers to send with this body. @throws SigningError */
  sign(input: SignWebhookInput): WebhookHeaders;
  /** The header names this signer uses for a scheme. */
  headerNames(scheme: SignatureSchemeName): ResolvedHeaderNames;
}

/**
 * A signer bound to one deployment's header naming. Header names are resolved once here, so
 * `sign` only computes HMACs (with cached keys) and builds one small object.
 * @throws SigningError (`invalid_header_name`) when the options give an invalid header name.
 */
export function createSigner(options: HeaderNameOptions = {}): Signer {
  const names = new Map<SignatureSchemeName, ResolvedHeaderNames>();
  for (const name of SIGNATURE_SCHEME_NAMES) {
    try {
      names.set(name, resolveHeaderNames(getSignatureScheme(name), options));
    } catch (error: unknown) {
      throw new SigningError('invalid_header_name', error instanceof Error ? error.message : String(error));
    }
  }
  const headerNames = (scheme: SignatureSchemeName): ResolvedHeaderNames => {
    const resolved = names.get(scheme);
    if (resolved === undefined)
      throw new SigningError('unknown_scheme', `unknown signature scheme ${scheme}`);
    return resolved;
  };
  return {
    headerNames,
    sign: (input) => {
      const schemeName = input.scheme ?? DEFAULT_SIGNATURE_SCHEME;
      const resolved = headerNames(schemeName); // throws first for an unknown name
      return buildHeaders(getSignatureScheme(schemeName), resolved, input);
    },
  };
}

let defaultSigner: Signer | undefined;

/** Signs with the default header names; see `createSigner` for a configured prefix. @throws SigningError */
export function signWebhook(input: SignWebhookInput, options?: HeaderNameOptions): WebhookHeaders {
  if (options !== undefined) return createSigner(options).sign(input);
  defaultSigner ??= createSigner();
  return defaultSigner.sign(input);
}

function buildHeaders(
  scheme: SignatureScheme,
  names: ResolvedHeaderNames,
  input: SignWebhookInput,
): WebhookHeaders {
  if (typeof input.msgId !== 'string' || !isValidMessageId(input.msgId)) {
    throw new SigningError('invalid_message_id', 'msgId must be 1-256 visible ASCII characters without "."');
  }
  if (typeof input.body !== 'string' && !(input.body instanceof Uint8Array)) {
    throw new SigningError('invalid_body', 'body must be the string or bytes that will be sent');
  }
  const timestamp = unixSeconds(input.timestamp ?? input.now ?? new Date());
  const nowMs = input.now?.getTime() ?? Date.now();
  const secrets = activeSecrets(input.secrets, nowMs);
  const first = secrets[0];
  if (first === undefined)
    throw new SigningError('no_active_secret', 'every secret has expired (or none given)');
  const signingSecrets: SigningSecret[] = scheme.multipleSignatures ? secrets : [first];
  const fields = { id: input.msgId, timestamp, body: input.body };
  const signatures = signingSecrets.map(
    (secret) => scheme.signaturePrefix + computeDigest(scheme, keyFor(scheme, secret.value), fields),
  );
  const headers: WebhookHeaders = {};
  if (names.id !== null) headers[names.id] = input.msgId;
  if (names.timestamp !== null) headers[names.timestamp] = timestamp;
  headers[names.signature] = signatures.join(' ');
  return headers;
}

function keyFor(scheme: SignatureScheme, secret: string) {
  try {
    return hmacKeyFor(scheme, secret);
  } catch (error: unknown) {
    if (error instanceof SecretFormatError) throw new SigningError('invalid_secret', error.message);
    throw error;
  }
}

function unixSeconds(value: Date | number): string {
  const seconds = typeof value === 'number' ? value : Math.floor(value.getTime() / 1000);
  if (!Number.isSafeInteger(seconds) || seconds < 0) {
    throw new SigningError(
      'invalid_timestamp',
      `timestamp must be a valid Date or Unix seconds, got ${String(value)}`,
    );
  }
  return String(seconds);
}
