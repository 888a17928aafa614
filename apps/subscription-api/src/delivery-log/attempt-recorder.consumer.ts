import { GroupConsumer } from '@hookstream/kafka';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { EachBatchPayload } from 'kafkajs';
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
 * The attempt recorder: one consumer-group member reading the attempts and dead-letter topics
 * a batch at a time. Each batch is written to Postgres in one statement (idempotent on the
 * attempt id, or the dead letter's partition and offset), and only then is its offset
 * committed, so a crash at any moment re-reads at most the batch in hand and adds no row twice.
 *
 * A plain kafkajs consumer, not a @nestjs/microservices transport: Nest's Kafka server hands
 * handlers one message at a time (kafkajs `eachMessage`), which means a Postgres round trip per
 * attempt, and its commits follow the handler of each message. Batching with a commit after
 * the batch is durable is this class, and stays this small.
 */
@Injectable()
export class AttemptRecorder implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AttemptRecorder.name);
  private readonly member: GroupConsumer | null;
  private readonly recorded: Counter<'topic'>;
  private readonly skipped: Counter<'topic'>;

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
      eachBatch: (payload) => this.handle(payload),
    });
  }

  /** Stops fetching and waits for the batch in hand (stored and committed) before the pool closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.member?.consumer.disconnect();
  }

  private async handle({ batch, resolveOffset, heartbeat, isStale }: EachBatchPayload): Promise<void> {
    const last = batch.messages.at(-1);
    if (!last || !this.member) return;
    const isAttempts = batch.topic === this.kafka.connection.topics.attempts;
    const kind = isAttempts ? 'attempts' : 'dead-letter';
    let stored: number;
    if (isAttempts) {
      const attempts: LoggedAttempt[] = [];
      for (const message of batch.messages) {
        const decoded = decodeAttempt(message.value);
        if (decoded.ok) attempts.push(decoded.value);
        else this.skip(kind, batch.partition, message.offset, decoded.reason);
      }
      stored = await this.record.attempts(attempts);
    } else {
      const letters: IndexedDeadLetter[] = [];
      for (const message of batch.messages) {
        const decoded = decodeDeadLetter({ ...message, partition: batch.partition });
        if (decoded.ok) letters.push(decoded.value);
        else this.skip(kind, batch.partition, message.offset, decoded.reason);
      }
      stored = await this.record.deadLetters(letters);
    }
    this.recorded.inc({ topic: kind }, stored);
    // Reassigned meanwhile: the new owner reads the batch again (storing it again adds nothing).
    if (isStale()) return;
    // Durable in Postgres: now, and only now, the offset after the batch. Resolving it moves
    // this consumer's fetch position past the batch.
    await this.member.consumer.commitOffsets([
      { topic: batch.topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() },
    ]);
    resolveOffset(last.offset);
    await heartbeat();
  }

  private skip(topic: string, partition: number, offset: string, reason: string): void {
    this.skipped.inc({ topic });
    this.logger.warn({ msg: 'record not stored in the delivery log', topic, partition, offset, reason });
  }
}
