import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findUnsafeText } from './text-safety.js';

test('findUnsafeText names every string or key Postgres cannot store, by path', () => {
  const cases: Array<[name: string, value: unknown, fields: string[]]> = [
    ['clean values', { url: 'https://x', list: ['a', 1, null], nested: { ok: 'é😀' } }, []],
    ['NUL in a field', { description: 'a\u0000b' }, ['description']],
    ['a lone low surrogate', { name: 'x\udfff' }, ['name']],
    ['a lone high surrogate at the end', { name: 'x\ud800' }, ['name']],
    ['a paired surrogate (an emoji) is fine', { name: '\ud83d\ude00' }, []],
    ['inside an array', { eventTypes: ['card.*', 'x\u0000'] }, ['eventTypes.1']],
    ['inside a nested object', { headers: { Authorization: 'a\u0000' } }, ['headers.Authorization']],
    ['in a key', { 'bad\u0000key': 1 }, ['(key)']],
    ['in a nested key', { headers: { 'x\udfff': 'v' } }, ['headers.(key)']],
    ['the value itself', 'sub_\u0000', ['cursor']],
    ['several at once', { a: '\u0000', b: ['\udfff'] }, ['a', 'b.0']],
  ];
  for (const [name, value, fields] of cases) {
    assert.deepEqual(
      findUnsafeText(value, 'cursor').map((problem) => problem.field),
      fields,
      name,
    );
  }
});
