import { newPrefixedId } from '@hookstream/events';
import { DeliveryTask } from '@hookstream/kafka';
import type pg from 'pg';
import type { TimeCursor } from './cursor.js';
import type { IndexedDeadLetter } from './decode-records.js';

/** One dead letter as the API shows it (api.md, Delivery operations). */
export interface DeadLetterView {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  reason: string;
  deadLetteredAt: string;
  redrivenAt: string | null;
}

interface DeadLetterRow {
  id: string;
  message_id: string;
  event_id: string;
  event_type: string;
  reason: string;
  dead_lettered_at: Date;
  redriven_at: Date | null;
}

const COLUMNS = 'id, message_id, event_id, event_type, reason, dead_lettered_at, redriven_at';

function toView(row: DeadLetterRow): DeadLetterView {
  return {
    id: row.id,
    webhookId: row.message_id,
    eventId: row.event_id,
    eventType: row.event_type,
    reason: row.reason,
    deadLetteredAt: row.dead_lettered_at.toISOString(),
    redrivenAt: row.redriven_at?.toISOString() ?? null,
  };
}

/** Indexes a batch; a record already indexed (same partition and offset) is skipped. */
export async function insertDeadLetters(
  client: pg.PoolClient | pg.Pool,
  letters: IndexedDeadLetter[],
): Promise<number> {
  if (letters.length === 0) return 0;
  const column = <T>(pick: (letter: IndexedDeadLetter) => T) => letters.map(pick);
  const result = await client.query(
    `INSERT INTO dead_letters (id, kafka_partition, kafka_offset, kafka_key, tenant_id, subscription_id, message_id,
       event_id, event_type, reason, dead_lettered_at, task)
     SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[],
       $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::jsonb[])
     ON CONFLICT (kafka_partition, kafka_offset) DO NOTHING`,
    [
      column(() => newPrefixedId('dlq_')),
      column((l) => l.partition),
      column((l) => l.offset),
      column((l) => l.key),
      column((l) => l.task.tenantId),
      column((l) => l.task.subscriptionId),
      column((l) => l.task.messageId),
      column((l) => l.task.eventId),
      column((l) => l.task.eventType),
      column((l) => l.reason),
      column((l) => l.deadLetteredAt),
      column((l) => JSON.stringify(l.task)),
    ],
  );
  return result.rowCount ?? 0;
}

export interface DeadLetterFilter {
  since?: string;
  until?: string;
  limit: number;
  after?: TimeCursor;
}

export async function listDeadLetters(
  pool: pg.Pool,
  tenantId: string,
  subscriptionId: string,
  filter: DeadLetterFilter,
): Promise<{ items: DeadLetterView[]; more: boolean }> {
  const result = await pool.query<DeadLetterRow>(
    `SELECT ${COLUMNS} FROM dead_letters
     WHERE tenant_id = $1 AND subscription_id = $2
       AND ($3::timestamptz IS NULL OR dead_lettered_at >= $3)
       AND ($4::timestamptz IS NULL OR dead_lettered_at < $4)
       AND ($5::timestamptz IS NULL OR (dead_lettered_at, id) < ($5, $6::text))
     ORDER BY dead_lettered_at DESC, id DESC LIMIT $7`,
    [
      tenantId,
      subscriptionId,
      filter.since ?? null,
      filter.until ?? null,
      filter.after?.at ?? null,
      filter.after?.id ?? null,
      filter.limit + 1,
    ],
  );
  return { items: result.rows.slice(0, filter.limit).map(toView), more: result.rows.length > filter.limit };
}

export async function hasDeadLettersFor(
  pool: pg.Pool,
  tenantId: string,
  subscriptionId: string,
): Promise<boolean> {
  const result = await pool.query(
    'SELECT 1 FROM dead_letters WHERE tenant_id = $1 AND subscription_id = $2 LIMIT 1',
    [tenantId, subscriptionId],
  );
  return (result.rowCount ?? 0) > 0;
}

export interface RedriveSelection {
  ids?: string[];
  since?: string;
  until?: string;
  /** Also letters already redriven. */
  force: boolean;
  limit: number;
}

export interface LockedLetter {
  id: string;
  key: string | null;
  task: DeliveryTask;
}

/**
 * The selected letters, locked for the caller's transaction. SKIP LOCKED: a concurrent redrive
 * of the same letters gets none of them, so two calls at once cannot send a letter twice.
 */
export async function lockForRedrive(
  client: pg.PoolClient,
  tenantId: string,
  subscriptionId: string,
  selection: RedriveSelection,
): Promise<LockedLetter[]> {
  const result = await client.query<{ id: string; kafka_key: string | null; task: unknown }>(
    `SELECT id, kafka_key, task FROM dead_letters
     WHERE tenant_id = $1 AND subscription_id = $2
       AND ($3::text[] IS NULL OR id = ANY($3))
       AND ($4::timestamptz IS NULL OR dead_lettered_at >= $4)
       AND ($5::timestamptz IS NULL OR dead_lettered_at < $5)
       AND ($6::boolean OR redriven_at IS NULL)
     ORDER BY dead_lettered_at, id LIMIT $7
     FOR UPDATE SKIP LOCKED`,
    [
      tenantId,
      subscriptionId,
      selection.ids ?? null,
      selection.since ?? null,
      selection.until ?? null,
      selection.force,
      selection.limit,
    ],
  );
  return result.rows.map((row) => ({ id: row.id, key: row.kafka_key, task: DeliveryTask.parse(row.task) }));
}

export async function markRedriven(client: pg.PoolClient, ids: string[]): Promise<void> {
  await client.query(
    'UPDATE dead_letters SET redriven_at = now(), redrive_count = redrive_count + 1 WHERE id = ANY($1::text[])',
    [ids],
  );
}
