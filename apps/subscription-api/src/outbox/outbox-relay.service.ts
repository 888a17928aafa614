import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type pg from 'pg';
import { Counter, Gauge, Registry } from 'prom-client';
import { PG_POOL } from '../database/database.module.js';
import { API_ENV, type ApiEnv } from '../env.js';
import { ApiKafka } from '../kafka/kafka.module.js';
import { isPublished, markParked, markPublished, readBacklog, readUnpublished } from './outbox.repository.js';
import { publishOutboxRows } from './publish-outbox-rows.js';

/** One relay at a time across all API instances, so records reach Kafka in commit order. */
const RELAY_LOCK_KEY = 'hookstream.outbox-relay';
const BATCH_SIZE = 500;

/**
 * Publishes outbox rows to Kafka, then marks them published. A row is marked only after the
 * broker acknowledged it (acks=all), so a crash re-publishes rather than loses: at least once,
 * and consumers keep the highest `version` they have seen.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly published: Counter;
  private readonly failures: Counter;
  private readonly parked: Counter;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(ApiKafka) private readonly kafka: ApiKafka,
    @Inject(API_ENV) private readonly env: ApiEnv,
    @Inject(Registry) registry: Registry,
  ) {
    this.published = new Counter({
      name: 'hookstream_api_outbox_published_total',
      help: 'Outbox records published to Kafka',
      registers: [registry],
    });
    this.failures = new Counter({
      name: 'hookstream_api_outbox_failures_total',
      help: 'Outbox relay runs that failed (Kafka or Postgres unavailable); retried on the next tick',
      registers: [registry],
    });
    this.parked = new Counter({
      name: 'hookstream_api_outbox_parked_total',
      help: 'Outbox rows set aside because the broker can never accept them (larger than the topic allows)',
      registers: [registry],
    });
    // Read at scrape time from Postgres, so every API instance reports the shared backlog.
    let backlog = { oldestUnpublishedAgeSeconds: 0, parkedRows: 0 };
    const refresh = async () => {
      backlog = await readBacklog(this.pool).catch(() => backlog);
    };
    new Gauge({
      name: 'hookstream_api_outbox_oldest_unpublished_age_seconds',
      help: 'Age of the oldest outbox row not yet in Kafka, in seconds (0 when none waits); parked rows excluded',
      registers: [registry],
      async collect() {
        await refresh();
        this.set(backlog.oldestUnpublishedAgeSeconds);
      },
    });
    new Gauge({
      name: 'hookstream_api_outbox_parked_rows',
      help: 'Outbox rows parked because the broker cannot accept them; each needs an operator (see README)',
      registers: [registry],
      collect() {
        this.set(backlog.parkedRows);
      },
    });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.drain(), this.env.OUTBOX_POLL_INTERVAL_MS);
    void this.drain();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /**
   * Publishes now and waits (bounded) until row `id` is in Kafka, so that when the API answers
   * 201 the change is already visible to the router. On timeout the poller still publishes it.
   */
  async publishAndWait(id: string): Promise<boolean> {
    const deadline = Date.now() + this.env.OUTBOX_PUBLISH_WAIT_MS;
    await this.drain();
    while (!(await isPublished(this.pool, id))) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 25));
      await this.drain();
    }
    return true;
  }

  /** Coalesces concurrent calls: one drain runs, and runs once more if asked meanwhile. */
  drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          while ((await this.drainOnce()) === BATCH_SIZE) {}
        } catch (error) {
          this.failures.inc();
          this.logger.warn({ msg: 'outbox relay failed; will retry', error: (error as Error).message });
        }
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drainOnce(): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const lock = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
        [RELAY_LOCK_KEY],
      );
      if (!lock.rows[0]?.locked) {
        await client.query('COMMIT');
        return 0;
      }
      const rows = await readUnpublished(client, BATCH_SIZE);
      // Each acknowledged chunk is marked at once; a failure later in the run keeps those
      // marks (the commit below still happens) and the rest is retried on the next tick.
      const report = await publishOutboxRows(this.kafka.producer, this.kafka.connection.topics, rows, (ids) =>
        markPublished(client, ids),
      );
      for (const { id, reason } of report.parked) {
        await markParked(client, id, reason);
        this.logger.error({ msg: 'outbox row parked: the broker cannot accept it', outboxId: id, reason });
      }
      await client.query('COMMIT');
      this.published.inc(report.published.length);
      this.parked.inc(report.parked.length);
      if (report.error) throw report.error;
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}
