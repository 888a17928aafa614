import { AttemptRecord, DeliveryTask, decodeJson, HEADERS } from '@hookstream/kafka';
import { z } from 'zod';

/**
 * An attempts-topic record as the log stores it. The outcome is any short word, not only the
 * outcomes this build knows: the worker may add new ones (circuit_open, cancelled) first, and
 * the log stores them as they are instead of refusing the record.
 */
export const LoggedAttempt = AttemptRecord.extend({
  outcome: z.string().min(1).max(64),
});
export type LoggedAttempt = z.infer<typeof LoggedAttempt>;

export function decodeAttempt(value: Buffer | null) {
  return decodeJson(LoggedAttempt, value);
}

/** A dead-letter-topic record as the index stores it. */
export interface IndexedDeadLetter {
  partition: number;
  offset: string;
  key: string | null;
  task: DeliveryTask;
  reason: string;
  deadLetteredAt: string;
}

export type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;

function headerText(value: HeaderValue): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return null;
  return typeof first === 'string' ? first : first.toString('utf8');
}

export interface RawRecord {
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  /** Kafka record timestamp, Unix ms as a string (kafkajs's form). */
  timestamp: string;
  headers?: Record<string, HeaderValue>;
}

/**
 * A dead letter is indexed only if its value is a delivery task: the worker also dead-letters
 * records that were never tasks (unchanged, for operators), and those belong to no
 * subscription, so no tenant could list or redrive them.
 */
export function decodeDeadLetter(
  record: RawRecord,
): { ok: true; value: IndexedDeadLetter } | { ok: false; reason: string } {
  const decoded = decodeJson(DeliveryTask, record.value);
  if (!decoded.ok) return decoded;
  const millis = Number(record.timestamp);
  return {
    ok: true,
    value: {
      partition: record.partition,
      offset: record.offset,
      key: record.key === null ? null : record.key.toString('utf8'),
      task: decoded.value,
      reason: headerText(record.headers?.[HEADERS.deadLetterReason]) ?? 'no reason recorded',
      deadLetteredAt: new Date(Number.isFinite(millis) && millis > 0 ? millis : Date.now()).toISOString(),
    },
  };
}
