export interface RetryStartupOptions {
  /** Give up after this long, in ms. */
  timeoutMs?: number;
  /** Told about every failed try before the next one. */
  onRetry?: (what: string, error: Error, attempt: number) => void;
}

/** kafkajs marks transient broker states (leader moving, coordinator loading) as retriable. */
function isRetriable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const flagged = (error as Error & { retriable?: boolean }).retriable === true;
  const transient = [
    'KafkaJSConnectionError',
    'KafkaJSNumberOfRetriesExceeded',
    'KafkaJSRequestTimeoutError',
  ];
  return flagged || transient.includes(error.name);
}

/**
 * Runs a start-up step until it succeeds or fails for good. A broker that has just started, or
 * is creating its internal topics, answers with retriable errors for a few seconds; a service
 * starting then should wait it out, not exit. Non-retriable errors (bad config) throw at once.
 */
export async function retryStartup<T>(
  what: string,
  step: () => Promise<T>,
  options: RetryStartupOptions = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let delayMs = 250;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      if (!isRetriable(error) || Date.now() + delayMs > deadline) throw error;
      options.onRetry?.(what, error as Error, attempt);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      delayMs = Math.min(delayMs * 2, 5_000);
    }
  }
}
