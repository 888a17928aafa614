import { type Keyring, keyringFromEnv } from '@hookstream/envelope-encryption';
import { InvalidConfigError } from '@hookstream/service-kit';
import type { WorkerEnv } from './env.js';

/**
 * The keyring that opens subscription secrets, from HOOKSTREAM_ENCRYPTION_KEYS. main.ts calls
 * it before Nest starts, so a missing key in production stops start-up with exit 78 and the
 * variable's name.
 */
export function loadKeyring(env: WorkerEnv): Keyring {
  const result = keyringFromEnv(env, env.HOOKSTREAM_ENV);
  if (!result.ok) throw new InvalidConfigError(result.problems);
  return result.keyring;
}
