import { type Keyring, keyringFromEnv } from '@hookstream/envelope-encryption';
import { InvalidConfigError } from '@hookstream/service-kit';
import type { ApiEnv } from '../env.js';

/** Nest injection token for the keyring that seals subscription secrets and headers. */
export const KEYRING = Symbol('KEYRING');

/**
 * The keyring from HOOKSTREAM_ENCRYPTION_KEYS / _ACTIVE_KEY, checked before Nest starts: a
 * missing key in production stops start-up with exit 78 and the variable's name.
 */
export function loadKeyring(
  env: Pick<ApiEnv, 'HOOKSTREAM_ENV' | 'HOOKSTREAM_ENCRYPTION_KEYS' | 'HOOKSTREAM_ENCRYPTION_ACTIVE_KEY'>,
): Keyring {
  const result = keyringFromEnv(env, env.HOOKSTREAM_ENV);
  if (!result.ok) throw new InvalidConfigError(result.problems);
  return result.keyring;
}
