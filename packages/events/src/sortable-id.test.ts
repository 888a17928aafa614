import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventId } from './ids.js';
import { newEventId, newPrefixedId, sortableIdGenerator } from './sortable-id.js';

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
