import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedMethods } from './route-table.js';

test('allowedMethods gives the methods of a concrete path, or null for no route', () => {
  const cases: Array<[path: string, expected: string[] | null]> = [
    ['/v1/subscriptions', ['POST', 'GET', 'HEAD']],
    ['/v1/subscriptions/', ['POST', 'GET', 'HEAD']],
    ['/v1/subscriptions/sub_1', ['GET', 'PATCH', 'DELETE', 'HEAD']],
    ['/v1/subscriptions/sub_1/secret', ['GET', 'HEAD']],
    ['/v1/subscriptions/sub_1/secret/rotate', ['POST']],
    ['/v1/subscriptions/sub_1/test', ['POST']],
    ['/v1/api-keys/key_1', ['DELETE']],
    ['/v1/subscriptions/sub_1/other', null],
    ['/v1/subscriptions/a/b/c/d', null],
    ['/nothing', null],
  ];
  for (const [path, expected] of cases) assert.deepEqual(allowedMethods(path), expected, path);
});
