import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Message } from 'kafkajs';
import { chunkByBytes, messageBytes } from './chunk-by-bytes.js';

const ofSize = (bytes: number): Message => ({ key: null, value: 'x'.repeat(bytes) });
const sizes = (chunks: Message[][]) => chunks.map((chunk) => chunk.map((message) => messageBytes(message)));

const cases: Array<[name: string, input: number[], budget: number, expected: number[][]]> = [
  ['nothing in, nothing out', [], 100, []],
  ['everything fits in one chunk', [10, 20, 30], 100, [[10, 20, 30]]],
  ['exactly the budget stays together', [50, 50], 100, [[50, 50]]],
  ['one byte over starts a new chunk', [50, 51], 100, [[50], [51]]],
  ['a message larger than the budget travels alone', [10, 250, 10], 100, [[10], [250], [10]]],
  ['an oversized first message travels alone, not after an empty chunk', [250, 10], 100, [[250], [10]]],
  ['two oversized messages in a row each travel alone', [250, 300], 100, [[250], [300]]],
  ['many small messages fill chunks in order', [40, 40, 40, 40, 40], 100, [[40, 40], [40, 40], [40]]],
];
for (const [name, input, budget, expected] of cases) {
  test(name, () => {
    assert.deepEqual(sizes(chunkByBytes(input.map(ofSize), budget)), expected);
  });
}

test('key, value and headers all count', () => {
  assert.equal(
    messageBytes({ key: 'ab', value: Buffer.from('cde'), headers: { h: 'xy', list: ['1', '22'] } }),
    2 + 3 + 1 + 2 + 4 + 3,
  );
});

test('sizes are UTF-8 bytes, not characters', () => {
  // "é" is 2 bytes, "€" 3 and "😀" 4 in UTF-8 (and 1, 1 and 2 UTF-16 code units).
  assert.equal(messageBytes({ key: 'é', value: '€😀', headers: { ü: 'ß' } }), 2 + 3 + 4 + 2 + 2);
  // Three 2-byte characters are 6 bytes: over a budget of 5 although they are 3 characters.
  const accented = [
    { key: null, value: 'ééé' },
    { key: null, value: 'a' },
  ];
  assert.deepEqual(
    chunkByBytes(accented, 5).map((chunk) => chunk.length),
    [1, 1],
  );
});

test('chunks keep the messages themselves, in order', () => {
  const messages = ['a', 'b', 'c'].map((value) => ({ key: value, value: value.repeat(60) }));
  assert.deepEqual(chunkByBytes(messages, 130).flat(), messages);
});
