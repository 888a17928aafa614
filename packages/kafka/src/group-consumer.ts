import type { Consumer, ConsumerRunConfig, Kafka } from 'kafkajs';
import { retryStartup } from './retry-startup.js';

export interface GroupConsumerOptions {
  groupId: string;
  /** How long the group waits for a silent member before reassigning its partitions, in ms. */
  sessionTimeoutMs: number;
  /** Called with every member assignment (topic → partitions) after a (re)join. */
  onAssignment?: (assignment: Record<string, number[]>) => void;
  log: { warn: (entry: object) => void; error: (entry: object) => void };
}

/**
 * A consumer-group member the way every Hookstream service runs one: low fetch wait (100 ms),
 * heartbeats at a tenth of the session timeout (Kafka asks for at most a third), membership
 * tracked for readiness, and a start that rides out a broker that is still coming up.
 */
export class GroupConsumer {
  readonly consumer: Consumer;
  private joined = false;

  constructor(
    kafka: Kafka,
    private readonly options: GroupConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      maxWaitTimeInMs: 100,
      sessionTimeout: options.sessionTimeoutMs,
      heartbeatInterval: Math.floor(options.sessionTimeoutMs / 10),
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      this.joined = true;
      options.onAssignment?.(payload.memberAssignment);
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.joined = false;
      options.log.error({ msg: 'consumer crashed; kafkajs restarts it', error: payload.error.message });
    });
  }

  /** In the group with partitions assigned: the readiness check of a consuming service. */
  get isJoined(): boolean {
    return this.joined;
  }

  /** Connects, subscribes (earliest offset for a new group) and runs `run`, retrying transient errors. */
  async start(topics: string[], run: ConsumerRunConfig): Promise<void> {
    await retryStartup(
      'consumer start',
      async () => {
        await this.consumer.connect();
        // Earliest for a group with no committed offset: records written before the group's
        // first member ever started are processed, not skipped.
        await this.consumer.subscribe({ topics, fromBeginning: true });
        await this.consumer.run(run);
      },
      {
        onRetry: (what, error) =>
          this.options.log.warn({ msg: `${what} failed; retrying`, error: error.message }),
      },
    );
  }
}
