import type { Receipt } from './accounting.js';
import { nearestRank } from './percentiles.js';

/** When the platform handled one event on its way, ms since the epoch (all from the one machine's clock). */
export interface HopTimes {
  /** The router built the event's delivery task (the task's createdAt). */
  routedAtMs: number;
  /** The worker started the first attempt (the attempt record's startedAt: before signing). */
  attemptStartedAtMs: number;
}

export interface HopSummary {
  p50Ms: number;
  p99Ms: number;
}

/**
 * Where produce-to-receive latency went, hop by hop, over the deliveries whose times are all known:
 * - `route`: produced → task built (the generator's send, the broker, the router's fetch, barrier and plan);
 * - `handOver`: task built → attempt started (the router's transaction commit, the worker's fetch of
 *   committed records, its queue and view check);
 * - `send`: attempt started → received (signing, the POST, the receiver).
 * Percentiles of each hop are taken on their own, so they do not add up to the whole's.
 */
export interface LatencyByHop {
  /** Deliveries with all three times. */
  joined: number;
  route: HopSummary | null;
  handOver: HopSummary | null;
  send: HopSummary | null;
}

/** The first receipt of each event joined with its hop times; events missing either are left out. */
export function latencyByHop(
  receipts: readonly Receipt[],
  hops: ReadonlyMap<string, HopTimes>,
): LatencyByHop {
  const route: number[] = [];
  const handOver: number[] = [];
  const send: number[] = [];
  const seen = new Set<string>();
  for (const receipt of receipts) {
    if (seen.has(receipt.eventId)) continue;
    const times = hops.get(receipt.eventId);
    if (!times || !Number.isFinite(receipt.sentAtMs)) continue;
    seen.add(receipt.eventId);
    route.push(times.routedAtMs - receipt.sentAtMs);
    handOver.push(times.attemptStartedAtMs - times.routedAtMs);
    send.push(receipt.receivedAtMs - times.attemptStartedAtMs);
  }
  return { joined: seen.size, route: summary(route), handOver: summary(handOver), send: summary(send) };
}

function summary(values: number[]): HopSummary | null {
  if (values.length === 0) return null;
  const sorted = values.sort((a, b) => a - b);
  return { p50Ms: nearestRank(sorted, 50) ?? 0, p99Ms: nearestRank(sorted, 99) ?? 0 };
}

/** "route 4/31, hand-over 7/51, send 2/22 ms (p50/p99)", or why there is nothing to show. */
export function hopsText(hops: LatencyByHop): string {
  if (hops.joined === 0 || !hops.route || !hops.handOver || !hops.send)
    return 'no delivery with all hop times';
  const pair = ({ p50Ms, p99Ms }: HopSummary) => `${Math.round(p50Ms)}/${Math.round(p99Ms)}`;
  return `route ${pair(hops.route)}, hand-over ${pair(hops.handOver)}, send ${pair(hops.send)} ms (p50/p99 of ${hops.joined})`;
}
