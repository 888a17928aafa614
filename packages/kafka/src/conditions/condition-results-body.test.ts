import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exampleEvent, PAYLOAD_FORMATS, webhookBody } from '@hookstream/events';
import type { ConditionResult } from './compile-conditions.js';
import { withConditionResults } from './condition-results-body.js';

const results: ConditionResult[] = [
  { field: 'apr', operator: 'lt', threshold: '6.25', actualValue: '6.2', passed: true },
  {
    field: 'rate',
    operator: 'change_pct',
    threshold: -2,
    actualValue: '6.0',
    passed: true,
    previousValue: '6.2',
    currentValue: '6',
    changePct: '-3.225806',
  },
];

for (const format of PAYLOAD_FORMATS) {
  test(`${format}: conditionResults is the body's last field, and the body still round-trips`, () => {
    const plain = webhookBody(exampleEvent('rate.changed'), format);
    const body = withConditionResults(plain, results);
    const parsed = JSON.parse(body) as Record<string, unknown>;
    assert.deepEqual(parsed.conditionResults, results);
    assert.deepEqual(Object.keys(parsed), [...Object.keys(JSON.parse(plain)), 'conditionResults']);
    assert.equal(JSON.stringify(parsed), body);
  });
}
