import { randomBytes } from 'node:crypto';
import { SECRET_PREFIX } from '../core/keys.js';

/** Key length of generated secrets: 32 bytes (256 bits), inside the specification's 24-64. */
export const GENERATED_SECRET_BYTES = 32;

/** Characters `maskSecret` reveals: enough to tell two secrets apart in a list, no more. */
const VISIBLE_TAIL = 4;
/** Below this length, revealing 4 characters would give away too much of the secret. */
const MIN_MASKABLE_LENGTH = 12;

/** A new Standard Webhooks secret: `whsec_` + base64 of 32 random bytes (50 characters). */
export function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(GENERATED_SECRET_BYTES).toString('base64');
}

/**
 * A secret for display: `****` + its last 4 characters. Secrets shorter than 12 characters show
 * only `****`, since 4 characters would be a third of them or more.
 */
export function maskSecret(secret: string): string {
  if (secret.length < MIN_MASKABLE_LENGTH) return '****';
  return `****${secret.slice(-VISIBLE_TAIL)}`;
}
