import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Message } from 'kafkajs';
import { chunkByBytes, messageBytes, PRODUCE_BUDGET_BYTES } from './chunk-by-bytes.js';

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

test('a message without a key or headers counts its value only', () => {
  assert.equal(messageBytes({ value: 'abc' }), 3);
  assert.equal(messageBytes({ key: 'k', value: null }), 1);
});

test("the default budget keeps each request under the broker's default 1 MiB, yet groups 64 KiB messages", () => {
  // The broker's default record-batch limit (message.max.bytes) is about 1 MiB.
  const brokerDefaultBytes = 1_048_576;
  const messages = Array.from({ length: 32 }, () => ofSize(64 * 1024));
  const chunks = chunkByBytes(messages, PRODUCE_BUDGET_BYTES);
  assert.ok(chunks.length < messages.length, 'several 64 KiB messages share a request');
  for (const chunk of chunks) {
    const bytes = chunk.reduce((sum, message) => sum + messageBytes(message), 0);
    assert.ok(bytes < brokerDefaultBytes, `a request of ${bytes} bytes stays under 1 MiB`);
  }
});
