import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DecodeResult, DeliveryTask } from '@hookstream/kafka';
import { deliveryTaskFixture } from '@hookstream/kafka/testing';
import { decideIntake, type IntakeDecision } from './decide-intake.js';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();
const task = (notBefore: string | null): DeliveryTask =>
  deliveryTaskFixture({ attempt: 2, createdAt: at(-60_000), notBefore });
const ok = (value: DeliveryTask): DecodeResult<DeliveryTask> => ({ ok: true, value });
const FIVE_S_HOLD = 6_250;
const SIX_H = 21_600_000;

const cases: Array<[string, DecodeResult<DeliveryTask>, number, IntakeDecision]> = [
  [
    'a record that failed the contract is invalid',
    { ok: false, reason: 'attempt: expected number' },
    0,
    { kind: 'invalid', reason: 'attempt: expected number' },
  ],
  ['no notBefore: deliver now', ok(task(null)), 0, { kind: 'deliver', task: task(null) }],
  ['due in the past: deliver now', ok(task(at(-1))), FIVE_S_HOLD, { kind: 'deliver', task: task(at(-1)) }],
  ['due exactly now: deliver now', ok(task(at(0))), FIVE_S_HOLD, { kind: 'deliver', task: task(at(0)) }],
  ['due within the tier hold limit: hold', ok(task(at(4_000))), FIVE_S_HOLD, { kind: 'hold', waitMs: 4_000 }],
  ['due at the hold limit: hold', ok(task(at(6_250))), FIVE_S_HOLD, { kind: 'hold', waitMs: 6_250 }],
  [
    'due past the tier hold limit: requeue for the time left',
    ok(task(at(12_000))),
    FIVE_S_HOLD,
    { kind: 'requeue', task: task(at(12_000)), delayMs: 12_000 },
  ],
  [
    'a future task on the deliveries topic (no hold) is requeued',
    ok(task(at(1_000))),
    0,
    { kind: 'requeue', task: task(at(1_000)), delayMs: 1_000 },
  ],
  [
    'due in exactly 6 h on the deliveries topic: requeued for 6 h, unchanged',
    ok(task(at(SIX_H))),
    0,
    { kind: 'requeue', task: task(at(SIX_H)), delayMs: SIX_H },
  ],
  [
    'the 6 h tier holds up to 7.5 h',
    ok(task(at(7 * 3_600_000))),
    Number.POSITIVE_INFINITY,
    { kind: 'hold', waitMs: 7 * 3_600_000 },
  ],
  [
    'the 6 h tier does not hold a record due in 3 days: it moves on, due in 6 h',
    ok(task(at(3 * 86_400_000))),
    Number.POSITIVE_INFINITY,
    { kind: 'requeue', task: task(at(SIX_H)), delayMs: SIX_H },
  ],
];

for (const [name, decoded, holdLimitMs, expected] of cases) {
  test(name, () => {
    assert.deepEqual(decideIntake({ decoded, holdLimitMs, nowMs: NOW }), expected);
  });
}
