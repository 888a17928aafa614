import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { isRoundTripStableJson, toWebhookBody } from './json-body.js';

describe('toWebhookBody', () => {
  test('is compact JSON', () => {
    assert.equal(
      toWebhookBody({ type: 'card.created', data: { id: 'c_1', amount: 1.5 } }),
      '{"type":"card.created","data":{"id":"c_1","amount":1.5}}',
    );
  });

  test('refuses values without a JSON form', () => {
    assert.throws(() => toWebhookBody(undefined), {
      name: 'TypeError',
      message: 'the payload has no JSON form (undefined, a function or a symbol)',
    });
  });

  test('what it produces survives JSON.stringify(JSON.parse(body)) byte for byte, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        assert.ok(isRoundTripStableJson(toWebhookBody(value)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('isRoundTripStableJson', () => {
  const CASES: readonly [string, boolean][] = [
    ['{"a":1,"b":[true,null]}', true],
    ['{"a": 1}', false], // whitespace
    ['{"b":1,"1":2}', false], // integer-like keys move first
    ['{"a":1.0}', false], // number form
    ['{"a":"\\u00e9"}', false], // escape form
    ['{"a":1,"a":2}', false], // duplicate keys
    ['not json', false],
  ];
  for (const [body, expected] of CASES) {
    test(`${body} → ${expected}`, () => assert.equal(isRoundTripStableJson(body), expected));
  }
});
