import { createHash } from 'node:crypto';
import { z } from 'zod';
import { KEY_BYTES, KEY_ID_PATTERN, type KeyEncryptionKey, Keyring } from './keyring.js';

/**
 * The key used when HOOKSTREAM_ENV=development and no keys are configured, so `./hookstream up`
 * and the tests need no setup. It is public (derived from this sentence), so production refuses it.
 */
const DEVELOPMENT_KEY: KeyEncryptionKey = {
  id: 'dev',
  key: createHash('sha256').update('hookstream development key: public, never for production').digest(),
};

function parseKeys(value: string, context: z.RefinementCtx): KeyEncryptionKey[] {
  const keys: KeyEncryptionKey[] = [];
  for (const entry of value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf(':');
    const id = separator > 0 ? entry.slice(0, separator) : '';
    const encoded = entry.slice(separator + 1);
    // Only the id goes into a message: the key itself must never reach a log.
    if (!KEY_ID_PATTERN.test(id)) {
      context.addIssue({
        code: 'custom',
        message: `each entry is <id>:<base64 key>; id must match ${KEY_ID_PATTERN}`,
      });
      continue;
    }
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== KEY_BYTES || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) {
      context.addIssue({
        code: 'custom',
        message: `key "${id}" must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32)`,
      });
      continue;
    }
    keys.push({ id, key });
  }
  return keys;
}

/** Env fields of the keyring; every service that reads or writes secrets spreads them. */
export const encryptionEnvShape = {
  /**
   * Key-encryption keys, comma-separated "<id>:<base64 of 32 random bytes>", e.g.
   * "k1:...,k2:...". Keep every key that still wraps stored values; required in production.
   */
  HOOKSTREAM_ENCRYPTION_KEYS: z.string().default('').transform(parseKeys),
  /** Id of the key new values are encrypted with; one of HOOKSTREAM_ENCRYPTION_KEYS. */
  HOOKSTREAM_ENCRYPTION_ACTIVE_KEY: z.string().optional(),
} as const;

export const EncryptionEnv = z.object(encryptionEnvShape);
export type EncryptionEnv = z.infer<typeof EncryptionEnv>;

export type KeyringFromEnv =
  | { readonly ok: true; readonly keyring: Keyring; readonly development: boolean }
  | { readonly ok: false; readonly problems: string[] };

/**
 * The keyring the environment describes. Problems name the variable (never a key), for the
 * caller to turn into its configuration error. Development without keys gets the public
 * development key; production without keys, or with that key, is refused.
 */
export function keyringFromEnv(env: EncryptionEnv, mode: 'production' | 'development'): KeyringFromEnv {
  const keys = env.HOOKSTREAM_ENCRYPTION_KEYS;
  if (keys.length === 0) {
    if (mode === 'development') {
      return { ok: true, keyring: new Keyring([DEVELOPMENT_KEY], DEVELOPMENT_KEY.id), development: true };
    }
    return { ok: false, problems: ['HOOKSTREAM_ENCRYPTION_KEYS: required when HOOKSTREAM_ENV=production'] };
  }
  const problems: string[] = [];
  if (mode === 'production' && keys.some(({ key }) => key.equals(DEVELOPMENT_KEY.key))) {
    problems.push('HOOKSTREAM_ENCRYPTION_KEYS: the public development key is not allowed in production');
  }
  const ids = keys.map(({ id }) => id);
  if (new Set(ids).size !== ids.length) problems.push('HOOKSTREAM_ENCRYPTION_KEYS: a key id appears twice');
  const active = env.HOOKSTREAM_ENCRYPTION_ACTIVE_KEY ?? (keys.length === 1 ? keys[0]?.id : undefined);
  if (active === undefined) {
    problems.push('HOOKSTREAM_ENCRYPTION_ACTIVE_KEY: required when more than one key is configured');
  } else if (!ids.includes(active)) {
    problems.push(
      `HOOKSTREAM_ENCRYPTION_ACTIVE_KEY: "${active}" is not among the configured key ids (${ids.join(', ')})`,
    );
  }
  if (problems.length > 0 || active === undefined) return { ok: false, problems };
  return { ok: true, keyring: new Keyring(keys, active), development: false };
}
