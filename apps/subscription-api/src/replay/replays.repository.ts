import type pg from 'pg';
import { withTransaction } from '../database/transaction.js';

/** A replay as the API shows it (api.md, Delivery operations), plus what it was asked. */
export interface ReplayView {
  id: string;
  subscriptionId: string;
  status: 'running' | 'succeeded' | 'failed';
  eventsScanned: number;
  tasksCreated: number;
  since: string;
  until: string;
  eventTypes: string[] | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/** A running replay whose instance has not reported for this long (s) is shown as failed. */
const STALE_SECONDS = 60;

/**
 * Records a new running replay unless one of the same subscription is still running (its
 * instance reported within STALE_SECONDS); false when one is. Atomic: a transaction-scoped
 * advisory lock per subscription serializes two starts of the same subscription, so two
 * requests at the same instant cannot both see "none running" and both insert.
 */
export async function claimReplay(
  pool: pg.Pool,
  replay: {
    id: string;
    tenantId: string;
    subscriptionId: string;
    since: string;
    until: string;
    eventTypes: string[] | null;
  },
): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('replay:' || $1))`, [replay.subscriptionId]);
    const running = await client.query(
      `SELECT 1 FROM replays WHERE tenant_id = $1 AND subscription_id = $2 AND status = 'running'
         AND heartbeat_at > now() - make_interval(secs => $3)`,
      [replay.tenantId, replay.subscriptionId, STALE_SECONDS],
    );
    if ((running.rowCount ?? 0) > 0) return false;
    await client.query(
      'INSERT INTO replays (id, tenant_id, subscription_id, since, until, event_types) VALUES ($1, $2, $3, $4, $5, $6)',
      [replay.id, replay.tenantId, replay.subscriptionId, replay.since, replay.until, replay.eventTypes],
    );
    return true;
  });
}

export async function addProgress(
  pool: pg.Pool,
  id: string,
  scanned: number,
  created: number,
): Promise<void> {
  await pool.query(
    `UPDATE replays SET events_scanned = events_scanned + $2, tasks_created = tasks_created + $3, heartbeat_at = now()
     WHERE id = $1`,
    [id, scanned, created],
  );
}

export async function finishReplay(pool: pg.Pool, id: string, error: string | null): Promise<void> {
  await pool.query(
    `UPDATE replays SET status = $2, error = $3, finished_at = now(), heartbeat_at = now() WHERE id = $1`,
    [id, error === null ? 'succeeded' : 'failed', error],
  );
}

interface ReplayRow {
  id: string;
  subscription_id: string;
  status: string;
  stale: boolean;
  events_scanned: string;
  tasks_created: string;
  since: Date;
  until: Date;
  event_types: string[] | null;
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
}

export async function findReplay(pool: pg.Pool, tenantId: string, id: string): Promise<ReplayView | null> {
  const result = await pool.query<ReplayRow>(
    `SELECT id, subscription_id, status, heartbeat_at < now() - make_interval(secs => $3) AS stale, events_scanned,
       tasks_created, since, until, event_types, error, started_at, finished_at
     FROM replays WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, STALE_SECONDS],
  );
  const row = result.rows[0];
  if (!row) return null;
  const abandoned = row.status === 'running' && row.stale;
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    status: abandoned ? 'failed' : (row.status as ReplayView['status']),
    eventsScanned: Number(row.events_scanned),
    tasksCreated: Number(row.tasks_created),
    since: row.since.toISOString(),
    until: row.until.toISOString(),
    eventTypes: row.event_types,
    error: abandoned ? 'the API instance running it stopped; start a new replay' : row.error,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}
