/**
 * `@hookstream/signatures/sign`: what the platform needs to sign deliveries and manage secrets.
 * The delivery worker and the API's test-send sign through here; nothing else signs.
 */
export { type HeaderNameOptions, type ResolvedHeaderNames, resolveHeaderNames } from './core/header-names.js';
export { checkSecret, clearKeyCache, SECRET_PREFIX } from './core/keys.js';
export {
  activeSecrets,
  DEFAULT_ROTATION_OVERLAP_SECONDS,
  type RotateOptions,
  rotateSecrets,
  type SecretsInput,
  type SigningSecret,
} from './core/rotation.js';
export {
  DEFAULT_SIGNATURE_SCHEME,
  getSignatureScheme,
  isSignatureSchemeName,
  SIGNATURE_SCHEME_NAMES,
  SIGNATURE_SCHEMES,
  type SignatureScheme,
  type SignatureSchemeName,
  type SignedPart,
} from './core/schemes.js';
export { isRoundTripStableJson, toWebhookBody } from './signing/json-body.js';
export { GENERATED_SECRET_BYTES, generateSecret, maskSecret } from './signing/secrets.js';
export {
  createSigner,
  type Signer,
  type SignWebhookInput,
  signWebhook,
  type WebhookHeaders,
} from './signing/sign-webhook.js';
export { SigningError, type SigningErrorCode } from './signing/signing-error.js';
