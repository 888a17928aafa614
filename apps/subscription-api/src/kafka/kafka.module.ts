import { KafkaConnection, retryStartup } from '@hookstream/kafka';
import { Readiness } from '@hookstream/service-kit';
import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { API_ENV, type ApiEnv } from '../env.js';

/** The API's one Kafka producer: connected, and topics provisioned, before the app listens. */
@Injectable()
export class ApiKafka implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ApiKafka.name);
  readonly connection: KafkaConnection;
  readonly producer: Producer;
  private connected = false;

  constructor(@Inject(API_ENV) env: ApiEnv, @Inject(Readiness) readiness: Readiness) {
    this.connection = new KafkaConnection(env, 'hookstream-subscription-api');
    // Idempotent so the producer's own retries cannot duplicate an outbox record.
    this.producer = this.connection.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    this.producer.on('producer.disconnect', () => {
      this.connected = false;
    });
    readiness.register('kafka', () => this.connected);
  }

  async onModuleInit(): Promise<void> {
    const onRetry = (what: string, error: Error) =>
      this.logger.warn({ msg: `${what} failed; retrying`, error: error.message });
    const created = await retryStartup('topic provisioning', () => this.connection.provisionTopics(), {
      onRetry,
    });
    if (created.length > 0) this.logger.log({ msg: 'created topics', topics: created });
    await retryStartup('producer connect', () => this.producer.connect(), { onRetry });
    this.connected = true;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }
}

@Global()
@Module({ providers: [ApiKafka], exports: [ApiKafka] })
export class KafkaModule {}
