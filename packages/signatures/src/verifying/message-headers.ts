import { isValidMessageId, isValidUnixSeconds } from '../core/fields.js';
import type { ResolvedHeaderNames } from '../core/header-names.js';
import { failure, type VerificationFailure } from './errors.js';
import { type CollectedHeaders, readHeader } from './read-headers.js';

/** The id and timestamp headers as sent (the exact text that was signed); `null` if the scheme has none. */
export interface MessageHeaders {
  readonly ok: true;
  readonly id: string | null;
  readonly timestamp: string | null;
}

/**
 * Reads and checks the id and timestamp headers the scheme sends, including the timestamp
 * tolerance: |now - timestamp| <= toleranceSeconds passes (the bound itself included, as in the
 * reference libraries). Schemes that send a timestamp without signing it still get the check: it
 * stops an honest stale redelivery, though not a forger.
 */
export function readMessageHeaders(
  collected: CollectedHeaders,
  names: ResolvedHeaderNames,
  toleranceSeconds: number,
  nowMs: number,
): MessageHeaders | VerificationFailure {
  let id: string | null = null;
  if (names.id !== null) {
    const read = readHeader(collected, names.id);
    if (!read.ok) return read;
    if (!isValidMessageId(read.value)) {
      return failure('malformed_header', `the ${names.id} header is not a valid message id`, names.id);
    }
    id = read.value;
  }
  let timestamp: string | null = null;
  if (names.timestamp !== null) {
    const read = readHeader(collected, names.timestamp);
    if (!read.ok) return read;
    if (!isValidUnixSeconds(read.value)) {
      return failure(
        'malformed_header',
        `the ${names.timestamp} header is not Unix seconds`,
        names.timestamp,
      );
    }
    const skew = Math.floor(nowMs / 1000) - Number(read.value);
    if (Math.abs(skew) > toleranceSeconds) {
      const direction = skew > 0 ? 'old' : 'in the future';
      const message = `the timestamp is ${Math.abs(skew)} s ${direction}; the tolerance is ${toleranceSeconds} s`;
      return failure('timestamp_out_of_tolerance', message, names.timestamp);
    }
    timestamp = read.value;
  }
  return { ok: true, id, timestamp };
}
