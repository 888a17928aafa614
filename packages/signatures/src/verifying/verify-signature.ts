import type { KeyObject } from 'node:crypto';
import { computeDigest, type SignedFields } from '../core/compute.js';
import {
  type HeaderNameOptions,
  type ResolvedHeaderNames,
  resolveHeaderNames,
} from '../core/header-names.js';
import { hmacKeyFor } from '../core/keys.js';
import { activeSecrets, isSecretsInput, type SecretsInput, type SigningSecret } from '../core/rotation.js';
import {
  DEFAULT_SIGNATURE_SCHEME,
  getSignatureScheme,
  isSignatureSchemeName,
  type SignatureScheme,
  type SignatureSchemeName,
} from '../core/schemes.js';
import { failure, type VerificationResult } from './errors.js';
import { readMessageHeaders } from './message-headers.js';
import { bodyText, toSignableBody } from './raw-body.js';
import { collectHeaders, readHeader } from './read-headers.js';
import { anyMatches, signatureCandidates } from './signature-candidates.js';

/** How far the sender's clock may be from ours, either way: 5 minutes, in seconds. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export interface VerifySignatureOptions extends HeaderNameOptions {
  /** The scheme the subscription uses; default `standard-webhooks`. Never guessed from the request. */
  readonly scheme?: SignatureSchemeName;
  /** Seconds; default 300. `Infinity` turns the check off (only for replaying stored requests). */
  readonly toleranceSeconds?: number;
  /** The instant the timestamp and secret expiries are judged at; default: now. */
  readonly now?: Date;
}

/**
 * Everything except replay protection. Order: configuration, body, id and timestamp (cheap, and
 * spares HMAC work on stale requests), signature header, then one HMAC per unexpired secret.
 */
export function verifySignature(
  rawBody: unknown,
  headers: unknown,
  secrets: SecretsInput,
  options: VerifySignatureOptions = {},
): VerificationResult {
  const schemeName: unknown = options.scheme ?? DEFAULT_SIGNATURE_SCHEME;
  if (!isSignatureSchemeName(schemeName)) {
    return failure('invalid_configuration', `unknown signature scheme ${JSON.stringify(schemeName)}`);
  }
  const scheme = getSignatureScheme(schemeName);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (typeof tolerance !== 'number' || Number.isNaN(tolerance) || tolerance < 0) {
    return failure('invalid_configuration', 'toleranceSeconds must be a number >= 0');
  }
  const nowMs = options.now?.getTime() ?? Date.now();
  if (!Number.isFinite(nowMs)) return failure('invalid_configuration', 'now must be a valid Date');
  let names: ResolvedHeaderNames;
  try {
    names = resolveHeaderNames(scheme, options);
  } catch (error: unknown) {
    return failure('invalid_configuration', error instanceof Error ? error.message : 'invalid header names');
  }

  const body = toSignableBody(rawBody);
  if (!body.ok) return body;
  const wanted = [names.signature, names.timestamp, names.id].filter((name) => name !== null);
  const collected = collectHeaders(headers, wanted);

  const message = readMessageHeaders(collected, names, tolerance, nowMs);
  if (!message.ok) return message;
  const { id, timestamp } = message;
  const signatureHeader = readHeader(collected, names.signature);
  if (!signatureHeader.ok) return signatureHeader;
  const offered = signatureCandidates(scheme, names.signature, signatureHeader.value);
  if (!offered.ok) return offered;

  if (!isSecretsInput(secrets)) {
    return failure(
      'invalid_configuration',
      'secrets must be a string or a list of strings and { value, expiresAt? }',
    );
  }
  const usable = activeSecrets(secrets, nowMs);
  if (usable.length === 0) return failure('invalid_configuration', 'no unexpired secret to verify with');
  const fields = { id: id ?? '', timestamp: timestamp ?? '', body: body.body };
  const match = matchSecrets(scheme, usable, fields, offered.candidates);
  if (match !== 'matched') {
    return match === 'unusable_secret'
      ? failure('invalid_configuration', 'no signature matched, and a configured secret is malformed')
      : failure('no_matching_signature', 'no signature matched any unexpired secret', names.signature);
  }
  const verifiedTimestamp = timestamp === null ? null : Number(timestamp);
  return { ok: true, scheme: schemeName, id, timestamp: verifiedTimestamp, body: bodyText(body.body) };
}

/**
 * One HMAC per secret, each compared with every offered signature. A malformed secret is skipped
 * so a receiver mid-rotation still verifies with the good one, but reported if nothing matched.
 */
function matchSecrets(
  scheme: SignatureScheme,
  secrets: readonly SigningSecret[],
  fields: SignedFields,
  candidates: readonly string[],
): 'matched' | 'no_match' | 'unusable_secret' {
  let unusable = false;
  for (const secret of secrets) {
    let key: KeyObject;
    try {
      key = hmacKeyFor(scheme, secret.value);
    } catch {
      unusable = true;
      continue;
    }
    if (anyMatches(computeDigest(scheme, key, fields), candidates)) return 'matched';
  }
  return unusable ? 'unusable_secret' : 'no_match';
}
