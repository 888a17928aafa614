import type { ValidationIssue } from './issues.js';
import type { TypedEvent } from './typed-event.js';

/**
 * Why an event was rejected, in the order the checks run. The router puts the code in the
 * quarantine header and uses it as a metric label, so the list is closed and exported.
 */
export const REJECTION_CODES = [
  'empty',
  'invalid_json',
  'invalid_envelope',
  'unknown_type',
  'invalid_data',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** The codes that checking an already-decoded value can produce. */
export type SchemaRejectionCode = Exclude<RejectionCode, 'empty' | 'invalid_json'>;

export interface Rejection<C extends RejectionCode = RejectionCode> {
  readonly code: C;
  /** Human-readable, names the failing fields, under `MAX_REASON_MESSAGE_LENGTH` characters. */
  readonly message: string;
  /** Every issue found, for callers that want more than the summary (empty for decode errors). */
  readonly issues: readonly ValidationIssue[];
}

export type ParseEventResult<C extends RejectionCode = RejectionCode> =
  | { readonly ok: true; readonly event: TypedEvent }
  | { readonly ok: false; readonly reason: Rejection<C> };
