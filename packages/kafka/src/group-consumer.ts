import type { Consumer, ConsumerRunConfig, Kafka } from 'kafkajs';
import { retryStartup } from './retry-startup.js';

/**
 * Session timeout every group member uses unless told otherwise, in ms: the broker's floor
 * (group.min.session.timeout.ms, 6 s by default). A member killed with SIGKILL sends no
 * LeaveGroup; its partitions wait this long before the coordinator hands them to the others,
 * so a short session is what makes a crashed instance's work resume within seconds. The cost:
 * a member must heartbeat at least this often (kafkajs heartbeats between batches and when a
 * handler calls `heartbeat()`), so a handler that may block longer must heartbeat itself.
 */
export const DEFAULT_SESSION_TIMEOUT_MS = 6_000;

/** How long the broker holds a fetch with nothing new, in ms, unless `fetchWait` says otherwise. */
const DEFAULT_FETCH_MAX_WAIT_MS = 100;

/** Heartbeats per session timeout: ten, where Kafka asks for at least three. */
const HEARTBEATS_PER_SESSION = 10;

export interface GroupConsumerOptions {
  groupId: string;
  /** How long the group waits for a silent member before reassigning its partitions, in ms. */
  sessionTimeoutMs?: number;
  /**
   * Bytes one fetch may return per partition (kafkajs maxBytesPerPartition); unset keeps
   * kafkajs' 1 MiB. A whole fetch is decoded at once, so this bounds what one fetch holds.
   */
  maxBytesPerPartition?: number;
  /**
   * How the broker holds a fetch: until `minBytes` are there or `maxWaitMs` (ms) passed. Unset:
   * answer as soon as one record is there, wait at most 100 ms (the latency-bound services). A
   * reader that is not on a delivery's path (the attempt recorder) sets both higher, so the
   * broker answers it fewer, larger fetches.
   */
  fetchWait?: { maxWaitMs: number; minBytes: number };
  /** Called with every member assignment (topic → partitions) after a (re)join. */
  onAssignment?: (assignment: Record<string, number[]>) => void;
  /**
   * Called once when the consumer crashed and kafkajs will NOT restart it (a non-retriable
   * error): this member consumes nothing any more. `isAlive` turns false at the same moment.
   */
  onFatalCrash?: (error: Error) => void;
  log: { warn: (entry: object) => void; error: (entry: object) => void };
}

/**
 * A consumer-group member the way every Hookstream service runs one: low fetch wait (100 ms
 * unless `fetchWait` is given),
 * a short session (DEFAULT_SESSION_TIMEOUT_MS) with heartbeats at a tenth of it, membership
 * tracked for readiness, a crash kafkajs gives up on tracked for liveness, and a start that
 * rides out a broker that is still coming up.
 */
export class GroupConsumer {
  readonly consumer: Consumer;
  private joined = false;
  private fatalError: Error | null = null;

  constructor(
    kafka: Kafka,
    private readonly options: GroupConsumerOptions,
  ) {
    const sessionTimeout = options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS;
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      maxWaitTimeInMs: options.fetchWait?.maxWaitMs ?? DEFAULT_FETCH_MAX_WAIT_MS,
      minBytes: options.fetchWait?.minBytes ?? 1,
      ...(options.maxBytesPerPartition === undefined
        ? {}
        : { maxBytesPerPartition: options.maxBytesPerPartition }),
      sessionTimeout,
      heartbeatInterval: Math.floor(sessionTimeout / HEARTBEATS_PER_SESSION),
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      this.joined = true;
      options.onAssignment?.(payload.memberAssignment);
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.joined = false;
      if (payload.restart) {
        options.log.error({ msg: 'consumer crashed; kafkajs restarts it', error: payload.error.message });
        return;
      }
      // kafkajs stops for good after a non-retriable error: nothing consumes any more, and
      // only a restart of the process brings this member back.
      this.fatalError = payload.error;
      options.log.error({
        msg: 'consumer crashed and will not be restarted; liveness fails',
        error: payload.error.message,
      });
      options.onFatalCrash?.(payload.error);
    });
  }

  /** In the group with partitions assigned: the readiness check of a consuming service. */
  get isJoined(): boolean {
    return this.joined;
  }

  /** False once kafkajs gave up on this consumer: the liveness check of a consuming service. */
  get isAlive(): boolean {
    return this.fatalError === null;
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
