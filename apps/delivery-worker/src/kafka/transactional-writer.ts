import type { Message, Producer, TopicMessages, Transaction } from 'kafkajs';
import { isPermanentKafkaError } from './durably.js';

/** One record to write. */
export interface OutgoingMessage {
  topic: string;
  message: Message;
}

export interface TransactionalWriterOptions {
  /** Records of at most this many source records go into one transaction. */
  maxEntriesPerTransaction: number;
  /**
   * Bytes (keys and values) per produce request inside a transaction: a topic's record batch
   * must stay under its max.message.bytes (1 MiB for the attempts topic).
   */
  maxBytesPerSend: number;
  /**
   * Least time between the starts of two transactions, in ms, unless a full transaction's worth
   * waits (0 = none). Each transaction costs kafkajs about 1 ms of CPU whatever its size
   * (AddPartitionsToTxn, Produce, EndTxn; and FindCoordinator twice before the project's kafkajs
   * patch), and the broker about 5 ms (measured on the 2-core dev machine, 1 or 30 records alike),
   * so back-to-back transactions of a dozen outcomes each cost ~100 us of worker CPU per outcome;
   * spacing them lets each carry more.
   * A write after a quiet spell still starts at once.
   */
  minIntervalMs?: number;
  /** Called when a failed commit or abort left the producer unusable and a new one replaced it. */
  onProducerReplaced?: (error: Error) => void;
}

interface Entry {
  messages: OutgoingMessage[];
  /** Runs in a transaction of its own (after a permanent error in a shared one). */
  solo: boolean;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Writes the outcomes of many records in one Kafka transaction: each record's messages (its
 * next task and its attempt record) become visible together or not at all, so retrying a
 * failed write can never fork a retry chain, and one transaction costs a few round trips for
 * hundreds of records instead of one acks=all write per message. Readers use read_committed.
 *
 * A transaction runs while the next one fills up. When a commit or abort fails, kafkajs leaves
 * the producer unusable, so a new producer with the same transactional id replaces it (and
 * fences the old one). A permanent error in a shared transaction is isolated by retrying its
 * records one per transaction, so one bad record cannot fail the others.
 */
export class TransactionalWriter {
  private queue: Entry[] = [];
  private running = false;
  private producer: Producer;
  private connected = false;
  /** When the last transaction was started (performance.now(), ms). */
  private lastStartedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly createProducer: () => Producer,
    private readonly options: TransactionalWriterOptions,
  ) {
    this.producer = createProducer();
  }

  async connect(): Promise<void> {
    await this.producer.connect();
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }

  /** Resolves once `messages` are committed together; rejects with the Kafka error otherwise. */
  write(messages: OutgoingMessage[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ messages, solo: false, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const spacing = this.spaceOut();
        // Only an actual wait yields: otherwise the transaction starts in this same turn.
        if (spacing) await spacing;
        this.lastStartedAt = performance.now();
        await this.commitBatch(this.take());
      }
    } finally {
      this.running = false;
    }
  }

  /**
   * Waits until `minIntervalMs` after the last transaction's start, so what arrives meanwhile
   * joins the next one; not when a full transaction waits, nor for the one-record transactions
   * that isolate a refused record. Undefined when there is nothing to wait for.
   */
  private spaceOut(): Promise<void> | undefined {
    const waitMs = this.lastStartedAt + (this.options.minIntervalMs ?? 0) - performance.now();
    if (waitMs <= 0 || this.queue[0]?.solo || this.queue.length >= this.options.maxEntriesPerTransaction)
      return undefined;
    return new Promise((resolve) => setTimeout(resolve, waitMs));
  }

  private take(): Entry[] {
    const head = this.queue[0];
    if (head?.solo) return this.queue.splice(0, 1);
    let count = 0;
    while (
      count < this.queue.length &&
      count < this.options.maxEntriesPerTransaction &&
      !this.queue[count]?.solo
    ) {
      count += 1;
    }
    return this.queue.splice(0, count);
  }

  private async commitBatch(batch: Entry[]): Promise<void> {
    let transaction: Transaction | undefined;
    try {
      if (!this.connected) await this.connect();
      transaction = await this.producer.transaction();
      for (const chunk of chunkByBytes(
        batch.flatMap((entry) => entry.messages),
        this.options.maxBytesPerSend,
      )) {
        await transaction.sendBatch({ acks: -1, topicMessages: byTopic(chunk) });
      }
      await transaction.commit();
      for (const entry of batch) entry.resolve();
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      await this.recover(transaction, error);
      if (batch.length > 1 && isPermanentKafkaError(error)) {
        // Find the record Kafka refuses: each of these goes again in a transaction of its own.
        for (const entry of batch) entry.solo = true;
        this.queue.unshift(...batch);
        return;
      }
      for (const entry of batch) entry.reject(error);
    }
  }

  /** Aborts what is open; if that fails too, the producer is replaced by a fresh one. */
  private async recover(transaction: Transaction | undefined, error: Error): Promise<void> {
    try {
      if (transaction?.isActive()) await transaction.abort();
      return;
    } catch {
      // kafkajs cannot abort: its transaction state is broken. Start over.
    }
    const old = this.producer;
    this.producer = this.createProducer();
    this.connected = false;
    old.disconnect().catch(() => {});
    this.options.onProducerReplaced?.(error);
  }
}

function messageBytes({ message }: OutgoingMessage): number {
  const size = (part: Message['key'] | Message['value']) =>
    part === null || part === undefined
      ? 0
      : typeof part === 'string'
        ? Buffer.byteLength(part)
        : part.length;
  return size(message.key) + size(message.value) + 64;
}

/** Consecutive groups of at most `maxBytes`; a larger message goes alone. */
export function chunkByBytes(messages: OutgoingMessage[], maxBytes: number): OutgoingMessage[][] {
  const chunks: OutgoingMessage[][] = [];
  let current: OutgoingMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = messageBytes(message);
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function byTopic(messages: OutgoingMessage[]): TopicMessages[] {
  const grouped = new Map<string, Message[]>();
  for (const { topic, message } of messages) {
    const list = grouped.get(topic);
    if (list) list.push(message);
    else grouped.set(topic, [message]);
  }
  return [...grouped].map(([topic, list]) => ({ topic, messages: list }));
}
