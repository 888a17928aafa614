import { GroupCommit, GroupConsumer, type ItemResult, TOPIC_SPECS } from '@hookstream/kafka';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import { Counter, Registry } from 'prom-client';
import { API_ENV, type ApiEnv } from '../env.js';
import { ApiKafka } from '../kafka/kafka.module.js';
import {
  decodeAttempt,
  decodeDeadLetter,
  type IndexedDeadLetter,
  type LoggedAttempt,
} from './decode-records.js';
import { RecordDeliveryLog } from './record-delivery-log.use-case.js';

/**
 * The attempt recorder: one consumer-group member reading the attempts and dead-letter topics.
 * The batches of one fetch (one per partition, handed over together) are stored as one round:
 * one Postgres transaction for all their attempts and one statement for their dead letters
 * (idempotent on the attempt id, or the dead letter's partition and offset), and only then are
 * their offsets committed, in one request. A crash at any moment re-reads at most the round in
 * hand and adds no row twice. One round per fetch, not one per partition batch: at a steady
 * 1,000 deliveries/s that was 30–50 Postgres transactions and offset commits a second.
 *
 * A plain kafkajs consumer, not a @nestjs/microservices transport: Nest's Kafka server hands
 * handlers one message at a time (kafkajs `eachMessage`), which means a Postgres round trip per
 * attempt, and its commits follow the handler of each message. Batching with a commit after
 * the batch is durable is this class, and stays this small.
 */
/**
 * The broker holds the recorder's fetches until 64 KiB of attempts (about 110 records) are there
 * or 250 ms passed. Nobody waits on the attempt log by the millisecond, and each round costs a
 * fetch, a Postgres transaction and an offset commit: answered on every record, as the
 * delivery path's consumers are, the recorder made 19 fetches and 19 commits a second at 1,000
 * deliveries/s, one per worker transaction.
 */
const RECORDER_FETCH_WAIT = { maxWaitMs: 250, minBytes: 64 * 1024 };

@Injectable()
export class AttemptRecorder implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AttemptRecorder.name);
  private readonly member: GroupConsumer | null;
  private readonly recorded: Counter<'topic'>;
  private readonly skipped: Counter<'topic'>;
  private readonly rounds = new GroupCommit<EachBatchPayload, boolean>((batches) =>
    this.recordRound(batches),
  );

  constructor(
    @Inject(API_ENV) private readonly env: ApiEnv,
    @Inject(ApiKafka) private readonly kafka: ApiKafka,
    @Inject(RecordDeliveryLog) private readonly record: RecordDeliveryLog,
    @Inject(Registry) registry: Registry,
  ) {
    this.recorded = new Counter({
      name: 'hookstream_api_delivery_log_records_total',
      help: 'Records of the attempts and dead-letter topics newly stored in Postgres',
      labelNames: ['topic'],
      registers: [registry],
    });
    this.skipped = new Counter({
      name: 'hookstream_api_delivery_log_skipped_total',
      help: 'Records that are not attempts or delivery tasks; logged and not stored',
      labelNames: ['topic'],
      registers: [registry],
    });
    this.member = env.ATTEMPT_RECORDER_ENABLED
      ? new GroupConsumer(kafka.connection.kafka, {
          groupId: env.ATTEMPT_RECORDER_GROUP_ID ?? `${env.HOOKSTREAM_TOPIC_PREFIX}attempt-log`,
          sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
          fetchWait: RECORDER_FETCH_WAIT,
          log: { warn: (entry) => this.logger.warn(entry), error: (entry) => this.logger.error(entry) },
        })
      : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.member) return;
    const { attempts, deadLetter } = this.kafka.connection.topics;
    await this.member.start([attempts, deadLetter], {
      autoCommit: false,
      eachBatchAutoResolve: false,
      // Every partition this member may own at the default counts: the batches of one fetch
      // reach the handler together and form one round (more partitions only make more rounds).
      partitionsConsumedConcurrently: TOPIC_SPECS.attempts.partitions + TOPIC_SPECS.deadLetter.partitions,
      eachBatch: (payload) => this.handle(payload),
    });
  }

  /** Stops fetching and waits for the batch in hand (stored and committed) before the pool closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.member?.consumer.disconnect();
  }

  /** The thin Kafka handler: hand the batch to the shared round, then move past it if it was stored. */
  private async handle(payload: EachBatchPayload): Promise<void> {
    const last = payload.batch.messages.at(-1);
    if (!last || !this.member) return;
    // Resolves false when the partition was reassigned meanwhile: its new owner reads the
    // batch again (storing it again adds nothing).
    if (!(await this.rounds.submit(payload))) return;
    payload.resolveOffset(last.offset);
    await payload.heartbeat();
  }

  /**
   * One round: every batch's attempts in one Postgres transaction, every batch's dead letters
   * in one statement; then, once that is durable, and only then, the offsets after the batches
   * still owned, in one commit. When storing fails, every batch of the round fails with it and
   * kafkajs fetches them again.
   */
  private async recordRound(batches: readonly EachBatchPayload[]): Promise<ItemResult<boolean>[]> {
    const { attempts: attemptsTopic } = this.kafka.connection.topics;
    const attempts: LoggedAttempt[] = [];
    const letters: IndexedDeadLetter[] = [];
    for (const { batch } of batches) {
      if (batch.topic === attemptsTopic)
        this.decodeInto(attempts, batch, 'attempts', (message) => decodeAttempt(message.value));
      else
        this.decodeInto(letters, batch, 'dead-letter', (message) =>
          decodeDeadLetter({ ...message, partition: batch.partition }),
        );
    }
    if (attempts.length > 0) this.recorded.inc({ topic: 'attempts' }, await this.record.attempts(attempts));
    if (letters.length > 0)
      this.recorded.inc({ topic: 'dead-letter' }, await this.record.deadLetters(letters));
    const owned = batches.map((payload) => !payload.isStale());
    const offsets = batches.flatMap(({ batch }, index) => {
      const last = batch.messages.at(-1);
      return owned[index] && last
        ? [{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() }]
        : [];
    });
    if (offsets.length > 0) await this.member?.consumer.commitOffsets(offsets);
    return owned.map((value) => ({ ok: true, value }));
  }

  /** Appends the records of `batch` that decode to `into`; the others are logged and counted. */
  private decodeInto<Decoded>(
    into: Decoded[],
    batch: EachBatchPayload['batch'],
    kind: 'attempts' | 'dead-letter',
    decode: (message: KafkaMessage) => { ok: true; value: Decoded } | { ok: false; reason: string },
  ): void {
    for (const message of batch.messages) {
      const decoded = decode(message);
      if (decoded.ok) into.push(decoded.value);
      else this.skip(kind, batch.partition, message.offset, decoded.reason);
    }
  }

  private skip(topic: string, partition: number, offset: string, reason: string): void {
    this.skipped.inc({ topic });
    this.logger.warn({ msg: 'record not stored in the delivery log', topic, partition, offset, reason });
  }
}
