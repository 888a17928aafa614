/** Back-off between tries to make an outcome durable while Kafka refuses, in ms. */
export const PUBLISH_RETRY_MS = 1_000;

export type DurableResult =
  | { kind: 'done' }
  /** Shutdown came first: not durable, so the offset must not pass. */
  | { kind: 'stopped' }
  /** Kafka refused for good (too large, not authorised, invalid): retrying cannot help. */
  | { kind: 'failed'; error: Error };

export interface DurablyOptions {
  isStopping: () => boolean;
  onRetry: (error: Error) => void;
  retryMs?: number;
}

/**
 * Runs `publish` until Kafka takes it. Transient errors (connection, leader moves, retries
 * used up on a retriable cause) are retried; permanent ones come back as `failed` at once, so
 * the caller can dead-letter or stop instead of freezing the partition's commits forever.
 */
export async function durably(publish: () => Promise<void>, options: DurablyOptions): Promise<DurableResult> {
  for (;;) {
    try {
      await publish();
      return { kind: 'done' };
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      if (isPermanentKafkaError(failure)) return { kind: 'failed', error: failure };
      options.onRetry(failure);
      if (options.isStopping()) return { kind: 'stopped' };
      await new Promise((resolve) => setTimeout(resolve, options.retryMs ?? PUBLISH_RETRY_MS));
      if (options.isStopping()) return { kind: 'stopped' };
    }
  }
}

interface KafkaErrorShape {
  name?: string;
  retriable?: boolean;
  type?: string;
  cause?: unknown;
}

/**
 * kafkajs marks every error `retriable` or not; "retries used up" is itself non-retriable, so
 * the cause it wraps decides. Permanent: a broker error code that retrying cannot fix
 * (MESSAGE_TOO_LARGE, TOPIC_AUTHORIZATION_FAILED, INVALID_RECORD, ...).
 */
export function isPermanentKafkaError(error: unknown): boolean {
  let current = error as KafkaErrorShape | undefined;
  for (let depth = 0; current && depth < 5; depth += 1) {
    if (current.name === 'KafkaJSNumberOfRetriesExceeded') {
      current = current.cause as KafkaErrorShape | undefined;
      continue;
    }
    return current.retriable === false && typeof current.type === 'string';
  }
  return false;
}
