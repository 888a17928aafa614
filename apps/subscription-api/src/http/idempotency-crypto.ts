import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// The stored answer may contain a secret shown once (a subscription secret, a new API key), so
// it is encrypted with a key only the client holds: one derived from its Idempotency-Key. The
// row is found by a hash under another label, so the stored hash does not give the cipher key.

export function idempotencyLookupHash(tenantId: string, key: string): Buffer {
  return createHash('sha256').update(`hookstream.idempotency.lookup\u0000${tenantId}\u0000${key}`).digest();
}

function cipherKey(tenantId: string, key: string): Buffer {
  return createHash('sha256').update(`hookstream.idempotency.cipher\u0000${tenantId}\u0000${key}`).digest();
}

/** SHA-256 of what makes two requests "the same": method, path and the JSON body. */
export function requestHash(method: string, path: string, body: unknown): Buffer {
  return createHash('sha256')
    .update(`${method}\u0000${path}\u0000${JSON.stringify(body ?? null)}`)
    .digest();
}

/** AES-256-GCM: 12-byte IV ‖ 16-byte tag ‖ ciphertext. */
export function sealResponse(tenantId: string, key: string, plaintext: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', cipherKey(tenantId, key), iv);
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
}

export function openResponse(tenantId: string, key: string, sealed: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', cipherKey(tenantId, key), sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
}
