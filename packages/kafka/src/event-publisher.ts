import {
  type EventDataOf,
  type EventType,
  newEventId,
  type TypedEvent,
  validateEventForPublish,
} from '@hookstream/events';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { CompressionTypes, type Kafka, type Producer } from 'kafkajs';
import { createKafkaClient } from './client.js';
import type { KafkaClientSecurity } from './security/client-security.js';
import { resolveTopics } from './topics.js';
import { messagingAttributes, messagingSpanName } from './tracing/messaging-attributes.js';
import { injectTraceContext } from './tracing/trace-context.js';

/** Without a tracing SDK registered by the host application this tracer is a no-op. */
const tracer = trace.getTracer('@hookstream/kafka');

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

  /**
   * Sends one event. A PRODUCER span "send <topic>" wraps the send (a child of the caller's
   * active span), and its W3C traceparent goes into the record headers so the router and the
   * worker continue the same trace. Without a tracing SDK nothing is added.
   */
  async publish<T extends EventType>(input: PublishInput<T>): Promise<PublishedEvent> {
    const envelope = buildEnvelope(input);
    const spanInput = { operation: 'send', topic: this.topic, messageId: envelope.id } as const;
    return tracer.startActiveSpan(
      messagingSpanName(spanInput),
      { kind: SpanKind.PRODUCER, attributes: messagingAttributes(spanInput) },
      async (span) => {
        try {
          const [metadata] = await this.producer.send({
            topic: this.topic,
            acks: -1,
            compression: CompressionTypes.None,
            messages: [
              {
                key: input.key ?? input.accountId ?? input.tenantId,
                value: JSON.stringify(envelope),
                headers: injectTraceContext(),
              },
            ],
          });
          return {
            id: envelope.id,
            topic: this.topic,
            partition: metadata?.partition ?? -1,
            offset: metadata?.baseOffset ?? '-1',
          };
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
          throw error;
        } finally {
          span.end();
        }
      },
    );
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
