/**
 * Replay protection for receivers. A captured request stays valid for the whole timestamp
 * tolerance; remembering each verified id until its timestamp leaves the tolerance window makes a
 * second copy fail with `replayed`. Only ids of requests whose signature verified are remembered,
 * so forged requests cannot fill the memory or block a genuine id.
 */
export interface ReplayGuard {
  /**
   * Remembers `id` until `expiresAtSeconds` (Unix seconds, inclusive). Returns `true` the first
   * time, `false` when the id is already remembered and not yet expired, i.e. a replay.
   */
  checkAndRemember(id: string, expiresAtSeconds: number, nowSeconds: number): boolean;
}

/** The same contract for shared stores (e.g. Redis `SET id 1 NX EXAT expiresAtSeconds`). */
export interface AsyncReplayGuard {
  checkAndRemember(id: string, expiresAtSeconds: number, nowSeconds: number): Promise<boolean>;
}

export interface MemoryReplayGuardOptions {
  /**
   * Most ids held; beyond it the least recently seen is forgotten (and could then be replayed
   * within its window). 100,000 ids ≈ 10 MB; size it above peak requests per tolerance window.
   */
  readonly maxEntries?: number;
}

/** Expired entries dropped per call at most, so one call never stalls on a large sweep. */
const SWEEP_BATCH = 32;

/**
 * In-process guard: a Map in least-recently-seen order (a re-seen id moves to the back). One
 * process only; receivers behind a load balancer need a shared `AsyncReplayGuard`.
 */
export class MemoryReplayGuard implements ReplayGuard {
  readonly #maxEntries: number;
  readonly #expiries = new Map<string, number>();

  constructor(options: MemoryReplayGuardOptions = {}) {
    const maxEntries = options.maxEntries ?? 100_000;
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
    }
    this.#maxEntries = maxEntries;
  }

  /** Ids currently held, expired ones not yet swept included. */
  get size(): number {
    return this.#expiries.size;
  }

  checkAndRemember(id: string, expiresAtSeconds: number, nowSeconds: number): boolean {
    this.#sweep(nowSeconds);
    const known = this.#expiries.get(id);
    const replay = known !== undefined && known >= nowSeconds;
    this.#expiries.delete(id);
    this.#expiries.set(id, replay ? Math.max(known, expiresAtSeconds) : expiresAtSeconds);
    while (this.#expiries.size > this.#maxEntries) {
      const oldest = this.#expiries.keys().next();
      if (oldest.done === true) break;
      this.#expiries.delete(oldest.value);
    }
    return !replay;
  }

  /** Drops expired ids from the front; ids further back expire lazily via the check above. */
  #sweep(nowSeconds: number): void {
    let dropped = 0;
    for (const [id, expiresAt] of this.#expiries) {
      if (expiresAt >= nowSeconds || dropped >= SWEEP_BATCH) return;
      this.#expiries.delete(id);
      dropped += 1;
    }
  }
}

export function createMemoryReplayGuard(options?: MemoryReplayGuardOptions): MemoryReplayGuard {
  return new MemoryReplayGuard(options);
}
