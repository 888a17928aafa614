import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyOutcome, endpointHealth } from './classify-outcome.js';
import type { DispatchResult } from './dispatch-result.js';

const response = (status: number, retryAfterSeconds: number | null = null): DispatchResult => ({
  kind: 'response',
  status,
  retryAfterSeconds,
  bodySnippet: '',
  durationMs: 5,
});

const cases: Array<[name: string, result: DispatchResult, expected: ReturnType<typeof classifyOutcome>]> = [
  // Only 2xx is delivered (README, "Classification"): 1xx and 3xx are boundaries on either side.
  [
    '100 is retried (an interim status is no answer)',
    response(100),
    { kind: 'retry', reason: 'HTTP 100', slowDown: false, retryAfterSeconds: null },
  ],
  [
    '199 is retried',
    response(199),
    { kind: 'retry', reason: 'HTTP 199', slowDown: false, retryAfterSeconds: null },
  ],
  ['200 is delivered', response(200), { kind: 'delivered' }],
  ['204 is delivered', response(204), { kind: 'delivered' }],
  ['299 is delivered', response(299), { kind: 'delivered' }],
  [
    '300 is retried',
    response(300),
    { kind: 'retry', reason: 'HTTP 300', slowDown: false, retryAfterSeconds: null },
  ],
  [
    '301 is retried (redirects are not followed)',
    response(301),
    { kind: 'retry', reason: 'HTTP 301', slowDown: false, retryAfterSeconds: null },
  ],
  [
    '400 is retried',
    response(400),
    { kind: 'retry', reason: 'HTTP 400', slowDown: false, retryAfterSeconds: null },
  ],
  [
    '401 is retried',
    response(401),
    { kind: 'retry', reason: 'HTTP 401', slowDown: false, retryAfterSeconds: null },
  ],
  ['410 gives up', response(410), { kind: 'give-up', reason: 'HTTP 410' }],
  ['413 gives up', response(413), { kind: 'give-up', reason: 'HTTP 413' }],
  [
    '429 slows down and keeps Retry-After',
    response(429, 30),
    { kind: 'retry', reason: 'HTTP 429', slowDown: true, retryAfterSeconds: 30 },
  ],
  [
    '429 without Retry-After still slows down',
    response(429),
    { kind: 'retry', reason: 'HTTP 429', slowDown: true, retryAfterSeconds: null },
  ],
  [
    'any other status keeps its Retry-After',
    response(500, 60),
    { kind: 'retry', reason: 'HTTP 500', slowDown: false, retryAfterSeconds: 60 },
  ],
  [
    '500 is retried',
    response(500),
    { kind: 'retry', reason: 'HTTP 500', slowDown: false, retryAfterSeconds: null },
  ],
  [
    '503 slows down',
    response(503, 120),
    { kind: 'retry', reason: 'HTTP 503', slowDown: true, retryAfterSeconds: 120 },
  ],
  [
    'a timeout slows down',
    { kind: 'timeout', phase: 'request', limitMs: 10_000, durationMs: 10_000 },
    { kind: 'retry', reason: 'timed out after 10000 ms', slowDown: true, retryAfterSeconds: null },
  ],
  [
    'a connect timeout slows down and says so',
    { kind: 'timeout', phase: 'connect', limitMs: 3_000, durationMs: 3_000 },
    { kind: 'retry', reason: 'timed out connecting after 3000 ms', slowDown: true, retryAfterSeconds: null },
  ],
  [
    'a refused connection is retried',
    { kind: 'network-error', message: 'ECONNREFUSED', durationMs: 1 },
    { kind: 'retry', reason: 'network error: ECONNREFUSED', slowDown: false, retryAfterSeconds: null },
  ],
  [
    'a destination the egress policy refuses is given up at once (retrying cannot change it)',
    { kind: 'refused', message: 'refused to connect to 10.0.0.7: it is a private address', durationMs: 2 },
    { kind: 'give-up', reason: 'refused: refused to connect to 10.0.0.7: it is a private address' },
  ],
];

for (const [name, result, expected] of cases) {
  test(name, () => {
    assert.deepEqual(classifyOutcome(result), expected);
  });
}

const health: Array<[DispatchResult, 'up' | 'down']> = [
  [response(200), 'up'],
  [response(404), 'up'],
  [response(410), 'up'],
  [response(429), 'down'],
  [response(500), 'down'],
  [response(503), 'down'],
  [{ kind: 'timeout', phase: 'request', limitMs: 1_000, durationMs: 1_000 }, 'down'],
  [{ kind: 'network-error', message: 'ECONNRESET', durationMs: 1 }, 'down'],
];
for (const [result, expected] of health) {
  const label = result.kind === 'response' ? `HTTP ${result.status}` : result.kind;
  test(`${label} counts as the endpoint being ${expected}`, () => {
    assert.equal(endpointHealth(result), expected);
  });
}
