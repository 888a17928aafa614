/**
 * The shape of the id and timestamp header values. The signer refuses anything else and the
 * verifier reports it as a malformed header, so both sides share one definition.
 */

/** Longest accepted message id, in characters; ours are ~30, Svix-style ids stay far below. */
export const MAX_MESSAGE_ID_LENGTH = 256;

/**
 * Visible ASCII without '.': the signed content is `id.timestamp.body`, and the specification asks
 * that the id never contain the separator, or one message could be re-read as another. Excluding
 * spaces and control characters also keeps CR/LF out of headers.
 */
const MESSAGE_ID = /^[\x21-\x2d\x2f-\x7e]+$/;

/** Unix seconds: a non-negative integer without leading zeros, up to 12 digits (year 33658). */
const UNIX_SECONDS = /^(?:0|[1-9][0-9]{0,11})$/;

export function isValidMessageId(id: string): boolean {
  return id.length > 0 && id.length <= MAX_MESSAGE_ID_LENGTH && MESSAGE_ID.test(id);
}

export function isValidUnixSeconds(timestamp: string): boolean {
  return UNIX_SECONDS.test(timestamp);
}
