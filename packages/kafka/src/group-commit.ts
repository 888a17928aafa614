/** What a round decided for one of its items: a value, or an error for that item alone. */
export type ItemResult<Result> = { ok: true; value: Result } | { ok: false; error: unknown };

/**
 * Group commit: items submitted in the same turn of the event loop, or while a round is
 * running, are handled together by ONE call of `runRound`, and rounds never overlap.
 *
 * Why: kafkajs hands the batches of one fetch (one per partition) to their handlers in the same
 * turn when `partitionsConsumedConcurrently` covers them. Routing each in its own Kafka
 * transaction costs one transaction per partition per fetch, one after the other, and a record
 * waits for all of them before its partition is fetched again; one transaction per round
 * commits every partition's fan-out and position together.
 *
 * `runRound` answers each item in order (same length as its input). If it throws, every item
 * of the round is rejected with that error.
 */
export class GroupCommit<Item, Result> {
  private waiting: Array<{
    item: Item;
    resolve: (value: Result) => void;
    reject: (error: unknown) => void;
  }> = [];
  private scheduled = false;
  private running = false;

  constructor(private readonly runRound: (items: readonly Item[]) => Promise<ItemResult<Result>[]>) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    // setImmediate, not a microtask: the sibling batches of a fetch reach their handlers
    // through kafkajs' promise chains, all of which settle before the next turn begins.
    setImmediate(() => {
      this.scheduled = false;
      void this.run();
    });
  }

  private async run(): Promise<void> {
    const round = this.waiting;
    this.waiting = [];
    this.running = true;
    try {
      const results = await this.runRound(round.map((entry) => entry.item));
      round.forEach((entry, index) => {
        const result = results[index];
        if (result === undefined)
          entry.reject(new Error('group commit: the round gave no result for an item'));
        else if (result.ok) entry.resolve(result.value);
        else entry.reject(result.error);
      });
    } catch (error) {
      for (const entry of round) entry.reject(error);
    } finally {
      this.running = false;
      if (this.waiting.length > 0) this.schedule();
    }
  }
}
