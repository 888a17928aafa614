/**
 * Per-key request limit: a token bucket holding up to `burst` tokens, refilled at `perSecond`.
 * A request takes one token; without one it is refused with the seconds until the next token
 * (the 429's Retry-After). In memory, so the limit is per API instance.
 */
export interface RateLimit {
  /** Sustained requests per second per key. */
  perSecond: number;
  /** Requests a key may make at once after being idle. */
  burst: number;
}

export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** Idle buckets are full again after burst/perSecond seconds; past that they carry no state. */
const MAX_BUCKETS = 100_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly limit: RateLimit) {}

  take(key: string, nowMs: number): TakeResult {
    const bucket = this.refilled(key, nowMs);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return this.refusal(bucket);
  }

  /** Whether `key` has a token now, without taking it (a key with no bucket yet has). */
  check(key: string, nowMs: number): TakeResult {
    if (!this.buckets.has(key)) return { allowed: true };
    const bucket = this.refilled(key, nowMs);
    return bucket.tokens >= 1 ? { allowed: true } : this.refusal(bucket);
  }

  private refilled(key: string, nowMs: number): Bucket {
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, updatedMs: nowMs };
    const elapsedSeconds = Math.max(0, nowMs - bucket.updatedMs) / 1000;
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + elapsedSeconds * this.limit.perSecond);
    bucket.updatedMs = nowMs;
    this.remember(key, bucket);
    return bucket;
  }

  private refusal(bucket: Bucket): TakeResult {
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond)),
    };
  }

  private remember(key: string, bucket: Bucket): void {
    // Re-insert so Map order is least recently used first; drop the oldest beyond the cap.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > MAX_BUCKETS) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
  }
}
