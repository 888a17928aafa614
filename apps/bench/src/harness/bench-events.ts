import { type EventEnvelope, exampleData, webhookBody } from '@hookstream/events';
import type { DeliveryTask } from '@hookstream/kafka';

/** Distinct Kafka keys (accounts) per phase: spreads events over every partition. */
const ACCOUNTS = 64;
/** Id bodies may be 1-64 chars; the bench uses the maximum so events are as large as the schema allows. */
const ID_BODY_LENGTH = 64;

function padBody(body: string): string {
  return body.length >= ID_BODY_LENGTH
    ? body.slice(0, ID_BODY_LENGTH)
    : body + 'x'.repeat(ID_BODY_LENGTH - body.length);
}

/**
 * `evt_<phase>-<run>-<seq>` padded to 64 body chars: the receiver reads the phase and sequence
 * back without any shared state, and ids never collide across phases or runs.
 */
export function benchEventId(phase: string, run: string, seq: number): `evt_${string}` {
  return `evt_${padBody(`${phaseBody(phase, run)}${String(seq).padStart(9, '0')}-`)}`;
}

/** What every event id of one phase of one run starts with (to select them in topics and tables). */
export function benchPhasePrefix(phase: string, run: string): `evt_${string}` {
  return `evt_${phaseBody(phase, run)}`;
}

function phaseBody(phase: string, run: string): string {
  return `${phase}-${run}-`;
}

/** The phase of a bench event id, or null for an id the bench did not make. */
export function phaseOfEventId(eventId: string): string | null {
  const match = /^evt_([a-z0-9]+)-/.exec(eventId);
  return match?.[1] ?? null;
}

export function benchAccountId(seq: number): `acc_${string}` {
  return `acc_${padBody(`bench-${seq % ACCOUNTS}-`)}`;
}

/**
 * A valid `rate.changed` event (the catalog's example data) with maximum-length ids. The value
 * is about 560 bytes: the strict envelope and schema allow no padding field, so a valid
 * rate.changed cannot reach the 1 KB of the issue's description; the bench reports the size.
 */
export function benchEvent(phase: string, run: string, seq: number, tenantId: string, occurredAt: Date) {
  const event = benchEnvelope(phase, run, seq, tenantId, occurredAt);
  return { key: event.accountId ?? '', value: JSON.stringify(event) };
}

function benchEnvelope(
  phase: string,
  run: string,
  seq: number,
  tenantId: string,
  occurredAt: Date,
): EventEnvelope {
  return {
    id: benchEventId(phase, run, seq),
    type: 'rate.changed',
    // The API's ids all start so; the raw row's 'ten_bench' too. The router validates the rest.
    tenantId: tenantId as `ten_${string}`,
    accountId: benchAccountId(seq),
    occurredAt: occurredAt.toISOString(),
    data: exampleData('rate.changed'),
  };
}

/**
 * The delivery task the router would write for bench event `seq` and one subscription, made
 * here so a phase can feed the worker without the router (the bench's `worker` row). The same
 * body and key as the router's task; the webhook-id is derived from the event id instead of
 * hashed (unique per event all the same). No view position: the worker uses its own check,
 * as for replays.
 */
export function benchDeliveryTask(
  phase: string,
  run: string,
  seq: number,
  tenantId: string,
  subscriptionId: string,
  now: Date,
) {
  const event = benchEnvelope(phase, run, seq, tenantId, now);
  const task: DeliveryTask = {
    messageId: `msg_${event.id.slice('evt_'.length)}`,
    eventId: event.id,
    eventType: event.type,
    tenantId,
    accountId: event.accountId ?? null,
    subscriptionId,
    payload: webhookBody(event),
    attempt: 1,
    createdAt: now.toISOString(),
    occurredAt: event.occurredAt,
    notBefore: null,
  };
  return { key: event.accountId ?? subscriptionId, value: JSON.stringify(task) };
}
