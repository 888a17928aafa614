import { randomUUID } from 'node:crypto';
import type { IHeaders, Kafka } from 'kafkajs';
import { waitFor } from './wait-for.js';

export interface ReadRecord {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[name] = (Array.isArray(value) ? value[0] : value)?.toString() ?? '';
  }
  return out;
}

export interface ReadTopicOptions {
  /** Fail if `count` records have not arrived after this long, in ms. */
  timeoutMs?: number;
  /** Keep and count only matching records (for topics several tests of one file share). */
  where?: (record: ReadRecord) => boolean;
  /**
   * After `count` arrived, keep reading this long (ms) and return everything, so a test can
   * assert that no more than `count` exist (a duplicate would show up).
   */
  settleMs?: number;
}

/**
 * Reads a topic from the beginning with a throw-away group (read_committed, as the platform's
 * own consumers do) until `count` records arrived, then for `settleMs` more.
 */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  count: number,
  options: ReadTopicOptions = {},
): Promise<ReadRecord[]> {
  const { timeoutMs = 20_000, where = () => true, settleMs = 0 } = options;
  const records: ReadRecord[] = [];
  const consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        const record: ReadRecord = {
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: headersToStrings(message.headers),
          partition,
          offset: message.offset,
        };
        if (where(record)) records.push(record);
      },
    });
    await waitFor(() => records.length >= count, {
      timeoutMs,
      description: `${count} records on ${topic} (got ${records.length})`,
    });
    if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
    return records.slice();
  } finally {
    await consumer.disconnect();
  }
}
