import { type DeliveryTask, HEADERS, type TopicNames } from '@hookstream/kafka';
import type { IHeaders, Message, Producer, TopicMessages } from 'kafkajs';
import type { Outcome } from '../delivery/outcome.js';

export interface SourceRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
}

/**
 * Makes outcomes durable: one acks=all batch holding the attempt record and, when not
 * delivered, the task's retry or dead-letter record. The offset is committed only after this
 * resolves, so a crash in between repeats the attempt instead of losing it.
 */
export class OutcomePublisher {
  constructor(
    private readonly producer: Producer,
    private readonly topics: TopicNames,
  ) {}

  async publish(outcome: Outcome, source: SourceRecord): Promise<void> {
    const topicMessages: TopicMessages[] = [
      {
        topic: this.topics.attempts,
        messages: [{ key: outcome.attempt.messageId, value: JSON.stringify(outcome.attempt) }],
      },
    ];
    if (outcome.retry) {
      topicMessages.push({
        topic: outcome.retry.tierTopic,
        messages: [{ key: source.key, value: JSON.stringify(outcome.retry.task) }],
      });
    }
    if (outcome.deadLetter) {
      topicMessages.push({
        topic: this.topics.deadLetter,
        messages: [
          {
            key: source.key,
            value: JSON.stringify(outcome.deadLetter.task),
            headers: { [HEADERS.deadLetterReason]: outcome.deadLetter.reason, ...sourceHeaders(source) },
          },
        ],
      });
    }
    await this.producer.sendBatch({ acks: -1, topicMessages });
  }

  /** The task unchanged, into another retry tier (it was due later than its tier allows). */
  async requeue(task: DeliveryTask, topic: string, source: SourceRecord): Promise<void> {
    await this.producer.send({
      topic,
      acks: -1,
      messages: [{ key: source.key, value: JSON.stringify(task) }],
    });
  }

  /** A record that is not a delivery task at all goes to the dead-letter topic unchanged. */
  async deadLetterRaw(
    value: Buffer | null,
    headers: IHeaders | undefined,
    reason: string,
    source: SourceRecord,
  ): Promise<void> {
    const message: Message = {
      key: source.key,
      value,
      headers: {
        ...headers,
        [HEADERS.deadLetterReason]: `invalid delivery task: ${reason}`,
        ...sourceHeaders(source),
      },
    };
    await this.producer.send({ topic: this.topics.deadLetter, acks: -1, messages: [message] });
  }
}

function sourceHeaders(source: SourceRecord): IHeaders {
  return {
    [HEADERS.sourceTopic]: source.topic,
    [HEADERS.sourcePartition]: String(source.partition),
    [HEADERS.sourceOffset]: source.offset,
  };
}
