/**
 * Why a delivery could not be signed. Every cause is a configuration or programming fault on the
 * sending side (never the receiver's), so the delivery worker should park the message rather than
 * retry it unchanged.
 */
export type SigningErrorCode =
  | 'invalid_message_id'
  | 'invalid_timestamp'
  | 'invalid_body'
  | 'invalid_secret'
  | 'no_active_secret'
  | 'invalid_header_name'
  | 'unknown_scheme';

export class SigningError extends Error {
  override readonly name = 'SigningError';

  constructor(
    readonly code: SigningErrorCode,
    message: string,
  ) {
    super(message);
  }
}
