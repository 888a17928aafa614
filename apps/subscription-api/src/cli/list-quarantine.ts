import { randomUUID } from 'node:crypto';
import { createKafkaClient, HEADERS, type KafkaEnv, resolveTopics } from '@hookstream/kafka';
import type { IHeaders, KafkaMessage } from 'kafkajs';

/** One quarantined record as the operator sees it. */
export interface QuarantinedEvent {
  at: string;
  partition: number;
  offset: string;
  code: string;
  reason: string;
  /** From the value when it is JSON with these fields; null otherwise (it may not be JSON at all). */
  eventId: string | null;
  type: string | null;
  tenantId: string | null;
}

function header(headers: IHeaders | undefined, name: string): string | null {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? null : first.toString();
}

function stringField(value: unknown, name: string): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const field = (value as Record<string, unknown>)[name];
  return typeof field === 'string' ? field.slice(0, 200) : null;
}

/** What a quarantined record says, never throwing on what it holds (it was refused for a reason). */
export function describeQuarantined(partition: number, message: KafkaMessage): QuarantinedEvent {
  let value: unknown = null;
  try {
    value = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch {
    // Not JSON: that is often the reason it is here.
  }
  const millis = Number(message.timestamp);
  return {
    at: new Date(Number.isFinite(millis) ? millis : 0).toISOString(),
    partition,
    offset: message.offset,
    code: header(message.headers, HEADERS.quarantineCode) ?? 'unknown',
    reason: header(message.headers, HEADERS.quarantineReason) ?? '',
    eventId: stringField(value, 'id'),
    type: stringField(value, 'type'),
    tenantId: stringField(value, 'tenantId'),
  };
}

/** One line per record, newest first, for a terminal. */
export function formatQuarantined(events: readonly QuarantinedEvent[]): string {
  if (events.length === 0) return 'no quarantined events\n';
  return events
    .map((e) =>
      [
        e.at,
        e.code,
        e.eventId ?? '-',
        e.type ?? '-',
        e.tenantId ?? '-',
        `${e.partition}/${e.offset}`,
        e.reason,
      ].join('  '),
    )
    .join('\n')
    .concat('\n');
}

/**
 * The `limit` newest records of the quarantine topic. Reads the last `limit` offsets of each
 * partition with a throw-away consumer group (seek, no commit), so it changes nothing.
 */
export async function listQuarantine(
  env: KafkaEnv,
  limit: number,
  timeoutMs = 30_000,
): Promise<QuarantinedEvent[]> {
  const kafka = createKafkaClient({ brokers: env.KAFKA_BROKERS, clientId: 'hookstream-admin' });
  const topic = resolveTopics(env.HOOKSTREAM_TOPIC_PREFIX).quarantine;
  const admin = kafka.admin();
  await admin.connect();
  let offsets: Array<{ partition: number; low: string; high: string }>;
  try {
    offsets = await admin.fetchTopicOffsets(topic);
  } finally {
    await admin.disconnect();
  }
  const ranges = offsets
    .map(({ partition, low, high }) => {
      const to = BigInt(high);
      const from = to - BigInt(limit) > BigInt(low) ? to - BigInt(limit) : BigInt(low);
      return { partition, from, to };
    })
    .filter((range) => range.to > range.from);
  if (ranges.length === 0) return [];

  const found: QuarantinedEvent[] = [];
  const remaining = new Set(ranges.map((range) => range.partition));
  const groupId = `hookstream-admin-quarantine-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const timer = setTimeout(finish, timeoutMs);
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic] });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const range = ranges.find((candidate) => candidate.partition === partition);
        if (!range || !remaining.has(partition)) return;
        const offset = BigInt(message.offset);
        if (offset >= range.from && offset < range.to) found.push(describeQuarantined(partition, message));
        if (offset >= range.to - 1n) remaining.delete(partition);
        if (remaining.size === 0) finish();
      },
    });
    for (const range of ranges)
      consumer.seek({ topic, partition: range.partition, offset: range.from.toString() });
    await finished;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
    // The group committed nothing; deleting it is tidiness (it would expire on its own).
    const cleanup = kafka.admin();
    await cleanup.connect();
    await cleanup.deleteGroups([groupId]).catch(() => {});
    await cleanup.disconnect();
  }
  return found
    .sort((a, b) => b.at.localeCompare(a.at) || Number(BigInt(b.offset) - BigInt(a.offset)))
    .slice(0, limit);
}
