import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KEY_BYTES, type Keyring } from './keyring.js';

/**
 * Ciphertext format, one string so it fits a text column, a JSON field or a header:
 *
 *   hse1.<key id>.<wrapped data key>.<payload>
 *
 * both parts base64url of iv (12 bytes) | ciphertext | GCM tag (16 bytes). Each value gets its
 * own random data key (AES-256-GCM); the data key is wrapped by the key-encryption key named in
 * the string. Re-encryption under a new key only rewraps the 32-byte data key. The payload is
 * bound to a caller-chosen context (GCM additional data), e.g. "sub_123/secret", so a value
 * copied onto another subscription or field fails to decrypt instead of being accepted.
 */
const VERSION = 'hse1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';

export type DecryptFailure = 'not-encrypted' | 'malformed' | 'unknown-key' | 'tampered';

export type DecryptResult =
  | { readonly ok: true; readonly plaintext: string; readonly keyId: string }
  | { readonly ok: false; readonly failure: DecryptFailure; readonly keyId?: string };

interface Parts {
  keyId: string;
  wrappedKey: Buffer;
  payload: Buffer;
}

export function isEncrypted(value: string): boolean {
  return value.startsWith(`${VERSION}.`);
}

/** The id of the key that wrapped this value, or undefined when it is not one of ours. */
export function keyIdOf(value: string): string | undefined {
  return split(value)?.keyId;
}

function seal(key: Buffer, plaintext: Buffer, additionalData: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(additionalData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

/** Undefined when the tag does not verify (wrong key, wrong context or altered bytes). */
function open(key: Buffer, sealed: Buffer, additionalData: string): Buffer | undefined {
  if (sealed.length < IV_BYTES + TAG_BYTES) return undefined;
  const decipher = createDecipheriv(ALGORITHM, key, sealed.subarray(0, IV_BYTES), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(additionalData, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    return undefined;
  }
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function split(value: string): Parts | undefined {
  const parts = value.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) return undefined;
  const [, keyId = '', wrapped = '', payload = ''] = parts;
  if (!BASE64URL.test(keyId) || !BASE64URL.test(wrapped) || !BASE64URL.test(payload)) return undefined;
  return { keyId, wrappedKey: Buffer.from(wrapped, 'base64url'), payload: Buffer.from(payload, 'base64url') };
}

/** The data key is bound to the version and the key id, so neither can be swapped. */
const wrapContext = (keyId: string) => `${VERSION}/${keyId}`;

function join(keyId: string, wrappedKey: Buffer, payload: Buffer): string {
  return `${VERSION}.${keyId}.${wrappedKey.toString('base64url')}.${payload.toString('base64url')}`;
}

/** Encrypts under the keyring's active key. `context` must be given again to decrypt. */
export function encrypt(keyring: Keyring, plaintext: string, context: string): string {
  const dataKey = randomBytes(KEY_BYTES);
  const payload = seal(dataKey, Buffer.from(plaintext, 'utf8'), context);
  const wrappedKey = seal(keyring.activeKey, dataKey, wrapContext(keyring.activeKeyId));
  dataKey.fill(0);
  return join(keyring.activeKeyId, wrappedKey, payload);
}

function unwrap(keyring: Keyring, parts: Parts): Buffer | DecryptFailure {
  const key = keyring.key(parts.keyId);
  if (!key) return 'unknown-key';
  const dataKey = open(key, parts.wrappedKey, wrapContext(parts.keyId));
  if (!dataKey || dataKey.length !== KEY_BYTES) return 'tampered';
  return dataKey;
}

/** Failures are values: a service skips a bad record with a metric instead of crashing. */
export function decrypt(keyring: Keyring, value: string, context: string): DecryptResult {
  if (!isEncrypted(value)) return { ok: false, failure: 'not-encrypted' };
  const parts = split(value);
  if (!parts) return { ok: false, failure: 'malformed' };
  const dataKey = unwrap(keyring, parts);
  if (typeof dataKey === 'string') return { ok: false, failure: dataKey, keyId: parts.keyId };
  const plaintext = open(dataKey, parts.payload, context);
  dataKey.fill(0);
  if (!plaintext) return { ok: false, failure: 'tampered', keyId: parts.keyId };
  return { ok: true, plaintext: plaintext.toString('utf8'), keyId: parts.keyId };
}

export type RewrapResult =
  | { readonly ok: true; readonly value: string; readonly changed: boolean }
  | { readonly ok: false; readonly failure: DecryptFailure; readonly keyId?: string };

/**
 * Re-encrypts a value under the active key by rewrapping its data key; the payload and its
 * context are untouched, so the caller does not need to know the context. A value already
 * under the active key is returned unchanged (`changed: false`), so the command is idempotent.
 */
export function rewrap(keyring: Keyring, value: string): RewrapResult {
  if (!isEncrypted(value)) return { ok: false, failure: 'not-encrypted' };
  const parts = split(value);
  if (!parts) return { ok: false, failure: 'malformed' };
  if (parts.keyId === keyring.activeKeyId) return { ok: true, value, changed: false };
  const dataKey = unwrap(keyring, parts);
  if (typeof dataKey === 'string') return { ok: false, failure: dataKey, keyId: parts.keyId };
  const wrappedKey = seal(keyring.activeKey, dataKey, wrapContext(keyring.activeKeyId));
  dataKey.fill(0);
  return { ok: true, value: join(keyring.activeKeyId, wrappedKey, parts.payload), changed: true };
}
