import { type SubscriptionRecord, subscriptionSecretsSealed, type TopicKey } from '@hookstream/kafka';
import type pg from 'pg';

export interface OutboxMessage {
  id: string;
  topic: TopicKey;
  key: string;
  /** Serialised JSON value; null publishes a tombstone. */
  value: string | null;
}

/** Appends inside the caller's transaction; returns the outbox id to wait on. */
export async function appendToOutbox(
  client: pg.PoolClient,
  topic: TopicKey,
  key: string,
  payload: unknown | null,
): Promise<string> {
  // Secrets never reach the outbox or the topic in clear: a code path that forgot to seal a
  // subscription record fails here, in its transaction, instead of leaking.
  if (
    topic === 'subscriptions' &&
    payload !== null &&
    !subscriptionSecretsSealed(payload as SubscriptionRecord)
  ) {
    throw new Error(`refusing to write subscription ${key} to the outbox with unsealed secrets`);
  }
  const result = await client.query<{ id: string }>(
    'INSERT INTO outbox (topic, message_key, payload) VALUES ($1, $2, $3) RETURNING id',
    [topic, key, payload === null ? null : JSON.stringify(payload)],
  );
  const row = result.rows[0];
  if (!row) throw new Error('outbox insert returned no id');
  return row.id;
}

/** Oldest unpublished rows first (parked ones skipped), so per-key order in Kafka is commit order. */
export async function readUnpublished(client: pg.PoolClient, limit: number): Promise<OutboxMessage[]> {
  const result = await client.query<{
    id: string;
    topic: TopicKey;
    message_key: string;
    payload: string | null;
  }>(
    `SELECT id, topic, message_key, payload::text AS payload FROM outbox
     WHERE published_at IS NULL AND parked_at IS NULL ORDER BY id LIMIT $1`,
    [limit],
  );
  return result.rows.map((row) => ({
    id: row.id,
    topic: row.topic,
    key: row.message_key,
    value: row.payload,
  }));
}

/**
 * Published rows are deleted, not kept: they hold subscription secrets and delivery headers,
 * and Kafka (the compacted topic) is now their durable copy. Deleting in the relay's transaction
 * keeps "published" and "gone" one step, so a crash before commit re-sends them (at least once).
 */
export async function markPublished(client: pg.PoolClient, ids: readonly string[]): Promise<void> {
  await client.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [ids]);
}

/** Outbox ids only grow and a row is deleted once published, so a missing row is a published one. */
export async function isPublished(pool: pg.Pool, id: string): Promise<boolean> {
  const result = await pool.query('SELECT 1 FROM outbox WHERE id = $1 AND published_at IS NULL', [id]);
  return result.rowCount === 0;
}

/** Sets a row aside that the broker can never accept, with the reason, so the rest flows on. */
export async function markParked(client: pg.PoolClient, id: string, reason: string): Promise<void> {
  await client.query('UPDATE outbox SET parked_at = now(), park_reason = $2 WHERE id = $1', [id, reason]);
}

export interface OutboxBacklog {
  /** Age of the oldest row waiting to be published, in seconds; 0 when none waits. */
  oldestUnpublishedAgeSeconds: number;
  /** Rows set aside because the broker cannot take them. */
  parkedRows: number;
}

export async function readBacklog(pool: pg.Pool): Promise<OutboxBacklog> {
  const result = await pool.query<{ age: string | null; parked: string }>(
    `SELECT
       (SELECT EXTRACT(EPOCH FROM now() - min(created_at)) FROM outbox
          WHERE published_at IS NULL AND parked_at IS NULL) AS age,
       (SELECT count(*) FROM outbox WHERE published_at IS NULL AND parked_at IS NOT NULL) AS parked`,
  );
  const row = result.rows[0];
  return { oldestUnpublishedAgeSeconds: Number(row?.age ?? 0), parkedRows: Number(row?.parked ?? 0) };
}
