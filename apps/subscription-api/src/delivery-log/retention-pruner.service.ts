import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '../database/database.module.js';
import { API_ENV, type ApiEnv } from '../env.js';

/** Rows deleted per statement: short enough that no lock or WAL burst is felt by writers. */
const CHUNK_ROWS = 5_000;
/** Chunks per run and table, so one run is bounded (the next run continues). */
const MAX_CHUNKS_PER_RUN = 200;

const TABLES = [
  { table: 'delivery_attempts', time: 'started_at' },
  { table: 'dead_letters', time: 'dead_lettered_at' },
  { table: 'subscription_health', time: 'last_attempt_at' },
] as const;

/**
 * Retention of the delivery log (DELIVERY_LOG_RETENTION_DAYS, default 30): the oldest rows are
 * deleted through the time index in chunks of CHUNK_ROWS. An indexed prune rather than
 * time partitions: at this log's volume (one row per attempt) it keeps the schema one plain
 * table that ON CONFLICT can key on the attempt id alone, and each chunk is an index range
 * scan of at most 5 000 rows. Partitions dropped whole would be cheaper at billions of rows;
 * the time index is what such a move would partition by.
 */
@Injectable()
export class RetentionPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionPruner.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(API_ENV) private readonly env: ApiEnv,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.env.ATTEMPT_RECORDER_ENABLED) return;
    this.timer = setInterval(() => void this.prune(), this.env.DELIVERY_LOG_PRUNE_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One bounded pass over every table; returns rows deleted per table. */
  prune(): Promise<void> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(): Promise<void> {
    try {
      for (const { table, time } of TABLES) {
        let deleted = 0;
        for (let chunk = 0; chunk < MAX_CHUNKS_PER_RUN; chunk++) {
          const result = await this.pool.query(
            `DELETE FROM ${table} WHERE ctid IN (
               SELECT ctid FROM ${table} WHERE ${time} < now() - make_interval(days => $1)
               ORDER BY ${time} LIMIT $2)`,
            [this.env.DELIVERY_LOG_RETENTION_DAYS, CHUNK_ROWS],
          );
          deleted += result.rowCount ?? 0;
          if ((result.rowCount ?? 0) < CHUNK_ROWS) break;
        }
        if (deleted > 0) this.logger.log({ msg: 'pruned the delivery log', table, deleted });
      }
    } catch (error) {
      this.logger.warn({
        msg: 'delivery log prune failed; retried next run',
        error: (error as Error).message,
      });
    }
  }
}
