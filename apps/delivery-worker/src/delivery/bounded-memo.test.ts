import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoundedMemo } from './bounded-memo.js';

describe('BoundedMemo', () => {
  const cases: { name: string; limit: number; keys: string[]; computed: string[]; size: number }[] = [
    {
      name: 'computes each key once',
      limit: 10,
      keys: ['a', 'b', 'a', 'b', 'a'],
      computed: ['a', 'b'],
      size: 2,
    },
    {
      name: 'forgets the oldest key at the limit',
      limit: 2,
      keys: ['a', 'b', 'c', 'a'],
      computed: ['a', 'b', 'c', 'a'],
      size: 2,
    },
    {
      name: 'keeps a recent key at the limit',
      limit: 2,
      keys: ['a', 'b', 'c', 'c', 'b'],
      computed: ['a', 'b', 'c'],
      size: 2,
    },
    {
      name: 'remembers an undefined result too',
      limit: 5,
      keys: ['none', 'none'],
      computed: ['none'],
      size: 1,
    },
  ];
  for (const { name, limit, keys, computed, size } of cases)
    it(name, () => {
      const calls: string[] = [];
      const memo = new BoundedMemo<string | undefined>(limit, (key) => {
        calls.push(key);
        return key === 'none' ? undefined : key.toUpperCase();
      });
      for (const key of keys) assert.equal(memo.get(key), key === 'none' ? undefined : key.toUpperCase());
      assert.deepEqual(calls, computed);
      assert.equal(memo.size, size);
    });
});
