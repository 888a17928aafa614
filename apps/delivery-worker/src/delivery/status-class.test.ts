import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusClass } from './status-class.js';

const cases: Array<[statusCode: number | null, expected: string]> = [
  [200, '2xx'],
  [204, '2xx'],
  [299, '2xx'],
  [301, '3xx'],
  [410, '4xx'],
  [429, '4xx'],
  [500, '5xx'],
  [503, '5xx'],
  [101, '1xx'],
  [null, 'no_response'],
  [99, 'no_response'],
  [600, 'no_response'],
  [200.5, 'no_response'],
];
for (const [statusCode, expected] of cases) {
  test(`status ${statusCode} is ${expected}`, () => {
    assert.equal(statusClass(statusCode), expected);
  });
}
