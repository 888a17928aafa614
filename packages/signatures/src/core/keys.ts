import { createSecretKey, type KeyObject } from 'node:crypto';
import { getSignatureScheme, type SignatureScheme, type SignatureSchemeName } from './schemes.js';

/** Prefix of Standard Webhooks symmetric secrets; the rest is base64. */
export const SECRET_PREFIX = 'whsec_';

/** Strict, padded standard base64 (Buffer's decoder silently skips bad characters, so check first). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The Standard Webhooks specification's bounds for a symmetric secret, in bytes. */
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;

/** Keys kept per key kind. A worker signs for thousands of subscriptions; 4,096 × ~200 B ≈ 1 MB. */
const CACHE_LIMIT = 4096;

export class SecretFormatError extends Error {
  override readonly name = 'SecretFormatError';
}

/**
 * On Node 24, `createHmac` with a pre-built KeyObject runs ~5× faster than with a Buffer key, and
 * decoding base64 on every call costs more again (see the README's benchmark). So each secret string
 * is turned into a KeyObject once and kept. Insertion-ordered Maps give FIFO eviction for free.
 */
const cache: Record<SignatureScheme['key'], Map<string, KeyObject>> = {
  'whsec-base64': new Map(),
  utf8: new Map(),
};

/**
 * The HMAC key for `secret` under the scheme's key rule, cached.
 * @throws SecretFormatError when the secret cannot be a key for this scheme.
 */
export function hmacKeyFor(scheme: SignatureScheme, secret: string): KeyObject {
  const kind = scheme.key;
  const byKind = cache[kind];
  const hit = byKind.get(secret);
  if (hit !== undefined) return hit;
  const key = createSecretKey(keyBytes(kind, secret));
  if (byKind.size >= CACHE_LIMIT) {
    const oldest = byKind.keys().next();
    if (oldest.done !== true) byKind.delete(oldest.value);
  }
  byKind.set(secret, key);
  return key;
}

/** The raw key bytes for a secret; exported for tests and for validating secrets at the API. */
export function keyBytes(kind: SignatureScheme['key'], secret: string): Buffer {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new SecretFormatError('the secret is empty');
  }
  if (kind === 'utf8') return Buffer.from(secret, 'utf8');
  // Like the reference libraries, accept the bare base64 as well as the `whsec_` form.
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  if (!BASE64.test(encoded)) {
    throw new SecretFormatError(`a Standard Webhooks secret is ${SECRET_PREFIX} followed by padded base64`);
  }
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length < MIN_KEY_BYTES || bytes.length > MAX_KEY_BYTES) {
    throw new SecretFormatError(
      `a Standard Webhooks secret decodes to ${MIN_KEY_BYTES}-${MAX_KEY_BYTES} bytes, not ${bytes.length}`,
    );
  }
  return bytes;
}

/** Checks a secret for a scheme without throwing; for validating input at the API. */
export function checkSecret(
  scheme: SignatureSchemeName,
  secret: string,
): { readonly ok: true } | { readonly ok: false; readonly message: string } {
  try {
    keyBytes(getSignatureScheme(scheme).key, secret);
    return { ok: true };
  } catch (error: unknown) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Empties the key cache; for tests and for processes that rotate every secret at once. */
export function clearKeyCache(): void {
  for (const byKind of Object.values(cache)) byKind.clear();
}
