/** One request as the bench's receiver saw it. */
export interface Receipt {
  /** The event id from the body (`id`). */
  eventId: string;
  /** The `webhook-id` header; the raw baseline sends none, so it falls back to the event id. */
  webhookId: string;
  /** When the event was produced (its occurredAt), ms since the epoch. */
  sentAtMs: number;
  /** When the receiver had the whole body, ms since the epoch. */
  receivedAtMs: number;
  /** Signature check: true ok, false failed, null not checked (raw baseline). */
  signatureOk: boolean | null;
}

export interface DeliveryAccount {
  /** Events produced (acknowledged by the broker) for this endpoint. */
  produced: number;
  /** Requests received, duplicates included. */
  requests: number;
  /** Distinct webhook-ids received. */
  unique: number;
  /** Produced events never received. */
  lost: number;
  /** Up to 5 lost event ids, to look them up. */
  lostSample: string[];
  /** Requests whose webhook-id had been received before. */
  duplicates: number;
  /** duplicates / unique × 100. */
  duplicatePct: number;
  /** Received event ids the bench never produced for this endpoint (should be 0). */
  unexpected: number;
  /** webhook-ids seen with two different event ids (should be 0: the id is per event). */
  inconsistentIds: number;
  signaturesChecked: number;
  signaturesFailed: number;
  /** Latency (receive − produce) of the first receipt of each webhook-id, ms. */
  firstLatenciesMs: number[];
  /** When the event of each of those was produced, ms since the epoch (same order). */
  firstSentAtMs: number[];
  /** Receive times of every request, ascending, ms since the epoch. */
  receiveTimesMs: number[];
}

/**
 * Loss and duplicate accounting of one endpoint: what was produced against what arrived.
 * Loss is by event id (an event is delivered if any request carried it); a duplicate is a
 * second request with a webhook-id already received, which is what receivers deduplicate on.
 */
export function accountDeliveries(
  producedEventIds: Iterable<string>,
  receipts: readonly Receipt[],
): DeliveryAccount {
  const produced = new Set(producedEventIds);
  const eventOfWebhook = new Map<string, string>();
  const receivedEvents = new Set<string>();
  const firstLatenciesMs: number[] = [];
  const firstSentAtMs: number[] = [];
  let duplicates = 0;
  let unexpected = 0;
  let inconsistentIds = 0;
  let signaturesChecked = 0;
  let signaturesFailed = 0;
  for (const receipt of receipts) {
    if (receipt.signatureOk !== null) {
      signaturesChecked += 1;
      if (!receipt.signatureOk) signaturesFailed += 1;
    }
    const seenEvent = eventOfWebhook.get(receipt.webhookId);
    if (seenEvent !== undefined) {
      duplicates += 1;
      if (seenEvent !== receipt.eventId) inconsistentIds += 1;
      continue;
    }
    eventOfWebhook.set(receipt.webhookId, receipt.eventId);
    firstLatenciesMs.push(receipt.receivedAtMs - receipt.sentAtMs);
    firstSentAtMs.push(receipt.sentAtMs);
    if (!produced.has(receipt.eventId)) unexpected += 1;
    receivedEvents.add(receipt.eventId);
  }
  const lostIds: string[] = [];
  for (const id of produced) if (!receivedEvents.has(id)) lostIds.push(id);
  const unique = eventOfWebhook.size;
  return {
    produced: produced.size,
    requests: receipts.length,
    unique,
    lost: lostIds.length,
    lostSample: lostIds.slice(0, 5),
    duplicates,
    duplicatePct: unique === 0 ? 0 : (duplicates / unique) * 100,
    unexpected,
    inconsistentIds,
    signaturesChecked,
    signaturesFailed,
    firstLatenciesMs,
    firstSentAtMs,
    receiveTimesMs: receipts.map((receipt) => receipt.receivedAtMs).sort((a, b) => a - b),
  };
}

/**
 * The longest stretch without a delivery in [fromMs, toMs]: from `fromMs` (a kill) to the
 * first receipt after it, between consecutive receipts, and from the last one to `toMs`.
 * `receiveTimesMs` must be ascending.
 */
export function longestGap(
  receiveTimesMs: readonly number[],
  fromMs: number,
  toMs: number,
): { gapMs: number; startMs: number } {
  let previous = fromMs;
  let best = { gapMs: 0, startMs: fromMs };
  for (const at of receiveTimesMs) {
    if (at < fromMs) continue;
    if (at > toMs) break;
    if (at - previous > best.gapMs) best = { gapMs: at - previous, startMs: previous };
    previous = at;
  }
  if (toMs - previous > best.gapMs) best = { gapMs: toMs - previous, startMs: previous };
  return best;
}

/** Deliveries per second between the first produce and the last receipt. */
export function perSecond(count: number, firstProduceMs: number, lastReceiveMs: number): number {
  const seconds = (lastReceiveMs - firstProduceMs) / 1000;
  return seconds > 0 ? count / seconds : 0;
}

/**
 * When new traffic got through again after `killedAtMs`: the earliest receipt of an event
 * produced at or after it, in ms after the kill (null if none arrived). Unlike the longest gap,
 * this is not hidden by a backlog of older events still being delivered.
 */
export function resumeOfNewEvents(receipts: readonly Receipt[], killedAtMs: number): number | null {
  let earliest: number | null = null;
  for (const receipt of receipts) {
    if (receipt.sentAtMs < killedAtMs) continue;
    if (earliest === null || receipt.receivedAtMs < earliest) earliest = receipt.receivedAtMs;
  }
  return earliest === null ? null : earliest - killedAtMs;
}

/**
 * How to name produced events that did not arrive: "lost 0" when none are missing; otherwise
 * the bench cannot tell lost from late, so it says they were not received within its wait.
 */
export function missingText(missing: number, waitedSeconds: number): string {
  return missing === 0
    ? 'lost 0'
    : `${missing} not received within the ${waitedSeconds}-s wait (lost or late)`;
}
