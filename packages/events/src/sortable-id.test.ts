import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventId } from './ids.js';
import {
  encodeTime,
  incrementDigits,
  newEventId,
  newPrefixedId,
  randomDigits,
  sortableIdGenerator,
} from './sortable-id.js';

const CROCKFORD_26 = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const zeros = (size: number) => new Uint8Array(size);
const ones = (size: number) => new Uint8Array(size).fill(0xff);

describe('newEventId', () => {
  it('is evt_ plus 26 Crockford base32 characters and a valid EventId', () => {
    const id = newEventId();
    assert.match(id, /^evt_[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.equal(EventId.safeParse(id).success, true);
  });

  it('is unique and strictly increasing over many calls in the same process', () => {
    const ids = Array.from({ length: 10_000 }, () => newEventId());
    assert.equal(new Set(ids).size, ids.length);
    for (let i = 1; i < ids.length; i++)
      assert.ok((ids[i - 1] ?? '') < (ids[i] ?? ''), `${ids[i - 1]} < ${ids[i]}`);
  });
});

describe('newPrefixedId', () => {
  it('uses the given prefix and the same sortable body', () => {
    const first = newPrefixedId('sub_');
    const second = newPrefixedId('sub_');
    assert.match(first, /^sub_[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.ok(first < second);
  });
});

describe('sortableIdGenerator', () => {
  it('encodes the timestamp in the first 10 characters (ULID spec example)', () => {
    const next = sortableIdGenerator({ now: () => 1469918176385, random: zeros });
    assert.equal(next(), '01ARYZ6S410000000000000000');
  });

  it('sorts lexicographically by time even when randomness says otherwise', () => {
    let time = 1_700_000_000_000;
    let flip = false;
    // Alternate all-ones and all-zeros randomness so only the time part can order the ids.
    const next = sortableIdGenerator({
      now: () => time,
      random: (size) => {
        flip = !flip;
        return flip ? ones(size) : zeros(size);
      },
    });
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      ids.push(next());
      time += 1 + (i % 7) * 1000;
    }
    assert.deepEqual([...ids].sort(), ids);
    for (const id of ids) assert.match(id, CROCKFORD_26);
  });

  it('increments the random part within one millisecond', () => {
    const next = sortableIdGenerator({ now: () => 0, random: zeros });
    assert.deepEqual(
      [next(), next(), next()],
      [`${'0'.repeat(26)}`, `${'0'.repeat(25)}1`, `${'0'.repeat(25)}2`],
    );
  });

  it('stays ordered when the clock steps back', () => {
    const times = [5_000, 4_000, 3_000];
    const next = sortableIdGenerator({ now: () => times.shift() ?? 0, random: zeros });
    const ids = [next(), next(), next()];
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, 3);
  });

  it('borrows the next millisecond when the random part would overflow', () => {
    const next = sortableIdGenerator({ now: () => 0, random: ones });
    const first = next();
    const second = next();
    assert.equal(first, `0000000000${'Z'.repeat(16)}`);
    assert.equal(second, `0000000001${'0'.repeat(16)}`);
  });
});

/** The former BigInt encoding, kept as the reference the number arithmetic must match. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function referenceEncode(value: bigint, length: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < length; i++) {
    out = ALPHABET.charAt(Number(rest & 31n)) + out;
    rest >>= 5n;
  }
  return out;
}
const bigIntOf = (bytes: Uint8Array) => bytes.reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
const digitsText = (digits: Uint8Array) => [...digits].map((digit) => ALPHABET.charAt(digit)).join('');

describe('encodeTime', () => {
  const cases = [0, 1, 31, 32, 1469918176385, 1_700_000_000_000, 2 ** 48 - 1, 2 ** 50 - 1];
  for (const ms of cases)
    it(`encodes ${ms} as the BigInt reference does`, () => {
      assert.equal(encodeTime(ms), referenceEncode(BigInt(ms), 10));
    });
});

describe('randomDigits', () => {
  const cases: { name: string; bytes: number[] }[] = [
    { name: 'zeros', bytes: Array(10).fill(0) },
    { name: 'ones', bytes: Array(10).fill(0xff) },
    { name: 'ascending', bytes: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
    { name: 'alternating bits', bytes: Array(10).fill(0xaa) },
    { name: 'high bit only', bytes: [0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
    { name: 'low bit only', bytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1] },
    { name: 'mixed', bytes: [0xde, 0xad, 0xbe, 0xef, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab] },
  ];
  for (const { name, bytes } of cases)
    it(`splits ${name} into the 16 digits of the BigInt reference`, () => {
      const digits = new Uint8Array(16);
      randomDigits(Uint8Array.from(bytes), digits);
      assert.equal(digitsText(digits), referenceEncode(bigIntOf(Uint8Array.from(bytes)), 16));
    });
});

describe('incrementDigits', () => {
  const cases: { name: string; before: string; after: string; carriedOut: boolean }[] = [
    { name: 'last digit', before: `${'0'.repeat(16)}`, after: `${'0'.repeat(15)}1`, carriedOut: false },
    {
      name: 'carry into the next',
      before: `${'0'.repeat(15)}Z`,
      after: `${'0'.repeat(14)}10`,
      carriedOut: false,
    },
    {
      name: 'carry over several',
      before: `0${'Z'.repeat(15)}`,
      after: `1${'0'.repeat(15)}`,
      carriedOut: false,
    },
    { name: 'overflow of all 80 bits', before: 'Z'.repeat(16), after: '0'.repeat(16), carriedOut: true },
  ];
  for (const { name, before, after, carriedOut } of cases)
    it(`adds one: ${name}`, () => {
      const digits = Uint8Array.from([...before].map((char) => ALPHABET.indexOf(char)));
      assert.equal(incrementDigits(digits), !carriedOut);
      assert.equal(digitsText(digits), after);
    });
});

describe('the default generator', () => {
  it('draws fresh randomness per millisecond from its pool (no two milliseconds share it)', () => {
    let time = 1_700_000_000_000;
    const next = sortableIdGenerator({ now: () => time++ });
    // More than one pool's worth (4,096 bytes = 409 ids), so the pool is refilled on the way.
    const randomParts = Array.from({ length: 1_000 }, () => next().slice(10));
    assert.equal(new Set(randomParts).size, randomParts.length);
  });
});
