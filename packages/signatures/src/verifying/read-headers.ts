import { failure, type VerificationFailure } from './errors.js';

/**
 * Request headers as frameworks hand them over: Node's `IncomingHttpHeaders` (and Express's, which
 * are the same), a plain record a test builds, or a Fetch API `Headers`.
 */
export type HeadersInput = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Longest header value accepted, in characters; Node's own limit is 16 KiB for all headers. */
export const MAX_HEADER_VALUE_LENGTH = 8192;

/** Values seen per wanted header, keyed by lower-case name. Unknown shapes are kept to report. */
export type CollectedHeaders = ReadonlyMap<string, readonly unknown[]>;

interface HeaderIterable {
  forEach(callback: (value: unknown, key: unknown) => void): void;
}

function isHeaderIterable(value: object): value is HeaderIterable {
  return typeof (value as { forEach?: unknown }).forEach === 'function' && !Array.isArray(value);
}

/**
 * Gathers every value of the wanted headers in one pass, matching names case-insensitively, so
 * `{ 'Webhook-Id': a, 'webhook-id': b }` is seen as the duplicate it is rather than picked at random.
 */
export function collectHeaders(headers: unknown, wanted: readonly string[]): CollectedHeaders {
  const lowerWanted = new Set(wanted.map((name) => name.toLowerCase()));
  const found = new Map<string, unknown[]>();
  const add = (key: unknown, value: unknown): void => {
    if (typeof key !== 'string' || value === undefined) return;
    const name = key.toLowerCase();
    if (!lowerWanted.has(name)) return;
    const values = found.get(name) ?? [];
    if (Array.isArray(value)) values.push(...(value as unknown[]));
    else values.push(value);
    found.set(name, values);
  };
  if (typeof headers !== 'object' || headers === null) return found;
  // Headers and Map both iterate as (value, key); anything else is read as a plain record.
  if (isHeaderIterable(headers)) {
    headers.forEach((value, key) => {
      add(key, value);
    });
  } else for (const [key, value] of Object.entries(headers)) add(key, value);
  return found;
}

/**
 * The single value of one header. A header sent twice is refused rather than guessed at: a proxy
 * that duplicates `webhook-id` or `webhook-timestamp` would otherwise decide what gets verified.
 */
export function readHeader(
  collected: CollectedHeaders,
  name: string,
): { ok: true; value: string } | VerificationFailure {
  const values = collected.get(name.toLowerCase()) ?? [];
  const [value] = values;
  if (value === undefined) return failure('missing_header', `the ${name} header is missing`, name);
  if (values.length > 1) {
    return failure(
      'malformed_header',
      `the ${name} header was sent ${values.length} times; send it once`,
      name,
    );
  }
  if (typeof value !== 'string') return failure('malformed_header', `the ${name} header is not text`, name);
  if (value.length === 0) return failure('malformed_header', `the ${name} header is empty`, name);
  if (value.length > MAX_HEADER_VALUE_LENGTH) {
    return failure(
      'malformed_header',
      `the ${name} header is longer than ${MAX_HEADER_VALUE_LENGTH} characters`,
      name,
    );
  }
  return { ok: true, value };
}
