import { type DeliveryTask, HEADERS, type TopicNames } from '@hookstream/kafka';
import type { IHeaders } from 'kafkajs';
import type { Outcome } from '../delivery/outcome.js';
import type { OutgoingMessage } from './transactional-writer.js';

export interface SourceRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  /** The record's traceparent/tracestate, carried on to its retry records (one trace per delivery). */
  traceHeaders?: IHeaders;
}

/**
 * Turns what happened to one record into the Kafka records that make it durable; the
 * TransactionalWriter writes them together, and the offset is committed only after that, so a
 * crash in between repeats the attempt instead of losing it.
 */
export class OutcomePublisher {
  constructor(private readonly topics: Pick<TopicNames, 'attempts' | 'deadLetter'>) {}

  /** The task's next home (retry tier or dead-letter topic), if any, and the attempt record. */
  outcome(outcome: Outcome, source: SourceRecord): OutgoingMessage[] {
    const messages: OutgoingMessage[] = [];
    const { retry, deadLetter } = outcome;
    if (retry)
      messages.push({
        topic: retry.tierTopic,
        message: { key: source.key, value: JSON.stringify(retry.task), headers: source.traceHeaders },
      });
    if (deadLetter) {
      messages.push({
        topic: this.topics.deadLetter,
        message: {
          key: source.key,
          value: JSON.stringify(deadLetter.task),
          headers: {
            ...source.traceHeaders,
            [HEADERS.deadLetterReason]: deadLetter.reason,
            ...sourceHeaders(source),
          },
        },
      });
    }
    messages.push({
      topic: this.topics.attempts,
      message: { key: outcome.attempt.messageId, value: JSON.stringify(outcome.attempt) },
    });
    return messages;
  }

  /** The task (notBefore possibly changed, attempt unchanged) into a retry tier: not an attempt. */
  requeue(task: DeliveryTask, topic: string, source: SourceRecord): OutgoingMessage[] {
    return [
      { topic, message: { key: source.key, value: JSON.stringify(task), headers: source.traceHeaders } },
    ];
  }

  /** A record that cannot be worked on goes to the dead-letter topic unchanged, with the reason. */
  deadLetterRaw(
    value: Buffer | null,
    headers: IHeaders | undefined,
    reason: string,
    source: SourceRecord,
  ): OutgoingMessage[] {
    return [
      {
        topic: this.topics.deadLetter,
        message: {
          key: source.key,
          value,
          headers: { ...headers, [HEADERS.deadLetterReason]: reason, ...sourceHeaders(source) },
        },
      },
    ];
  }
}

function sourceHeaders(source: SourceRecord): IHeaders {
  return {
    [HEADERS.sourceTopic]: source.topic,
    [HEADERS.sourcePartition]: String(source.partition),
    [HEADERS.sourceOffset]: source.offset,
  };
}
