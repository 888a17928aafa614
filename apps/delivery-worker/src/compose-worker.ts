import { policyFromEnv } from '@hookstream/egress-guard';
import {
  GroupConsumer,
  KafkaConnection,
  KafkaLagExporter,
  retryStartup,
  type SubscriptionView,
  TRANSACTIONAL_PRODUCER_RETRY,
} from '@hookstream/kafka';
import type { Readiness } from '@hookstream/service-kit';
import { createSigner } from '@hookstream/signatures';
import { BreakerBoard } from './breaker/breaker-board.js';
import { DeliverTask } from './delivery/deliver-task.use-case.js';
import { Dispatcher } from './delivery/dispatch.js';
import { SubscriptionOpener } from './delivery/open-subscription.js';
import { type WorkerEnv, workerTransactionalId } from './env.js';
import { DeferralPlanner } from './intake/deferral-planner.js';
import { DeliveryLanes } from './intake/delivery-lanes.js';
import { DeliveryPipeline } from './intake/delivery-pipeline.js';
import { Intake } from './kafka/intake.consumer.js';
import { OffsetCommitter } from './kafka/offset-committer.js';
import { OffsetTracker } from './kafka/offset-tracker.js';
import { OutcomePublisher } from './kafka/outcome-publisher.js';
import { TransactionalWriter } from './kafka/transactional-writer.js';
import { ViewFreshness } from './kafka/view-freshness.js';
import { shutDown } from './shut-down.js';
import type { WorkerMetrics } from './worker.metrics.js';
import { loadKeyring } from './worker-keyring.js';

/** How long a task for an unknown subscription waits for the view to catch up, in ms. */
const UNKNOWN_SUBSCRIPTION_WAIT_MS = 5_000;
/**
 * How long a task waits for the view to reach its router view position, in ms. A change reaches
 * the view a few ms after it is written; past this the task falls back to the end-offset check.
 */
const VIEW_POSITION_WAIT_MS = 1_000;
/** Bound of each shutdown step after the drain (commit, disconnects, pool close), in ms. */
const SHUTDOWN_STEP_MS = 3_000;
/**
 * Source records whose outcomes share one transaction, at most. Transactions run one at a time
 * and each costs several broker round trips (hundreds of ms on a loaded single broker), so this
 * cap times transactions per second is the worker's ceiling: 500 held it near 1,000/s.
 */
const RECORDS_PER_TRANSACTION = 2_500;
/**
 * Least ms between the starts of two transactions (unless a full one waits). Each costs kafkajs
 * ~1 ms of CPU whatever its size; back to back at 2,000 deliveries/s they carried ~12-20
 * outcomes each, ~120 us of CPU per outcome, and at 50 ms ~95 outcomes, ~60 us (measured with
 * this writer on the local broker). Outcomes become durable up to 50 ms later; no delivery
 * waits for that (slots are freed when the answer comes), only the offset commit does.
 */
const TRANSACTION_MIN_INTERVAL_MS = 50;
/** Bytes per produce request in a transaction: under the attempts topic's 1 MiB record batch limit. */
const BYTES_PER_SEND = 512 * 1024;

export interface Log {
  log: (entry: object) => void;
  warn: (entry: object) => void;
  error: (entry: object) => void;
  debug?: (entry: object) => void;
}

export interface RunningWorker {
  /** Stops taking work, drains (bounded), commits what is durable, and closes everything. */
  stop: () => Promise<void>;
}

/**
 * The delivery worker, composed in one place. Start-up order: topics, subscription view, HTTP
 * pool, producer, consumer, commit loop. Shutdown order: stop fetching and holding, abandon
 * queued tasks, let in-flight deliveries finish (bounded), commit, leave the group, close the
 * producer, the view and the pool — each step bounded so the process always exits.
 */
export async function startDeliveryWorker(
  env: WorkerEnv,
  metrics: WorkerMetrics,
  readiness: Readiness,
  log: Log,
): Promise<RunningWorker> {
  const connection = await KafkaConnection.open(env, 'hookstream-delivery-worker');
  const view: SubscriptionView = await connection.startSubscriptionView('delivery-worker', {
    onInvalidRecord: () => metrics.invalidSubscriptionRecords.inc(),
  });
  readiness.register('subscriptionView', () => view.ready);
  const opener = new SubscriptionOpener(loadKeyring(env));
  const dispatcher = new Dispatcher({
    egress: policyFromEnv(env, env.HOOKSTREAM_ENV),
    connectTimeoutMs: env.WORKER_CONNECT_TIMEOUT_MS,
    dnsMaxTtlMs: env.WORKER_DNS_MAX_TTL_MS,
  });
  const staleness = env.WORKER_VIEW_MAX_STALENESS_MS;
  // Checks start in the background at half the window, so deliveries rarely wait for one.
  const freshness = new ViewFreshness(
    () => view.waitUntilCaughtUp(UNKNOWN_SUBSCRIPTION_WAIT_MS),
    staleness / 2,
  );
  const deliverTask = new DeliverTask({
    // A delivery sees every subscription change the router's view held when it matched the
    // event (the task's viewPosition: everything the API acknowledged before the event was
    // routed), and any change older than WORKER_VIEW_MAX_STALENESS_MS: after a DELETE's or
    // PATCH's answer, deliveries that start later than that window use the new state. A task
    // without a viewPosition waits for a check started after the task was created instead.
    findSubscription: async ({ subscriptionId, createdAt, viewPosition }) => {
      // A position the view does not reach within the wait (its topic recreated, a partition the
      // view's consumer has not found yet): the task falls back to the check against the end.
      const reached =
        viewPosition !== undefined && (await view.waitUntilReached(viewPosition, VIEW_POSITION_WAIT_MS));
      if (viewPosition !== undefined && !reached) metrics.viewPositionMisses.inc();
      const windowStart = Date.now() - staleness;
      await freshness.ensureFreshSince(reached ? windowStart : Math.max(windowStart, Date.parse(createdAt)));
      // A task can still reach the worker before its subscription reaches the view (both come
      // from Kafka); wait for the view to catch up once more before calling it gone.
      const known = view.get(subscriptionId);
      if (known) return known;
      await view.waitUntilCaughtUp(UNKNOWN_SUBSCRIPTION_WAIT_MS);
      return view.get(subscriptionId);
    },
    signer: createSigner(env.SIGNATURE_HEADER_PREFIX ? { headerPrefix: env.SIGNATURE_HEADER_PREFIX } : {}),
    dispatcher,
    topics: connection.topics,
    policy: { maxAttempts: env.DELIVERY_MAX_ATTEMPTS },
    defaultTimeoutMs: env.DELIVERY_TIMEOUT_MS,
    userAgent: env.DELIVERY_USER_AGENT,
    openSecrets: (subscription) => opener.open(subscription),
    onUndecryptable: (error) => {
      metrics.undecryptableSubscriptions.inc();
      // The message names the subscription, the field and the key id; never a value.
      log.warn({ msg: 'subscription secrets do not decrypt; delivery dead-lettered', reason: error.message });
    },
  });

  let stopping = false;
  const tracker = new OffsetTracker();
  const planner = new DeferralPlanner({
    minDelayMs: env.WORKER_DEFER_MIN_MS,
    slotsPerEndpoint: env.WORKER_ENDPOINT_MAX_IN_FLIGHT,
    unknownPaceMs: env.DELIVERY_TIMEOUT_MS,
  });
  const lanes = new DeliveryLanes(
    {
      slots: {
        total: env.WORKER_MAX_IN_FLIGHT,
        perEndpoint: env.WORKER_ENDPOINT_MAX_IN_FLIGHT,
        perTenant: env.WORKER_TENANT_MAX_IN_FLIGHT,
      },
      queues: { perEndpoint: env.WORKER_ENDPOINT_QUEUE_SIZE, total: env.WORKER_MAX_QUEUED },
    },
    env.WORKER_QUEUE_WAIT_MS,
    (endpoint) => {
      const ms = planner.paceOf(endpoint);
      return ms === undefined ? undefined : { ms, answered: planner.hasAnswered(endpoint) };
    },
    env.WORKER_SLOW_ENDPOINT_MS,
  );
  const breakers = new BreakerBoard(
    { failureThreshold: env.WORKER_BREAKER_FAILURES, openMs: env.WORKER_BREAKER_OPEN_MS },
    {
      onTransition: (from, to) => {
        metrics.breakerTransitions.inc({ from, to });
        const counts = breakers.countByState();
        metrics.breakerEndpoints.set({ state: 'open' }, counts.open);
        metrics.breakerEndpoints.set({ state: 'half_open' }, counts.half_open);
      },
    },
  );
  const writer = new TransactionalWriter(
    () =>
      connection.kafka.producer({
        transactionalId: workerTransactionalId(env),
        transactionTimeout: env.WORKER_TRANSACTION_TIMEOUT_MS,
        idempotent: true,
        maxInFlightRequests: 1,
        retry: TRANSACTIONAL_PRODUCER_RETRY,
      }),
    {
      maxEntriesPerTransaction: RECORDS_PER_TRANSACTION,
      maxBytesPerSend: BYTES_PER_SEND,
      minIntervalMs: TRANSACTION_MIN_INTERVAL_MS,
      onProducerReplaced: (error) =>
        log.warn({ msg: 'transaction could not be ended; replaced the producer', error: error.message }),
    },
  );
  const pipeline = new DeliveryPipeline({
    deliverTask,
    lanes,
    breakers,
    planner,
    outcomes: new OutcomePublisher(connection.topics),
    writer,
    topics: connection.topics,
    metrics,
    log,
    isStopping: () => stopping,
    onFatal: (error) => {
      // Not even the dead-letter topic takes the record: stop, uncommitted, and let the
      // supervisor restart us rather than pretend to be healthy.
      log.error({
        msg: 'Kafka refuses every write for good; exiting so the worker is restarted',
        error: error.message,
      });
      process.exit(70);
    },
  });

  const groupId = env.WORKER_GROUP_ID ?? `${env.HOOKSTREAM_TOPIC_PREFIX}delivery-worker`;
  const group = new GroupConsumer(connection.kafka, {
    groupId,
    sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
    maxBytesPerPartition: env.WORKER_FETCH_MAX_BYTES_PER_PARTITION,
    // Never commit over a partition's new owner after a rebalance.
    onAssignment: (assignment) => tracker.retainOnly(assignment),
    log,
  });
  readiness.register('consumerGroup', () => group.isJoined);
  const intake = new Intake({
    consumer: group.consumer,
    tracker,
    lanes,
    pipeline,
    metrics,
    holdLimits: new Map(connection.topics.retry.map((entry) => [entry.name, entry.holdLimitMs])),
    // Besides what is in flight and queued, outcomes being written (one transaction committing,
    // the next filling up): the memory bound of a burst (see WORKER_MAX_PENDING).
    maxPending: env.WORKER_MAX_PENDING,
    isStopping: () => stopping,
  });
  const committer = new OffsetCommitter(group.consumer, tracker, (error) =>
    log.warn({ msg: 'offset commit failed', error: error.message }),
  );

  const onRetry = (what: string, error: Error) =>
    log.warn({ msg: `${what} failed; retrying`, error: error.message });
  await retryStartup('producer connect', () => writer.connect(), { onRetry });
  const topics = [connection.topics.deliveries, ...connection.topics.retry.map((tier) => tier.name)];
  // The group's lag on the deliveries topic and on each retry tier (the retry backlog), and the
  // dead-letter topic's counts.
  const lag = new KafkaLagExporter({
    kafka: connection.kafka,
    registry: metrics.registry,
    groups: [{ groupId, topics }],
    countedTopics: [connection.topics.deadLetter],
    intervalMs: env.KAFKA_LAG_INTERVAL_MS,
    onError: (error) =>
      log.warn({ msg: 'reading Kafka offsets for the lag metrics failed', error: String(error) }),
  });
  await retryStartup('lag metrics', () => lag.start(), { onRetry });
  await group.start(topics, {
    autoCommit: false,
    eachBatchAutoResolve: false,
    // Partitions are fetched and fed concurrently; slots and queues are shared by all of them.
    partitionsConsumedConcurrently: topics.length * 3,
    eachBatch: (payload) => intake.feed(payload),
  });
  const commitTimer = setInterval(() => void committer.commit(), env.WORKER_COMMIT_INTERVAL_MS);

  return {
    stop: async () => {
      stopping = true;
      intake.stop();
      lanes.abandonAll();
      const deadline = Date.now() + env.WORKER_DRAIN_TIMEOUT_MS;
      while (tracker.inFlight > 0 && Date.now() < deadline) await sleep(50);
      clearInterval(commitTimer);
      await shutDown(
        [
          { name: 'final commit', run: () => committer.commit() },
          { name: 'lag metrics stop', run: () => lag.stop() },
          { name: 'consumer disconnect', run: () => group.consumer.disconnect() },
          { name: 'producer disconnect', run: () => writer.disconnect() },
          { name: 'subscription view stop', run: () => view.stop() },
          { name: 'HTTP pool close', run: () => dispatcher.close() },
        ],
        SHUTDOWN_STEP_MS,
        (step, problem) => log.warn({ msg: `shutdown: ${step} ${problem}` }),
      );
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
