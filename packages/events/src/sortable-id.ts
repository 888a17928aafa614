import { randomFillSync } from 'node:crypto';
import { ID_PREFIXES, type PrefixedId } from './ids.js';

/**
 * ULID-style ids: 10 chars of milliseconds since the Unix epoch, then 16 chars of randomness,
 * both in Crockford base32. The alphabet is in ASCII order, so ids sort lexicographically by
 * creation time, which keeps database indexes and Kafka logs in time order.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 10; // 50 bits ≥ 48-bit ms timestamp: good until the year 10889
const RANDOM_CHARS = 16; // 80 bits of randomness per millisecond
const RANDOM_BYTES = 10;
const MAX_TIME_MS = 2 ** 48 - 1;
/**
 * Random bytes fetched from the CSPRNG at once and handed out 10 at a time: one
 * `randomFillSync` per 409 ids instead of one `randomBytes` call (and Buffer) per id.
 */
const RANDOM_POOL_BYTES = 4096;

export interface SortableIdOptions {
  /** Clock in Unix milliseconds; injectable for tests. */
  now?: () => number;
  /** Source of `size` random bytes; injectable for tests. */
  random?: (size: number) => Uint8Array;
}

/**
 * `value` (an integer below 2^53) as `length` Crockford base32 digits, most significant first.
 * Plain number arithmetic: exact below 2^53, and no BigInt on the hot path.
 */
export function encodeTime(value: number, length: number = TIME_CHARS): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < length; i++) {
    out = ALPHABET.charAt(rest % 32) + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/**
 * Splits 10 bytes (80 bits, big-endian) into 16 base32 digits of 5 bits each, into `digits`.
 * 8 bits in, 5 bits out: at most 12 bits are ever pending, so plain int arithmetic is exact.
 */
export function randomDigits(bytes: Uint8Array, digits: Uint8Array): void {
  let pending = 0;
  let pendingBits = 0;
  let index = 0;
  for (let i = 0; i < RANDOM_BYTES; i++) {
    pending = (pending << 8) | (bytes[i] ?? 0);
    pendingBits += 8;
    while (pendingBits >= 5) {
      pendingBits -= 5;
      digits[index++] = (pending >> pendingBits) & 31;
    }
    pending &= (1 << pendingBits) - 1;
  }
}

/** Adds one to the 16 base32 digits; false when they were all 31 (they wrap to 0). */
export function incrementDigits(digits: Uint8Array): boolean {
  for (let i = digits.length - 1; i >= 0; i--) {
    const digit = digits[i] ?? 0;
    if (digit < 31) {
      digits[i] = digit + 1;
      return true;
    }
    digits[i] = 0;
  }
  return false;
}

function encodeDigits(digits: Uint8Array): string {
  let out = '';
  for (const digit of digits) out += ALPHABET.charAt(digit);
  return out;
}

/** `size` bytes from a pooled CSPRNG buffer (a view into it: read it before the next call). */
function pooledRandom(): (size: number) => Uint8Array {
  const pool = Buffer.allocUnsafe(RANDOM_POOL_BYTES);
  let used = RANDOM_POOL_BYTES;
  return (size) => {
    if (used + size > RANDOM_POOL_BYTES) {
      randomFillSync(pool);
      used = 0;
    }
    const bytes = pool.subarray(used, used + size);
    used += size;
    return bytes;
  };
}

/**
 * Returns a generator of 26-char sortable ids. Within one generator ids are strictly
 * increasing: two ids in the same millisecond (or after the clock steps back) reuse the
 * last timestamp and add one to the random part, as the ULID "monotonic" mode does.
 */
export function sortableIdGenerator(options: SortableIdOptions = {}): () => string {
  const now = options.now ?? Date.now;
  const random = options.random ?? pooledRandom();
  let lastTime = -1;
  let timePart = '';
  const digits = new Uint8Array(RANDOM_CHARS);

  return () => {
    const time = Math.min(Math.max(Math.floor(now()), 0), MAX_TIME_MS);
    if (time > lastTime) {
      lastTime = time;
      timePart = encodeTime(lastTime);
      randomDigits(random(RANDOM_BYTES), digits);
    } else if (!incrementDigits(digits)) {
      // 2^80 ids in one millisecond cannot happen in practice; borrowing the next
      // millisecond keeps the order total instead of throwing (the digits wrapped to 0).
      lastTime = Math.min(lastTime + 1, MAX_TIME_MS);
      timePart = encodeTime(lastTime);
    }
    return timePart + encodeDigits(digits);
  };
}

// One process-wide generator, so ids of every kind minted here are strictly increasing.
const nextBody = sortableIdGenerator();

/** A fresh sortable id with any prefix, e.g. `newPrefixedId('sub_')`; the body is 26 chars. */
export function newPrefixedId<P extends string>(prefix: P): PrefixedId<P> {
  return `${prefix}${nextBody()}`;
}

/** A fresh event id, e.g. `evt_01JDQ3Z8X4T7G9M2K5N6P8R0SW`: unique, and sorts by creation time. */
export function newEventId(): PrefixedId<typeof ID_PREFIXES.event> {
  return newPrefixedId(ID_PREFIXES.event);
}
