import { createHash, randomBytes } from 'node:crypto';

/** Prefix that makes a leaked key easy to recognise in logs and secret scanners. */
const KEY_PREFIX = 'hsk_';

export interface GeneratedApiKey {
  /** Shown once, never stored. */
  key: string;
  hash: Buffer;
  /** What the key looks like in listings: "hsk_AbC…wxyz". */
  displayHint: string;
}

/** 32 random bytes (256 bits), base64url: unguessable, so a plain SHA-256 stores it safely. */
export function generateApiKey(): GeneratedApiKey {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key), displayHint: `${key.slice(0, 7)}…${key.slice(-4)}` };
}

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** Extracts the key from an Authorization header value; null when absent or not Bearer. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
