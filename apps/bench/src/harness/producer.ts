import type { Producer } from 'kafkajs';
import { benchEventId } from './bench-events.js';

/** Record `seq` of a phase, sent at `now`: an event for the router, or a task for the worker alone. */
export type RecordBuilder = (seq: number, now: Date) => { key: string; value: string };

export interface Produced {
  /** Event ids the broker acknowledged (acks=all). Only these count as produced. */
  ids: string[];
  firstSendMs: number;
  lastAckMs: number;
  /** Sends that failed; their events are not in `ids`. */
  failedEvents: number;
  /** Value size of one event, bytes. */
  valueBytes: number;
}

/** Records per produce request in a burst: large enough to be cheap, small enough for 1 MiB. */
const BURST_BATCH = 500;

/** Produces `count` events as fast as the broker takes them (one request at a time). */
export async function produceBurst(
  producer: Producer,
  topic: string,
  phase: string,
  run: string,
  build: RecordBuilder,
  count: number,
): Promise<Produced> {
  const result: Produced = { ids: [], firstSendMs: Date.now(), lastAckMs: 0, failedEvents: 0, valueBytes: 0 };
  for (let start = 0; start < count; start += BURST_BATCH) {
    const now = new Date();
    const messages = [];
    for (let seq = start; seq < Math.min(count, start + BURST_BATCH); seq += 1) {
      messages.push(build(seq, now));
    }
    result.valueBytes = Buffer.byteLength(messages[0]?.value ?? '');
    try {
      await producer.send({ topic, messages, acks: -1 });
      for (let seq = start; seq < start + messages.length; seq += 1)
        result.ids.push(benchEventId(phase, run, seq));
    } catch {
      result.failedEvents += messages.length;
    }
    result.lastAckMs = Date.now();
  }
  return result;
}

/** Scheduler tick, ms: fine enough that a tick's events leave within 10 ms of their due time. */
const TICK_MS = 10;
/** Produce requests in flight at most; beyond that a tick is skipped and caught up later. */
const MAX_SENDS_IN_FLIGHT = 8;

/**
 * Produces `rate` events per second for `durationMs` (or until `until` aborts), each stamped with the moment it is sent
 * (occurredAt), so receipt time minus occurredAt is the produce-to-receive latency.
 */
export async function produceSteady(
  producer: Producer,
  topic: string,
  phase: string,
  run: string,
  build: RecordBuilder,
  rate: number,
  durationMs: number,
  /** When given, producing goes on past `durationMs` until this aborts (bounded by `maxDurationMs`). */
  until?: { signal: AbortSignal; maxDurationMs: number },
): Promise<Produced & { achievedPerSecond: number }> {
  const result: Produced = { ids: [], firstSendMs: Date.now(), lastAckMs: 0, failedEvents: 0, valueBytes: 0 };
  const pending = new Set<Promise<void>>();
  let next = 0;
  const started = performance.now();
  // A fixed run produces exactly rate × duration events, the last ticks catching up if sends lagged.
  const total = until ? Number.POSITIVE_INFINITY : Math.round((rate * durationMs) / 1000);
  const keepGoing = (elapsedMs: number) =>
    until ? !until.signal.aborted && elapsedMs < until.maxDurationMs : next < total;
  for (;;) {
    const elapsedMs = performance.now() - started;
    if (!keepGoing(elapsedMs)) break;
    const due = Math.min(total, Math.floor((elapsedMs * rate) / 1000) + 1);
    if (due > next && pending.size < MAX_SENDS_IN_FLIGHT) {
      const now = new Date();
      const from = next;
      const messages = [];
      for (; next < due; next += 1) messages.push(build(next, now));
      result.valueBytes = Buffer.byteLength(messages[0]?.value ?? '');
      const send: Promise<void> = producer
        .send({ topic, messages, acks: -1 })
        .then(() => {
          for (let seq = from; seq < from + messages.length; seq += 1)
            result.ids.push(benchEventId(phase, run, seq));
        })
        .catch(() => {
          result.failedEvents += messages.length;
        })
        .finally(() => {
          result.lastAckMs = Date.now();
          pending.delete(send);
        });
      pending.add(send);
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  await Promise.all(pending);
  const seconds = (result.lastAckMs - result.firstSendMs) / 1000;
  return { ...result, achievedPerSecond: seconds > 0 ? result.ids.length / seconds : 0 };
}
