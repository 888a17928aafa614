/**
 * A read-your-writes barrier for the worker's subscription view, shared by all deliveries.
 *
 * The view follows the subscriptions topic with a small lag. Without a barrier a task could be
 * sent with a subscription that its owner already deleted, disabled or changed (the API answered
 * once the change was in Kafka, not once every worker had read it). Before a delivery starts,
 * `ensureFreshSince(instant)` makes sure a catch-up check (end offsets of the topic, then wait
 * until the view has read up to them) STARTED at or after `instant` has finished. Checks are
 * shared: under load one check per window serves every delivery, so the cost is one ListOffsets
 * request per window, not per delivery.
 *
 * A delivery already covered by a finished check does not wait at all, and a new check starts in
 * the background once the last one is `refreshAheadMs` old, so the next deliveries find a recent
 * one finished instead of each window's first delivery waiting a round trip.
 */
export class ViewFreshness {
  /** The check started last, finished or not. */
  private latest: { startedAtMs: number; done: Promise<boolean>; settled: boolean } | null = null;
  /** When the newest check that found the view caught up started (ms); -Infinity before one did. */
  private confirmedSinceMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly catchUp: () => Promise<boolean>,
    /** Age of the last check, in ms, from which a delivery it covers starts the next one in the background. */
    private readonly refreshAheadMs: number,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** Resolves true once a check started at or after `instantMs` found the view caught up. */
  ensureFreshSince(instantMs: number): Promise<boolean> {
    if (this.confirmedSinceMs >= instantMs) {
      const latest = this.latest;
      if (latest?.settled && this.nowMs() - latest.startedAtMs >= this.refreshAheadMs) this.start();
      return CAUGHT_UP;
    }
    const latest = this.latest;
    if (latest && latest.startedAtMs >= instantMs) return latest.done;
    return this.start();
  }

  private start(): Promise<boolean> {
    const startedAtMs = this.nowMs();
    const check = {
      startedAtMs,
      settled: false,
      done: this.catchUp().then(
        (caughtUp) => {
          check.settled = true;
          if (caughtUp) this.confirmedSinceMs = Math.max(this.confirmedSinceMs, startedAtMs);
          return caughtUp;
        },
        () => {
          check.settled = true;
          return false;
        },
      ),
    };
    this.latest = check;
    return check.done;
  }
}

const CAUGHT_UP = Promise.resolve(true);
