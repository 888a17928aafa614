import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEvent, webhookBody } from '@hookstream/events';
import { DeliveryTask } from '@hookstream/kafka';
import {
  benchDeliveryTask,
  benchEvent,
  benchEventId,
  benchPhasePrefix,
  phaseOfEventId,
} from './bench-events.js';

describe('bench events', () => {
  it('are valid rate.changed events by the catalog (the router would not quarantine them)', () => {
    const { value } = benchEvent('fone', '20261130t0500', 123, 'ten_01JDQ3W0A1B2C3D4E5F6G7H8J9', new Date());
    const parsed = parseEvent(Buffer.from(value));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason.message);
    assert.equal(parsed.event.type, 'rate.changed');
  });

  it('carry their phase and stay within the id limit', () => {
    const id = benchEventId('crash', '20261130t0500', 999_999);
    assert.equal(phaseOfEventId(id), 'crash');
    assert.equal(id.length, 'evt_'.length + 64);
    assert.notEqual(benchEventId('crash', 'r', 1), benchEventId('crash', 'r', 2));
    assert.ok(id.startsWith(benchPhasePrefix('crash', '20261130t0500')), 'selected by its phase prefix');
    assert.ok(!benchEventId('crash2', 'r', 1).startsWith(benchPhasePrefix('crash', 'r')));
  });

  it("tasks for the worker alone are valid DeliveryTasks carrying the event's standard body", () => {
    const now = new Date('2026-11-30T14:00:00.000Z');
    const tenantId = 'ten_01JDQ3W0A1B2C3D4E5F6G7H8J9';
    const event = benchEvent('wonly', 'r1', 7, tenantId, now);
    const { key, value } = benchDeliveryTask('wonly', 'r1', 7, tenantId, 'sub_bench', now);
    const task = DeliveryTask.parse(JSON.parse(value));
    const parsed = parseEvent(Buffer.from(event.value));
    assert.ok(parsed.ok);
    assert.equal(task.payload, webhookBody(parsed.event));
    assert.equal(task.eventId, benchEventId('wonly', 'r1', 7));
    assert.equal(task.subscriptionId, 'sub_bench');
    assert.equal(task.attempt, 1);
    assert.equal(task.createdAt, now.toISOString());
    assert.equal(key, event.key, "the router keys a task by its event's key");
    assert.notEqual(
      task.messageId,
      DeliveryTask.parse(JSON.parse(benchDeliveryTask('wonly', 'r1', 8, tenantId, 'sub_bench', now).value))
        .messageId,
    );
  });

  it('phaseOfEventId is null for ids the bench did not make', () => {
    assert.equal(phaseOfEventId('evt_01JDQ3ZA7E2X9K4M6P8R0T2V4W'), null);
    assert.equal(phaseOfEventId(''), null);
  });
});
