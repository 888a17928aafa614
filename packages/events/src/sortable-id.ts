import { randomBytes } from 'node:crypto';
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
const RANDOM_LIMIT = 1n << 80n;

export interface SortableIdOptions {
  /** Clock in Unix milliseconds; injectable for tests. */
  now?: () => number;
  /** Source of `size` random bytes; injectable for tests. */
  random?: (size: number) => Uint8Array;
}

function encode(value: bigint, length: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < length; i++) {
    out = ALPHABET.charAt(Number(rest & 31n)) + out;
    rest >>= 5n;
  }
  return out;
}

function toBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

/**
 * Returns a generator of 26-char sortable ids. Within one generator ids are strictly
 * increasing: two ids in the same millisecond (or after the clock steps back) reuse the
 * last timestamp and add one to the random part, as the ULID "monotonic" mode does.
 */
export function sortableIdGenerator(options: SortableIdOptions = {}): () => string {
  const now = options.now ?? Date.now;
  const random = options.random ?? ((size: number) => randomBytes(size));
  let lastTime = -1;
  let lastRandom = 0n;

  return () => {
    const time = Math.min(Math.max(Math.floor(now()), 0), MAX_TIME_MS);
    if (time > lastTime) {
      lastTime = time;
      lastRandom = toBigInt(random(RANDOM_BYTES));
    } else {
      lastRandom += 1n;
      // 2^80 ids in one millisecond cannot happen in practice; borrowing the next
      // millisecond keeps the order total instead of throwing.
      if (lastRandom >= RANDOM_LIMIT) {
        lastTime = Math.min(lastTime + 1, MAX_TIME_MS);
        lastRandom = 0n;
      }
    }
    return encode(BigInt(lastTime), TIME_CHARS) + encode(lastRandom, RANDOM_CHARS);
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
