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

/**
 * Reads a topic from the beginning with a throw-away group (read_committed, as the platform's
 * own consumers do) until `count` records arrived or `timeoutMs` passed. With `where`, only
 * matching records are kept and counted (for topics shared by several tests of one file).
 */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  count: number,
  timeoutMs = 20_000,
  where: (record: ReadRecord) => boolean = () => true,
): Promise<ReadRecord[]> {
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
    return records;
  } finally {
    await consumer.disconnect();
  }
}
