import { toHeaderText } from './issues.js';
import type { ParseEventResult, Rejection } from './rejection.js';
import { validateEvent } from './validate-event.js';

// `fatal` turns malformed UTF-8 into an error instead of U+FFFD replacement characters, which
// would silently change the event. A leading byte-order mark is skipped (RFC 8259 allows it).
const utf8 = new TextDecoder('utf-8', { fatal: true });

function reject(code: 'empty' | 'invalid_json', message: string): { ok: false; reason: Rejection } {
  return { ok: false, reason: { code, message: toHeaderText(message), issues: [] } };
}

/**
 * The router's entry point: a Kafka message value in, a typed event or a rejection reason out.
 * Checks run in order: empty → UTF-8 → JSON → envelope → known type → data schema, and the
 * first failure wins. Never throws, so one bad message cannot stop a consumer.
 */
export function parseEvent(raw: Uint8Array | string | null | undefined): ParseEventResult {
  if (raw === null || raw === undefined || raw.length === 0) {
    return reject('empty', 'message value is empty (null or zero bytes)');
  }

  let text: string;
  if (typeof raw === 'string') {
    text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  } else {
    try {
      text = utf8.decode(raw);
    } catch {
      return reject('invalid_json', 'message value is not valid UTF-8');
    }
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // Any throw here (SyntaxError, or RangeError on absurd nesting) means "not usable JSON".
    const detail = error instanceof Error ? error.message : String(error);
    return reject('invalid_json', `invalid JSON: ${detail}`);
  }

  return validateEvent(value);
}
