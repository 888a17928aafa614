import type pg from 'pg';
import type { TimeCursor } from './cursor.js';
import type { LoggedAttempt } from './decode-records.js';

/** One attempt as the API shows it (api.md, Delivery operations). */
export interface AttemptView {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  attempt: number;
  status: string;
  responseCode: number | null;
  durationMs: number;
  responseBodyExcerpt: string | null;
  error: string | null;
  startedAt: string;
  nextAttemptAt: string | null;
}

interface AttemptRow {
  id: string;
  message_id: string;
  event_id: string;
  event_type: string;
  attempt: number;
  outcome: string;
  status_code: number | null;
  duration_ms: number;
  response_body_excerpt: string | null;
  error: string | null;
  started_at: Date;
  next_attempt_at: Date | null;
}

const COLUMNS =
  'id, message_id, event_id, event_type, attempt, outcome, status_code, duration_ms, response_body_excerpt, error, started_at, next_attempt_at';

function toView(row: AttemptRow): AttemptView {
  return {
    id: row.id,
    webhookId: row.message_id,
    eventId: row.event_id,
    eventType: row.event_type,
    attempt: row.attempt,
    status: row.outcome,
    responseCode: row.status_code,
    durationMs: Math.round(row.duration_ms),
    responseBodyExcerpt: row.response_body_excerpt,
    error: row.error,
    startedAt: row.started_at.toISOString(),
    nextAttemptAt: row.next_attempt_at?.toISOString() ?? null,
  };
}

export interface AttemptFilter {
  status?: string;
  eventType?: string;
  since?: string;
  until?: string;
  limit: number;
  after?: TimeCursor;
}

/**
 * Inserts a batch in one statement (arrays unnested server-side), skipping ids already stored:
 * a batch read again after a crash or rebalance adds no row. Returns how many were new.
 */
export async function insertAttempts(
  client: pg.PoolClient | pg.Pool,
  attempts: LoggedAttempt[],
): Promise<number> {
  if (attempts.length === 0) return 0;
  const column = <T>(pick: (attempt: LoggedAttempt) => T) => attempts.map(pick);
  const result = await client.query(
    `INSERT INTO delivery_attempts (id, tenant_id, subscription_id, message_id, event_id, event_type, attempt,
       outcome, status_code, duration_ms, response_body_excerpt, error, url, started_at, next_attempt_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[],
       $8::text[], $9::int[], $10::float8[], $11::text[], $12::text[], $13::text[], $14::timestamptz[], $15::timestamptz[])
     ON CONFLICT (id) DO NOTHING`,
    [
      column((a) => a.id),
      column((a) => a.tenantId),
      column((a) => a.subscriptionId),
      column((a) => a.messageId),
      column((a) => a.eventId),
      column((a) => a.eventType),
      column((a) => a.attempt),
      column((a) => a.outcome),
      column((a) => a.statusCode),
      column((a) => a.durationMs),
      column((a) => a.responseBody),
      column((a) => a.error),
      column((a) => a.url),
      column((a) => a.startedAt),
      column((a) => a.nextAttemptAt),
    ],
  );
  return result.rowCount ?? 0;
}

/** A subscription's attempts newest first, one page plus one row to know whether more follow. */
export async function listSubscriptionAttempts(
  pool: pg.Pool,
  tenantId: string,
  subscriptionId: string,
  filter: AttemptFilter,
): Promise<{ items: AttemptView[]; more: boolean }> {
  const result = await pool.query<AttemptRow>(
    `SELECT ${COLUMNS} FROM delivery_attempts
     WHERE tenant_id = $1 AND subscription_id = $2
       AND ($3::text IS NULL OR outcome = $3)
       AND ($4::text IS NULL OR event_type = $4)
       AND ($5::timestamptz IS NULL OR started_at >= $5)
       AND ($6::timestamptz IS NULL OR started_at < $6)
       AND ($7::timestamptz IS NULL OR (started_at, id) < ($7, $8::text))
     ORDER BY started_at DESC, id DESC LIMIT $9`,
    [
      tenantId,
      subscriptionId,
      filter.status ?? null,
      filter.eventType ?? null,
      filter.since ?? null,
      filter.until ?? null,
      filter.after?.at ?? null,
      filter.after?.id ?? null,
      filter.limit + 1,
    ],
  );
  return { items: result.rows.slice(0, filter.limit).map(toView), more: result.rows.length > filter.limit };
}

/** Every attempt of one message (webhook-id), newest first; bounded (a message has few attempts). */
export async function listMessageAttempts(
  pool: pg.Pool,
  tenantId: string,
  messageId: string,
): Promise<AttemptView[]> {
  const result = await pool.query<AttemptRow>(
    `SELECT ${COLUMNS} FROM delivery_attempts WHERE tenant_id = $1 AND message_id = $2
     ORDER BY started_at DESC, id DESC LIMIT 1000`,
    [tenantId, messageId],
  );
  return result.rows.map(toView);
}

/** Whether the tenant has (or had, per the log) this subscription. */
export async function hasAttemptsFor(
  pool: pg.Pool,
  tenantId: string,
  subscriptionId: string,
): Promise<boolean> {
  const result = await pool.query(
    'SELECT 1 FROM delivery_attempts WHERE tenant_id = $1 AND subscription_id = $2 LIMIT 1',
    [tenantId, subscriptionId],
  );
  return (result.rowCount ?? 0) > 0;
}
