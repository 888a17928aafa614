import { Inject, Injectable, Logger } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '../database/database.module.js';
import { withTransaction } from '../database/transaction.js';
import { OutboxRelay } from '../outbox/outbox-relay.service.js';

/**
 * Every subscription change follows one path: the row and its outbox record in one Postgres
 * transaction, then a bounded wait until the relay has published the record. After the answer,
 * the router has the change (on the compacted topic, ahead of any later event it reads).
 */
@Injectable()
export class PublishChange {
  private readonly logger = new Logger(PublishChange.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
  ) {}

  /** `work` returns its result and the outbox id to wait for. */
  async run<T>(work: (client: pg.PoolClient) => Promise<{ result: T; outboxId: string }>): Promise<T> {
    const { result, outboxId } = await withTransaction(this.pool, work);
    if (!(await this.relay.publishAndWait(outboxId))) {
      this.logger.warn({ msg: 'change stored but not yet in Kafka; the relay will publish it', outboxId });
    }
    return result;
  }
}
