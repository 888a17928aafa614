/**
 * Bodies the platform sends. Receivers of `hmac-sha512-timestamp-hex` commonly verify against
 * `timestamp + "." + JSON.stringify(JSON.parse(body))` instead of the raw bytes, so a body must
 * survive that round trip byte for byte. `JSON.stringify` output always does (no whitespace, its
 * own number and escape forms, integer-like keys first); other serialisers' output may not.
 */

/** The compact JSON body to send for a payload. @throws TypeError for values JSON cannot carry. */
export function toWebhookBody(payload: unknown): string {
  const body = JSON.stringify(payload);
  if (typeof body !== 'string')
    throw new TypeError('the payload has no JSON form (undefined, a function or a symbol)');
  return body;
}

/** True when `JSON.stringify(JSON.parse(body)) === body`, i.e. re-serialising receivers still match. */
export function isRoundTripStableJson(body: string): boolean {
  try {
    return JSON.stringify(JSON.parse(body)) === body;
  } catch {
    return false;
  }
}
