export { EncryptionEnv, encryptionEnvShape, type KeyringFromEnv, keyringFromEnv } from './encryption-env.js';
export {
  type DecryptFailure,
  type DecryptResult,
  decrypt,
  encrypt,
  isEncrypted,
  keyIdOf,
  type RewrapResult,
  rewrap,
} from './envelope.js';
export { KEY_BYTES, type KeyEncryptionKey, Keyring } from './keyring.js';
