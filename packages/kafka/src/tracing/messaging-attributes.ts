import type { Attributes } from '@opentelemetry/api';

/**
 * OpenTelemetry messaging semantic-convention attribute names for Kafka spans. The messaging
 * conventions are still "development" status, and the semantic-conventions package advises
 * copying such names rather than importing its unstable entry point; the values are the spec's.
 */
export const MESSAGING = {
  system: 'messaging.system',
  destinationName: 'messaging.destination.name',
  partitionId: 'messaging.destination.partition.id',
  operationType: 'messaging.operation.type',
  operationName: 'messaging.operation.name',
  consumerGroup: 'messaging.consumer.group.name',
  kafkaOffset: 'messaging.kafka.offset',
  messageId: 'messaging.message.id',
} as const;

/** `send` for producing, `process` for handling a consumed record (semconv operation types). */
export type MessagingOperation = 'send' | 'process';

export interface MessagingSpanInput {
  operation: MessagingOperation;
  topic: string;
  partition?: number;
  offset?: string;
  consumerGroup?: string;
  /** The event id (evt_…); an attribute, never a metric label. */
  messageId?: string;
}

/** Span name per the conventions: "{operation} {destination}", e.g. "send hookstream.events". */
export function messagingSpanName(input: Pick<MessagingSpanInput, 'operation' | 'topic'>): string {
  return `${input.operation} ${input.topic}`;
}

export function messagingAttributes(input: MessagingSpanInput): Attributes {
  const attributes: Attributes = {
    [MESSAGING.system]: 'kafka',
    [MESSAGING.destinationName]: input.topic,
    [MESSAGING.operationType]: input.operation,
    [MESSAGING.operationName]: input.operation,
  };
  if (input.partition !== undefined) attributes[MESSAGING.partitionId] = String(input.partition);
  if (input.offset !== undefined) attributes[MESSAGING.kafkaOffset] = Number(input.offset);
  if (input.consumerGroup !== undefined) attributes[MESSAGING.consumerGroup] = input.consumerGroup;
  if (input.messageId !== undefined) attributes[MESSAGING.messageId] = input.messageId;
  return attributes;
}
