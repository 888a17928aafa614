import { type DeliveryTask, HEADERS, type TopicNames } from '@hookstream/kafka';
import type { IHeaders, Message, Producer } from 'kafkajs';
import type { Outcome } from '../delivery/outcome.js';

export interface SourceRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
}

/** One acks=all write; the caller retries it on its own until it is durable. */
export type PublishStep = () => Promise<void>;

/**
 * Makes outcomes durable with acks=all. An outcome is written as separate steps, the task's
 * next home (retry tier or dead-letter topic) first and the attempt record second, and the
 * caller retries each step on its own: a step that failed half-way is never written again
 * together with one that succeeded, so a retry chain cannot fork. The offset is committed only
 * after every step succeeded, so a crash in between repeats the attempt instead of losing it.
 */
export class OutcomePublisher {
  constructor(
    private readonly producer: Producer,
    private readonly topics: TopicNames,
  ) {}

  steps(outcome: Outcome, source: SourceRecord): PublishStep[] {
    const steps: PublishStep[] = [];
    const { retry, deadLetter } = outcome;
    if (retry)
      steps.push(() => this.send(retry.tierTopic, { key: source.key, value: JSON.stringify(retry.task) }));
    if (deadLetter) {
      steps.push(() =>
        this.send(this.topics.deadLetter, {
          key: source.key,
          value: JSON.stringify(deadLetter.task),
          headers: { [HEADERS.deadLetterReason]: deadLetter.reason, ...sourceHeaders(source) },
        }),
      );
    }
    steps.push(() =>
      this.send(this.topics.attempts, {
        key: outcome.attempt.messageId,
        value: JSON.stringify(outcome.attempt),
      }),
    );
    return steps;
  }

  /** The task (notBefore possibly changed, attempt unchanged) into a retry tier: not an attempt. */
  requeue(task: DeliveryTask, topic: string, source: SourceRecord): PublishStep {
    return () => this.send(topic, { key: source.key, value: JSON.stringify(task) });
  }

  /** A record that cannot be worked on goes to the dead-letter topic unchanged, with the reason. */
  deadLetterRaw(
    value: Buffer | null,
    headers: IHeaders | undefined,
    reason: string,
    source: SourceRecord,
  ): PublishStep {
    return () =>
      this.send(this.topics.deadLetter, {
        key: source.key,
        value,
        headers: { ...headers, [HEADERS.deadLetterReason]: reason, ...sourceHeaders(source) },
      });
  }

  private async send(topic: string, message: Message): Promise<void> {
    await this.producer.send({ topic, acks: -1, messages: [message] });
  }
}

function sourceHeaders(source: SourceRecord): IHeaders {
  return {
    [HEADERS.sourceTopic]: source.topic,
    [HEADERS.sourcePartition]: String(source.partition),
    [HEADERS.sourceOffset]: source.offset,
  };
}
