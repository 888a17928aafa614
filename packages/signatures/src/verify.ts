/**
 * `@hookstream/signatures/verify`: the receiver SDK. Verifies every scheme the platform signs
 * with; imports no signing-only code (secret generation, the signer).
 */
export { type HeaderNameOptions, type ResolvedHeaderNames, resolveHeaderNames } from './core/header-names.js';
export { checkSecret, SECRET_PREFIX } from './core/keys.js';
export { activeSecrets, type SecretsInput, type SigningSecret } from './core/rotation.js';
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
export {
  type VerificationError,
  type VerificationErrorCode,
  type VerificationFailure,
  type VerificationResult,
  type VerifiedWebhook,
  WebhookVerificationError,
} from './verifying/errors.js';
export type { RawBody } from './verifying/raw-body.js';
export { type HeadersInput, MAX_HEADER_VALUE_LENGTH } from './verifying/read-headers.js';
export {
  type AsyncReplayGuard,
  createMemoryReplayGuard,
  MemoryReplayGuard,
  type MemoryReplayGuardOptions,
  type ReplayGuard,
} from './verifying/replay-guard.js';
export { DEFAULT_TOLERANCE_SECONDS } from './verifying/verify-signature.js';
export {
  type VerifyAsyncOptions,
  type VerifyOptions,
  verifyWebhook,
  verifyWebhookAsync,
  verifyWebhookOrThrow,
} from './verifying/verify-webhook.js';
