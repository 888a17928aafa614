/**
 * Remembers the results of a pure function of a string, for at most `limit` keys: the oldest
 * key is forgotten first (insertion-ordered Map). For per-delivery work whose answer depends
 * only on a value most deliveries share, e.g. the egress verdict of a subscription's URL.
 */
export class BoundedMemo<V> {
  private readonly values = new Map<string, V>();

  constructor(
    private readonly limit: number,
    private readonly compute: (key: string) => V,
  ) {}

  get size(): number {
    return this.values.size;
  }

  get(key: string): V {
    const known = this.values.get(key);
    if (known !== undefined || this.values.has(key)) return known as V;
    const value = this.compute(key);
    if (this.values.size >= this.limit) {
      const oldest = this.values.keys().next();
      if (oldest.done !== true) this.values.delete(oldest.value);
    }
    this.values.set(key, value);
    return value;
  }
}
