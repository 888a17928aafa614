import {
  chunkByBytes,
  messageBytes,
  PRODUCE_BUDGET_BYTES,
  TOPIC_SPECS,
  type TopicNames,
  type TopicSpec,
} from '@hookstream/kafka';
import type { Message, Producer } from 'kafkajs';
import type { OutboxMessage } from './outbox.repository.js';

/** The broker's default max.message.bytes, for topics whose spec does not set one. */
const BROKER_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;
/** Record-batch framing and record headers around a lone record, in bytes (generous). */
const RECORD_OVERHEAD_BYTES = 1_024;

/** Where each row went: published (acknowledged by all in-sync replicas) or parked with a reason. */
export interface PublishReport {
  published: string[];
  parked: Array<{ id: string; reason: string }>;
  /** Set when a send failed: rows after the failure are neither published nor parked. */
  error?: Error;
}

type OutboxKafkaMessage = Message & { rowId: string };

/**
 * Publishes outbox rows in order, in produce requests of at most PRODUCE_BUDGET_BYTES, so a
 * backlog of large rows never becomes one request the broker refuses. A row that cannot fit
 * in its topic at all (bigger than the topic's max.message.bytes, or refused by the broker as
 * too large even alone) is parked rather than retried forever: retrying could never succeed
 * and would hold back every row behind it. Stops at the first other failure (the broker is
 * away): what was acknowledged so far is reported, the rest waits for the next run.
 */
export async function publishOutboxRows(
  producer: Pick<Producer, 'send'>,
  topics: TopicNames,
  rows: readonly OutboxMessage[],
  onChunkPublished: (ids: string[]) => Promise<void>,
): Promise<PublishReport> {
  const report: PublishReport = { published: [], parked: [] };
  const sendable: Array<{ topic: string; message: OutboxKafkaMessage }> = [];
  for (const row of rows) {
    const message: OutboxKafkaMessage = { key: row.key, value: row.value, rowId: row.id };
    const limit = maxMessageBytes(row.topic);
    const bytes = messageBytes(message);
    if (bytes + RECORD_OVERHEAD_BYTES > limit) {
      report.parked.push({
        id: row.id,
        reason: `record of ${bytes} bytes exceeds ${row.topic} limit of ${limit} bytes`,
      });
      continue;
    }
    sendable.push({ topic: topics[row.topic], message });
  }
  // Consecutive rows of one topic go together; topics alternate rarely (there is one today).
  for (const run of runsByTopic(sendable)) {
    for (const chunk of chunkByBytes(run.messages, PRODUCE_BUDGET_BYTES)) {
      const ids = chunk.map((message) => message.rowId);
      try {
        await producer.send({ topic: run.topic, acks: -1, messages: chunk.map(({ rowId: _, ...m }) => m) });
      } catch (error) {
        if (chunk.length === 1 && isTooLarge(error)) {
          report.parked.push({
            id: ids[0] as string,
            reason: `broker refused the record: ${(error as Error).message}`,
          });
          continue;
        }
        report.error = error as Error;
        return report;
      }
      await onChunkPublished(ids);
      report.published.push(...ids);
    }
  }
  return report;
}

function maxMessageBytes(topic: keyof typeof TOPIC_SPECS): number {
  const spec: TopicSpec = TOPIC_SPECS[topic];
  return spec.maxMessageBytes ?? BROKER_DEFAULT_MAX_MESSAGE_BYTES;
}

function runsByTopic(
  items: ReadonlyArray<{ topic: string; message: OutboxKafkaMessage }>,
): Array<{ topic: string; messages: OutboxKafkaMessage[] }> {
  const runs: Array<{ topic: string; messages: OutboxKafkaMessage[] }> = [];
  for (const { topic, message } of items) {
    const last = runs.at(-1);
    if (last?.topic === topic) last.messages.push(message);
    else runs.push({ topic, messages: [message] });
  }
  return runs;
}

/** kafkajs reports the broker's MESSAGE_TOO_LARGE (and RECORD_LIST_TOO_LARGE) by type. */
function isTooLarge(error: unknown): boolean {
  const type = (error as { type?: string; cause?: { type?: string } } | null)?.type;
  const causeType = (error as { cause?: { type?: string } } | null)?.cause?.type;
  return [type, causeType].some((t) => t === 'MESSAGE_TOO_LARGE' || t === 'RECORD_LIST_TOO_LARGE');
}
