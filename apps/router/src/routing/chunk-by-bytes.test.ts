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
