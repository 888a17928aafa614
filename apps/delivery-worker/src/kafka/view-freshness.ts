/**
 * A read-your-writes barrier for the worker's subscription view, shared by all deliveries.
 *
 * The view follows the subscriptions topic with a small lag. Without a barrier a task could be
 * sent with a subscription that its owner already deleted, disabled or changed (the API answered
 * once the change was in Kafka, not once every worker had read it). Before a delivery starts,
 * `ensureFreshSince(instant)` makes sure a catch-up check (end offsets of the topic, then wait
 * until the view has read up to them) STARTED at or after `instant` has finished. Callers pass
 * max(now − staleness, when the task was created), so a delivery sees every change written
 * before its task existed and every change older than the staleness window. Checks are shared:
 * under load one check per window serves every delivery, so the cost is one ListOffsets
 * request per window, not per delivery.
 */
export class ViewFreshness {
  private latest: { startedAtMs: number; done: Promise<boolean> } | null = null;

  constructor(
    private readonly catchUp: () => Promise<boolean>,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** Resolves true once a check started at or after `instantMs` found the view caught up. */
  ensureFreshSince(instantMs: number): Promise<boolean> {
    const latest = this.latest;
    if (latest && latest.startedAtMs >= instantMs) return latest.done;
    const startedAtMs = this.nowMs();
    const done = this.catchUp().catch(() => false);
    this.latest = { startedAtMs, done };
    return done;
  }
}
