import type { SecretsInput } from '../core/rotation.js';
import {
  failure,
  type VerificationResult,
  type VerifiedWebhook,
  WebhookVerificationError,
} from './errors.js';
import type { RawBody } from './raw-body.js';
import type { HeadersInput } from './read-headers.js';
import type { AsyncReplayGuard, ReplayGuard } from './replay-guard.js';
import {
  DEFAULT_TOLERANCE_SECONDS,
  type VerifySignatureOptions,
  verifySignature,
} from './verify-signature.js';

export interface VerifyOptions extends VerifySignatureOptions {
  /** Rejects a second delivery of an id within the tolerance window with `replayed`. */
  readonly replayGuard?: ReplayGuard;
}

export interface VerifyAsyncOptions extends VerifySignatureOptions {
  readonly replayGuard?: ReplayGuard | AsyncReplayGuard;
}

/**
 * Verifies a received webhook. Never throws: every fault, in the request or in the receiver's own
 * configuration, comes back as `{ ok: false, error: { code, message } }`.
 *
 * @param rawBody the body exactly as received (not re-serialised JSON); `undefined` (e.g. NestJS
 *   `req.rawBody` without `rawBody: true`) gives `invalid_body`
 * @param headers the request's headers (Node/Express `req.headers`, a record, or Fetch `Headers`)
 * @param secrets one secret, or the list currently configured (expired ones are ignored)
 */
export function verifyWebhook(
  rawBody: RawBody | undefined,
  headers: HeadersInput,
  secrets: SecretsInput,
  options: VerifyOptions = {},
): VerificationResult {
  try {
    const result = verifySignature(rawBody, headers, secrets, options);
    if (!result.ok || options.replayGuard === undefined) return result;
    const [id, expiresAt, nowSeconds] = replayKey(result, options);
    if (id === null) return result;
    return options.replayGuard.checkAndRemember(id, expiresAt, nowSeconds) ? result : replayed(id);
  } catch (error: unknown) {
    return unexpected(error);
  }
}

/** Like `verifyWebhook`, for a shared (async) replay guard. The promise never rejects. */
export async function verifyWebhookAsync(
  rawBody: RawBody | undefined,
  headers: HeadersInput,
  secrets: SecretsInput,
  options: VerifyAsyncOptions = {},
): Promise<VerificationResult> {
  try {
    const result = verifySignature(rawBody, headers, secrets, options);
    if (!result.ok || options.replayGuard === undefined) return result;
    const [id, expiresAt, nowSeconds] = replayKey(result, options);
    if (id === null) return result;
    return (await options.replayGuard.checkAndRemember(id, expiresAt, nowSeconds)) ? result : replayed(id);
  } catch (error: unknown) {
    return unexpected(error);
  }
}

/** Returns the verified webhook or throws a `WebhookVerificationError` with the same code. */
export function verifyWebhookOrThrow(
  rawBody: RawBody | undefined,
  headers: HeadersInput,
  secrets: SecretsInput,
  options: VerifyOptions = {},
): VerifiedWebhook {
  const result = verifyWebhook(rawBody, headers, secrets, options);
  if (!result.ok) throw new WebhookVerificationError(result.error);
  return result;
}

/**
 * What the guard remembers and until when: the id until its timestamp leaves the tolerance window,
 * after which the timestamp check rejects a copy anyway. Schemes without an id are not guarded:
 * there is nothing stable to remember (see the README).
 */
function replayKey(
  result: VerifiedWebhook,
  options: VerifySignatureOptions,
): [string | null, number, number] {
  const nowSeconds = Math.floor((options.now?.getTime() ?? Date.now()) / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  return [result.id, (result.timestamp ?? nowSeconds) + tolerance, nowSeconds];
}

function replayed(id: string): VerificationResult {
  return failure('replayed', `message ${id} was already received within the tolerance window`);
}

/** Fails closed: an exception (e.g. from a replay guard's store) rejects the request. */
function unexpected(error: unknown): VerificationResult {
  return failure(
    'internal_error',
    `verification failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
  );
}
