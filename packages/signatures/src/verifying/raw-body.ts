import { failure, type VerificationFailure } from './errors.js';

/** What a receiver may hand in: the body exactly as it came off the wire. */
export type RawBody = string | Uint8Array | ArrayBuffer;

/**
 * Checks the body is raw bytes (or the text they decode to) and not something re-built from them.
 * The classic mistake is passing `req.body` after `express.json()` has parsed it: re-serialised JSON
 * differs from what was signed (spacing, key order, number forms), so say so plainly.
 */
export function toSignableBody(
  rawBody: unknown,
): { ok: true; body: string | Uint8Array } | VerificationFailure {
  if (typeof rawBody === 'string' || rawBody instanceof Uint8Array) return { ok: true, body: rawBody };
  if (rawBody instanceof ArrayBuffer) return { ok: true, body: new Uint8Array(rawBody) };
  if (rawBody === undefined || rawBody === null) {
    return failure(
      'invalid_body',
      'no raw body: keep the bytes (NestJS: NestFactory.create(AppModule, { rawBody: true }); Express: express.raw())',
    );
  }
  const got = typeof rawBody;
  const hint =
    typeof rawBody === 'object'
      ? ' (a parsed body? Pass the raw bytes: express.raw(), NestJS rawBody: true, or request.arrayBuffer())'
      : '';
  return failure(
    'invalid_body',
    `the body must be a string, Buffer, Uint8Array or ArrayBuffer, got ${got}${hint}`,
  );
}

/** The verified body as text; a string input is returned as is, without copying. */
export function bodyText(body: string | Uint8Array): string {
  return typeof body === 'string'
    ? body
    : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
}
