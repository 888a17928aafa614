import { DeliveryTask, decodeJson } from '@hookstream/kafka';
import pg from 'pg';
import type { HopTimes } from '../stats/latency-by-hop.js';
import { benchPhasePrefix } from './bench-events.js';
import type { BenchContext } from './context.js';

/** Bound on gathering one phase's hop times (reading tasks, waiting for the attempt log), in ms. */
const GATHER_LIMIT_MS = 20_000;
/** Reading the deliveries topic stops after this long without a record of the phase, in ms. */
const IDLE_MS = 2_000;

/**
 * When each event of `phase` was routed (its task's createdAt, read back from the deliveries
 * topic from `sinceMs` on) and when its first attempt started (the attempt log in PostgreSQL),
 * for the latency breakdown. Read after the phase, so it costs the measured run nothing.
 */
export async function gatherHopTimes(
  ctx: BenchContext,
  phase: string,
  expected: number,
  sinceMs: number,
): Promise<Map<string, HopTimes>> {
  const deadline = Date.now() + GATHER_LIMIT_MS;
  const routed = await routedTimes(ctx, phase, expected, sinceMs, deadline);
  const started = await attemptStartTimes(ctx, phase, expected, deadline);
  const hops = new Map<string, HopTimes>();
  for (const [eventId, routedAtMs] of routed) {
    const attemptStartedAtMs = started.get(eventId);
    if (attemptStartedAtMs !== undefined) hops.set(eventId, { routedAtMs, attemptStartedAtMs });
  }
  return hops;
}

/** eventId → the first task's createdAt (ms), from a throw-away group placed at `sinceMs`. */
async function routedTimes(
  ctx: BenchContext,
  phase: string,
  expected: number,
  sinceMs: number,
  deadline: number,
): Promise<Map<string, number>> {
  const topic = ctx.platform.topics.deliveries;
  const groupId = `bench.${ctx.run}.hops.${phase}`;
  const prefix = benchPhasePrefix(phase, ctx.run);
  const admin = ctx.platform.kafka.admin();
  await admin.connect();
  const consumer = ctx.platform.kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  const routed = new Map<string, number>();
  try {
    const start = await admin.fetchTopicOffsetsByTimestamp(topic, sinceMs);
    await admin.setOffsets({ groupId, topic, partitions: start });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic] });
    let lastSeenMs = Number.POSITIVE_INFINITY;
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          const decoded = decodeJson(DeliveryTask, message.value);
          if (!decoded.ok || !decoded.value.eventId.startsWith(prefix) || decoded.value.attempt !== 1)
            continue;
          lastSeenMs = Date.now();
          if (!routed.has(decoded.value.eventId))
            routed.set(decoded.value.eventId, Date.parse(decoded.value.createdAt));
        }
      },
    });
    // Idle time counts from when the member runs (joining the group may take a while).
    lastSeenMs = Math.min(lastSeenMs, Date.now());
    while (routed.size < expected && Date.now() < deadline && Date.now() - lastSeenMs < IDLE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => {});
    await admin.disconnect();
  }
  return routed;
}

/** eventId → when its first attempt started (ms), once the attempt log holds `expected` (or the deadline). */
async function attemptStartTimes(
  ctx: BenchContext,
  phase: string,
  expected: number,
  deadline: number,
): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: ctx.platform.databaseUrl });
  await client.connect();
  try {
    for (;;) {
      const { rows } = await client.query<{ event_id: string; started_ms: string }>(
        `SELECT event_id, (extract(epoch FROM min(started_at)) * 1000)::bigint AS started_ms
           FROM delivery_attempts WHERE event_id LIKE $1 AND attempt = 1 GROUP BY event_id`,
        [`${benchPhasePrefix(phase, ctx.run)}%`],
      );
      if (rows.length >= expected || Date.now() >= deadline)
        return new Map(rows.map((row) => [row.event_id, Number(row.started_ms)]));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await client.end();
  }
}
