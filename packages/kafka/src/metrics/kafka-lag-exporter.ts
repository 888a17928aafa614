import type { Admin, Kafka } from 'kafkajs';
import { Counter, Gauge, type Registry } from 'prom-client';
import { partitionLags, topicCounts } from './offsets.js';

export interface LaggedGroup {
  groupId: string;
  /** The topics this group consumes; lag is reported per topic and partition. */
  topics: readonly string[];
}

export interface KafkaLagExporterOptions {
  kafka: Kafka;
  registry: Registry;
  groups: readonly LaggedGroup[];
  /** Topics whose record counts are reported, e.g. the dead-letter and quarantine topics. */
  countedTopics: readonly string[];
  /** How often offsets are read from the broker, in milliseconds. */
  intervalMs: number;
  /** Called when a refresh fails; the last values stay exported. */
  onError?: (error: unknown) => void;
}

/**
 * Exports Kafka offsets as Prometheus gauges, read with the admin client on an interval (not on
 * scrape, so a busy scraper cannot load the broker):
 * - `hookstream_kafka_consumer_lag_messages{group,topic,partition}`: records a group has still to
 *   process. On retry topics this is the retry-tier backlog.
 * - `hookstream_kafka_topic_high_watermark_messages{topic}`: records ever written (summed over
 *   partitions); its increase is how many arrived, e.g. in the dead-letter topic.
 * - `hookstream_kafka_topic_retained_messages{topic}`: records still on the broker.
 * Labels are topics, partitions and groups only: bounded by configuration, never by traffic.
 */
export class KafkaLagExporter {
  private readonly lag: Gauge<'group' | 'topic' | 'partition'>;
  private readonly highWatermark: Gauge<'topic'>;
  private readonly retained: Gauge<'topic'>;
  private readonly failures: Counter;
  private readonly lastRefresh: Gauge;
  private admin: Admin | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: KafkaLagExporterOptions) {
    const registers = [options.registry];
    this.lag = new Gauge({
      name: 'hookstream_kafka_consumer_lag_messages',
      help: 'Records a consumer group has still to process (high watermark minus committed offset)',
      labelNames: ['group', 'topic', 'partition'],
      registers,
    });
    this.highWatermark = new Gauge({
      name: 'hookstream_kafka_topic_high_watermark_messages',
      help: 'Records ever written to a topic, summed over its partitions',
      labelNames: ['topic'],
      registers,
    });
    this.retained = new Gauge({
      name: 'hookstream_kafka_topic_retained_messages',
      help: 'Records a topic still retains, summed over its partitions',
      labelNames: ['topic'],
      registers,
    });
    this.failures = new Counter({
      name: 'hookstream_kafka_lag_refresh_failures_total',
      help: 'Failed reads of Kafka offsets for the lag gauges',
      registers,
    });
    this.lastRefresh = new Gauge({
      name: 'hookstream_kafka_lag_last_refresh_timestamp_seconds',
      help: 'Unix time of the last successful read of Kafka offsets, in seconds',
      registers,
    });
  }

  /** Connects the admin client, reads once, then every intervalMs until stop(). */
  async start(): Promise<void> {
    this.admin = this.options.kafka.admin();
    await this.admin.connect();
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    await this.admin?.disconnect();
    this.admin = undefined;
  }

  /** One read of every offset; overlapping ticks are skipped. */
  private async tick(): Promise<void> {
    if (this.running !== undefined) return;
    this.running = this.refresh().finally(() => {
      this.running = undefined;
    });
    await this.running;
  }

  async refresh(): Promise<void> {
    const admin = this.admin;
    if (admin === undefined) return;
    try {
      const topics = new Set([
        ...this.options.countedTopics,
        ...this.options.groups.flatMap((group) => group.topics),
      ]);
      const ends = new Map(
        await Promise.all(
          [...topics].map(async (topic) => [topic, await admin.fetchTopicOffsets(topic)] as const),
        ),
      );
      const committed = await Promise.all(
        this.options.groups.map(async (group) => ({
          group,
          offsets: await admin.fetchOffsets({ groupId: group.groupId, topics: [...group.topics] }),
        })),
      );
      // Everything was read; set the gauges in one synchronous step so a scrape sees one snapshot.
      this.lag.reset();
      for (const { group, offsets } of committed) {
        for (const { topic, partitions } of offsets) {
          for (const { partition, lag } of partitionLags(ends.get(topic) ?? [], partitions)) {
            this.lag.set({ group: group.groupId, topic, partition: String(partition) }, lag);
          }
        }
      }
      for (const topic of this.options.countedTopics) {
        const counts = topicCounts(ends.get(topic) ?? []);
        this.highWatermark.set({ topic }, counts.written);
        this.retained.set({ topic }, counts.retained);
      }
      this.lastRefresh.set(Date.now() / 1000);
    } catch (error) {
      this.failures.inc();
      this.options.onError?.(error);
    }
  }
}
