import {
  chunkByBytes,
  PRODUCE_BUDGET_BYTES,
  retryStartup,
  TRANSACTIONAL_PRODUCER_RETRY,
} from '@hookstream/kafka';
import type { Admin, Kafka, Message, Producer } from 'kafkajs';

/** Messages for one topic, written in the transaction in this order. */
export interface TopicOutput {
  topic: string;
  messages: Message[];
}

/** A consumer position a transaction commits together with its outputs. */
export interface ConsumedPosition {
  groupId: string;
  topic: string;
  partition: number;
  /** Offset of the next record to read (last routed offset + 1). */
  nextOffset: string;
}

export type WriteOutcome =
  /** The outputs and the positions are committed together. */
  | 'committed'
  /** The transaction failed and no position was committed: process the records again. */
  | 'retry';

export interface TransactionalWriterOptions {
  kafka: Kafka;
  transactionalId: string;
  /** The coordinator aborts a transaction left open longer than this, in ms. */
  transactionTimeoutMs: number;
  /** Most producer rebuilds in a row without a committed transaction before giving up. */
  recoveryLimit: number;
  log: { warn: (entry: object) => void; error: (entry: object) => void };
  /** Told about every rebuilt producer (for a metric). */
  onRecovery?: () => void;
}

/** Thrown when the producer could not be rebuilt `recoveryLimit` times in a row. */
export class ProducerUnrecoverableError extends Error {
  /** kafkajs does not retry, and does not restart, a consumer whose handler throws this. */
  readonly retriable = false;
  constructor(reason: string) {
    super(`transactional producer unrecoverable: ${reason}`);
    this.name = 'ProducerUnrecoverableError';
  }
}

/**
 * Writes the outputs of one or more batches and their consumer positions (one per partition,
 * one group) in ONE Kafka transaction, so fan-out is exactly once for read_committed readers.
 *
 * kafkajs leaves a producer unusable for good when a commit or abort fails (its transaction
 * state machine stays in COMMITTING or ABORTING), and a fenced producer keeps its dead epoch:
 * a broker restart, a coordinator move or fencing would stop routing forever. So any failed
 * transaction marks the producer broken, and
 * the writer then builds a new one with the same transactional id (whose InitProducerId
 * fences any older epoch and completes or aborts the open transaction), asks the group
 * coordinator what was committed, and reports whether the batch must be processed again. That
 * is bounded: after `recoveryLimit` rebuilds in a row without a committed transaction it
 * throws ProducerUnrecoverableError, and the process is restarted from outside.
 */
export class TransactionalWriter {
  private producer: Producer;
  private admin: Admin | null = null;
  private broken = false;
  private recoveriesInARow = 0;
  private gaveUp = false;

  constructor(private readonly options: TransactionalWriterOptions) {
    this.producer = this.newProducer();
  }

  /** Connects the producer and claims the transactional id (see `connectAndClaim`). */
  async start(): Promise<void> {
    await retryStartup('producer connect', () => this.connectAndClaim(this.producer), {
      onRetry: (what, error) =>
        this.options.log.warn({ msg: `${what} failed; retrying`, error: error.message }),
    });
  }

  /**
   * kafkajs sends InitProducerId for a transactional id only when the first transaction
   * begins, not on connect. Beginning (and ending) an empty one at once makes the broker bump
   * the epoch now: a crashed predecessor with the same id is fenced and its open transaction
   * aborted (or completed) before this instance routes anything, so read_committed readers
   * are unblocked at once instead of after the transaction timeout.
   */
  private async connectAndClaim(producer: Producer): Promise<void> {
    await producer.connect();
    const empty = await producer.transaction();
    // No partitions and no offsets: kafkajs sends no EndTxn, it just returns to READY.
    await empty.abort();
  }

  /** False once the writer gave up: the router's liveness check. */
  get isUsable(): boolean {
    return !this.gaveUp;
  }

  /**
   * `heartbeat` runs between produce requests, so a large fan-out keeps the member in its
   * group. When it throws (the group is rebalancing) the transaction is aborted and its error
   * is rethrown unchanged, so kafkajs rejoins the group before the records are fetched again.
   */
  async write(
    outputs: readonly TopicOutput[],
    positions: readonly ConsumedPosition[],
    heartbeat: () => Promise<void> = async () => {},
  ): Promise<WriteOutcome> {
    const groupId = positions[0]?.groupId;
    if (groupId === undefined || positions.some((position) => position.groupId !== groupId))
      throw new Error('a transaction commits the positions of exactly one consumer group');
    if (this.broken) {
      const committed = await this.recover(positions);
      if (committed) return 'committed';
    }
    const transaction = await this.producer.transaction();
    // A heartbeat that fails inside the transaction is the group, not the producer: the member
    // must rejoin (a rebalance), and kafkajs does so only when it sees that error. Retrying the
    // batch in the old generation instead fails every heartbeat again, and would count as
    // producer failures until the recovery limit gives up on a healthy producer.
    let groupError: unknown = null;
    const beat = async () => {
      try {
        await heartbeat();
      } catch (error) {
        groupError = error;
        throw error;
      }
    };
    try {
      // Several bounded sends in one transaction: a batch's fan-out can be far larger than
      // one produce request may be, and all of it still commits or aborts together.
      for (const { topic, messages } of outputs) {
        for (const chunk of chunkByBytes(messages, PRODUCE_BUDGET_BYTES)) {
          await transaction.send({ topic, messages: chunk });
          await beat();
        }
      }
      await transaction.sendOffsets({ consumerGroupId: groupId, topics: offsetsByTopic(positions) });
      await transaction.commit();
    } catch (error) {
      if (error === groupError) {
        // Nothing was committed; an abort leaves the producer usable. If even that fails the
        // producer is rebuilt before the next batch, as below.
        await transaction.abort().catch(() => {
          this.broken = true;
        });
        throw error;
      }
      // Any other failed transaction retires this producer. After a failed commit kafkajs refuses to
      // abort (invalid state transition) and stays in COMMITTING; after a fenced send the
      // abort "succeeds" without an EndTxn but every later transaction reuses the fenced epoch
      // and fails the same way. Telling those apart from a transient failure is guesswork; a
      // new producer costs one InitProducerId.
      await transaction.abort().catch(() => {});
      this.broken = true;
      this.options.log.warn({
        msg: 'transaction failed; the producer will be rebuilt before the batch is retried',
        error: (error as Error).message,
      });
      return 'retry';
    }
    this.recoveriesInARow = 0;
    return 'committed';
  }

  async stop(): Promise<void> {
    await this.producer.disconnect().catch(() => {});
    await this.admin?.disconnect().catch(() => {});
  }

  /**
   * Replaces the broken producer, then reads the group's committed offsets: a commit that
   * failed on our side may have succeeded on the broker, and then the batches are done. The
   * positions were committed in one transaction, so all of them are there or none is.
   */
  private async recover(positions: readonly ConsumedPosition[]): Promise<boolean> {
    if (this.recoveriesInARow >= this.options.recoveryLimit) {
      this.gaveUp = true;
      throw new ProducerUnrecoverableError(
        `${this.recoveriesInARow} producer rebuilds in a row without a committed transaction`,
      );
    }
    this.recoveriesInARow += 1;
    this.options.onRecovery?.();
    await this.producer.disconnect().catch(() => {});
    this.producer = this.newProducer();
    // Claiming runs InitProducerId, which waits until the coordinator has completed the
    // previous epoch's transaction, so the committed offset read next is final.
    await this.connectAndClaim(this.producer);
    this.broken = false;
    for (const position of positions)
      if ((await this.committedOffset(position)) < BigInt(position.nextOffset)) return false;
    return true;
  }

  private async committedOffset(position: ConsumedPosition): Promise<bigint> {
    if (!this.admin) {
      const admin = this.options.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    const [topic] = await this.admin.fetchOffsets({ groupId: position.groupId, topics: [position.topic] });
    const partition = topic?.partitions.find((entry) => entry.partition === position.partition);
    return BigInt(partition?.offset ?? '-1');
  }

  private newProducer(): Producer {
    return this.options.kafka.producer({
      transactionalId: this.options.transactionalId,
      transactionTimeout: this.options.transactionTimeoutMs,
      idempotent: true,
      maxInFlightRequests: 1,
      retry: TRANSACTIONAL_PRODUCER_RETRY,
    });
  }
}

/** The positions as kafkajs' sendOffsets wants them: per topic, its partitions' next offsets. */
function offsetsByTopic(
  positions: readonly ConsumedPosition[],
): Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }> {
  const byTopic = new Map<string, Array<{ partition: number; offset: string }>>();
  for (const { topic, partition, nextOffset } of positions) {
    const partitions = byTopic.get(topic) ?? [];
    partitions.push({ partition, offset: nextOffset });
    byTopic.set(topic, partitions);
  }
  return [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
}
