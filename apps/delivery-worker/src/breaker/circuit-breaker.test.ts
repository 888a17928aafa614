import assert from 'node:assert/strict';
import { test } from 'node:test';
import { admit, BREAKER_STATES, type BreakerState, CLOSED, probeNotSent, record } from './circuit-breaker.js';

const policy = { failureThreshold: 3, openMs: 1_000 };
const NOW = 10_000;

const admitCases: Array<[string, BreakerState, number, ReturnType<typeof admit>]> = [
  ['closed lets everything pass', CLOSED, NOW, { next: CLOSED, admission: 'pass' }],
  [
    'closed with failures below the threshold still passes',
    { state: 'closed', failures: 2 },
    NOW,
    { next: { state: 'closed', failures: 2 }, admission: 'pass' },
  ],
  [
    'open rejects before its time is up',
    { state: 'open', until: NOW + 1 },
    NOW,
    { next: { state: 'open', until: NOW + 1 }, admission: 'reject' },
  ],
  [
    'open lets one probe through when its time is up',
    { state: 'open', until: NOW },
    NOW,
    { next: { state: 'half_open', probing: true }, admission: 'probe' },
  ],
  [
    'half-open holds others back while its probe is out',
    { state: 'half_open', probing: true },
    NOW,
    { next: { state: 'half_open', probing: true }, admission: 'probe-pending' },
  ],
  [
    'half-open whose probe was never sent lets the next one probe',
    { state: 'half_open', probing: false },
    NOW,
    { next: { state: 'half_open', probing: true }, admission: 'probe' },
  ],
];
for (const [name, state, now, expected] of admitCases) {
  test(name, () => assert.deepEqual(admit(state, now), expected));
}

const recordCases: Array<[string, BreakerState, 'success' | 'failure', boolean, BreakerState]> = [
  ['a failure below the threshold counts', CLOSED, 'failure', false, { state: 'closed', failures: 1 }],
  [
    'the threshold-th consecutive failure opens it',
    { state: 'closed', failures: 2 },
    'failure',
    false,
    { state: 'open', until: NOW + 1_000 },
  ],
  ['a success resets the count', { state: 'closed', failures: 2 }, 'success', false, CLOSED],
  ['a successful probe closes it', { state: 'half_open', probing: true }, 'success', true, CLOSED],
  [
    'a failed probe opens it again',
    { state: 'half_open', probing: true },
    'failure',
    true,
    { state: 'open', until: NOW + 1_000 },
  ],
  [
    'a late success from before it opened does not close it',
    { state: 'open', until: NOW + 500 },
    'success',
    false,
    { state: 'open', until: NOW + 500 },
  ],
  [
    'a late result does not decide a half-open breaker',
    { state: 'half_open', probing: true },
    'success',
    false,
    { state: 'half_open', probing: true },
  ],
];
for (const [name, state, result, wasProbe, expected] of recordCases) {
  test(name, () => assert.deepEqual(record(state, result, wasProbe, NOW, policy), expected));
}

test('a probe that was not sent frees the half-open breaker for another', () => {
  assert.deepEqual(probeNotSent({ state: 'half_open', probing: true }), {
    state: 'half_open',
    probing: false,
  });
  assert.deepEqual(probeNotSent(CLOSED), CLOSED);
});

test('every state the breaker reaches is one of the named states (the metrics label each)', () => {
  const reached = new Set<string>();
  let state: BreakerState = CLOSED;
  reached.add(state.state);
  for (let i = 0; i < policy.failureThreshold; i += 1) state = record(state, 'failure', false, NOW, policy);
  reached.add(state.state);
  state = admit(state, NOW + policy.openMs).next;
  reached.add(state.state);
  assert.deepEqual([...reached].sort(), [...BREAKER_STATES].sort());
  assert.equal(new Set(BREAKER_STATES).size, 3);
});
