import {
  type EventDataOf,
  type EventType,
  newEventId,
  type TypedEvent,
  validateEventForPublish,
} from '@hookstream/events';
import { CompressionTypes, type Kafka, type Producer } from 'kafkajs';
import { createKafkaClient } from './client.js';
import type { KafkaClientSecurity } from './security/client-security.js';
import { resolveTopics } from './topics.js';

export interface PublishInput<T extends EventType> {
  type: T;
  tenantId: string;
  accountId?: string;
  data: EventDataOf<T>;
  /** Defaults to a new time-ordered evt_ id; pass your own to make retries idempotent. */
  id?: string;
  /** Defaults to now. */
  occurredAt?: Date;
  /** Kafka key: the entity the event is about. Defaults to accountId, else tenantId. */
  key?: string;
}

export interface PublishedEvent {
  id: string;
  topic: string;
  partition: number;
  offset: string;
}

export interface EventPublisherOptions {
  brokers: readonly string[];
  /** Your service's name, e.g. "kyc-service". */
  clientId: string;
  /** Defaults to "hookstream." so events go to hookstream.events. */
  topicPrefix?: string;
  /** SASL/TLS for a secured cluster, e.g. `kafkaClientSecurity(env)` with your service's user. */
  security?: KafkaClientSecurity;
}

/**
 * The producer SDK: services publish typed domain events with it. Every event is checked
 * against the envelope and its type's schema before it is sent, so a bad event fails in the
 * publisher's own code path (EventValidationError) instead of landing in quarantine.
 */
export class EventPublisher {
  private constructor(
    private readonly producer: Producer,
    private readonly topic: string,
  ) {}

  static async connect(options: EventPublisherOptions): Promise<EventPublisher> {
    const kafka: Kafka = createKafkaClient({
      brokers: options.brokers,
      clientId: options.clientId,
      ...(options.security ? { security: options.security } : {}),
    });
    // Idempotent: the broker drops duplicates that the producer's own retries would create.
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
    return new EventPublisher(producer, resolveTopics(options.topicPrefix ?? 'hookstream.').events);
  }

  async publish<T extends EventType>(input: PublishInput<T>): Promise<PublishedEvent> {
    const envelope = buildEnvelope(input);
    const [metadata] = await this.producer.send({
      topic: this.topic,
      acks: -1,
      compression: CompressionTypes.None,
      messages: [{ key: input.key ?? input.accountId ?? input.tenantId, value: JSON.stringify(envelope) }],
    });
    return {
      id: envelope.id,
      topic: this.topic,
      partition: metadata?.partition ?? -1,
      offset: metadata?.baseOffset ?? '-1',
    };
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}

/**
 * Fills defaults and validates with the router's own rules, so an event that passes here is
 * never quarantined for its shape. Throws EventValidationError naming every bad field.
 */
export function buildEnvelope<T extends EventType>(input: PublishInput<T>): TypedEvent<T> {
  const candidate = {
    id: input.id ?? newEventId(),
    type: input.type,
    tenantId: input.tenantId,
    ...(input.accountId === undefined ? {} : { accountId: input.accountId }),
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    data: input.data,
  } as unknown as TypedEvent<T>;
  return validateEventForPublish(candidate);
}
