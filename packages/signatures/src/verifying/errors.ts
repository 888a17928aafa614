import type { SignatureSchemeName } from '../core/schemes.js';

/**
 * Why a request did not verify. Request faults: `missing_header`, `malformed_header` (also a header
 * sent twice, or over 8 KiB), `timestamp_out_of_tolerance`, `no_matching_signature`, `replayed`,
 * `invalid_body` (not raw bytes, e.g. an already-parsed object). Receiver faults:
 * `invalid_configuration` (bad options, unusable or all-expired secrets) and `internal_error` (an
 * exception from a replay guard). Answer request faults with 400/401; never process the body.
 */
export type VerificationErrorCode =
  | 'missing_header'
  | 'malformed_header'
  | 'timestamp_out_of_tolerance'
  | 'no_matching_signature'
  | 'replayed'
  | 'invalid_body'
  | 'invalid_configuration'
  | 'internal_error';

export interface VerificationError {
  readonly code: VerificationErrorCode;
  /** For logs. Never contains a secret or an expected signature. */
  readonly message: string;
  /** The header at fault, for the header codes. */
  readonly header?: string;
}

/** A request that verified: its signature matched an unexpired secret, its timestamp is recent. */
export interface VerifiedWebhook {
  readonly ok: true;
  readonly scheme: SignatureSchemeName;
  /** The message id (`webhook-id`, `X-Webhook-ID`); `null` for schemes that send none. */
  readonly id: string | null;
  /** The sender's Unix seconds; `null` for schemes that send no timestamp. */
  readonly timestamp: number | null;
  /** The verified body as UTF-8 text, ready for `JSON.parse`. */
  readonly body: string;
}

export interface VerificationFailure {
  readonly ok: false;
  readonly error: VerificationError;
}

export type VerificationResult = VerifiedWebhook | VerificationFailure;

export function failure(code: VerificationErrorCode, message: string, header?: string): VerificationFailure {
  return { ok: false, error: header === undefined ? { code, message } : { code, message, header } };
}

/** Thrown by `verifyWebhookOrThrow`; carries the same code as the result form. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  readonly code: VerificationErrorCode;
  readonly header: string | undefined;

  constructor(error: VerificationError) {
    super(error.message);
    this.code = error.code;
    this.header = error.header;
  }
}
