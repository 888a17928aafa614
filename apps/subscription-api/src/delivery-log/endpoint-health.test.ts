import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LoggedAttempt } from './decode-records.js';
import { failingTooLong, healthChanges, isEndpointFailure } from './endpoint-health.js';

function attempt(minute: number, outcome: string, statusCode: number | null, durationMs = 5): LoggedAttempt {
  return {
    id: `atm_${minute}`,
    messageId: `msg_${minute}`,
    eventId: `evt_${minute}`,
    eventType: 'card.created',
    tenantId: 'ten_1',
    subscriptionId: 'sub_1',
    attempt: 1,
    url: 'https://example.com',
    startedAt: new Date(Date.UTC(2026, 10, 20, 10, minute)).toISOString(),
    durationMs,
    outcome,
    statusCode,
    error: null,
    responseBody: null,
    nextAttemptAt: null,
  };
}
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute)).toISOString();

describe('isEndpointFailure', () => {
  const cases: Array<[string, LoggedAttempt, boolean]> = [
    ['a 500 that will be retried', attempt(0, 'retry_scheduled', 500), true],
    ['a 410 that was dead-lettered', attempt(0, 'dead_lettered', 410), true],
    ['a timeout (no status, time spent)', attempt(0, 'retry_scheduled', null, 15_000), true],
    ['a delivery', attempt(0, 'delivered', 200), false],
    ['no request sent (subscription disabled)', attempt(0, 'dead_lettered', null, 0), false],
    ['an outcome this build does not know', attempt(0, 'circuit_open', null, 0), false],
  ];
  for (const [name, input, expected] of cases)
    test(name, () => assert.equal(isEndpointFailure(input), expected));
});

describe('healthChanges', () => {
  const cases: Array<[string, LoggedAttempt[], object[]]> = [
    [
      'only failures, in any order',
      [attempt(3, 'retry_scheduled', 500), attempt(1, 'retry_scheduled', 500)],
      [{ lastSuccessAt: null, failures: [at(1), at(3)], lastAttemptAt: at(3) }],
    ],
    [
      'the latest success and every failure',
      [attempt(1, 'delivered', 200), attempt(2, 'retry_scheduled', 500), attempt(4, 'delivered', 200)],
      [{ lastSuccessAt: at(4), failures: [at(2)], lastAttemptAt: at(4) }],
    ],
    [
      'attempts that say nothing about the endpoint change nothing',
      [attempt(1, 'dead_lettered', null, 0)],
      [],
    ],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () =>
      assert.deepEqual(
        healthChanges(input).map(({ lastSuccessAt, failures, lastAttemptAt }) => ({
          lastSuccessAt,
          failures,
          lastAttemptAt,
        })),
        expected,
      ),
    );
  }
});

describe('failingTooLong', () => {
  const day = 86_400_000;
  const cases: Array<[string, Date | null, Date | null, boolean]> = [
    ['not failing', null, new Date(10 * day), false],
    ['no failure yet', new Date(0), null, false],
    ['failing for less than the limit', new Date(0), new Date(5 * day - 1), false],
    ['failing for exactly the limit', new Date(0), new Date(5 * day), true],
    ['failing for longer', new Date(0), new Date(6 * day), true],
  ];
  for (const [name, since, last, expected] of cases)
    test(name, () => assert.equal(failingTooLong(since, last, 5 * day), expected));
});
