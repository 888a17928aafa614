import { newPrefixedId } from '@hookstream/events';
import type { AttemptRecord, DeliveryTask, SubscriptionRecord, TopicNames } from '@hookstream/kafka';
import { type DeliveryRequest, deliveryRequestFor, RETRY_TIERS, retryTopicForDelay } from '@hookstream/kafka';
import type { Signer } from '@hookstream/signatures';
import { classifyOutcome, endpointHealth } from './classify-outcome.js';
import type { Dispatcher } from './dispatch.js';
import type { DispatchResult } from './dispatch-result.js';
import { nextRetryDelayMs, type RetryPolicy } from './next-retry-delay.js';
import type { Outcome } from './outcome.js';

/** The longest wait the platform schedules: the longest retry tier (6 h), in ms. */
const LONGEST_WAIT_MS = Math.max(...RETRY_TIERS.map((tier) => tier.delayMs));

export interface DeliverTaskDeps {
  /**
   * The task's subscription, as fresh as the task requires: every change the router's view held
   * when it matched (`viewPosition`), or, for a task without one, every change written before the
   * task was created (`createdAt`).
   */
  findSubscription: (
    task: Pick<DeliveryTask, 'subscriptionId' | 'createdAt' | 'viewPosition'>,
  ) => Promise<SubscriptionRecord | undefined>;
  signer: Signer;
  dispatcher: Pick<Dispatcher, 'post'>;
  topics: Pick<TopicNames, 'retry'>;
  policy: RetryPolicy;
  /** Whole-request limit for subscriptions without a timeoutMs of their own, in ms. */
  defaultTimeoutMs: number;
  userAgent: string;
  now?: () => Date;
  /** Jitter source for the retry schedule (tests pin it). */
  random?: () => number;
  /**
   * Opens the record's sealed secrets and header values (SubscriptionOpener.open); throws when
   * they do not open. Omitted = the record is used as it is (unit tests with plain records).
   */
  openSecrets?: (subscription: SubscriptionRecord) => SubscriptionRecord;
  /** Told of a record that did not open, for a metric and a log line. */
  onUndecryptable?: (error: Error) => void;
}

/** A task whose subscription was found, enabled and owned by the task's tenant: ready to send. */
export interface ReadyTask {
  task: DeliveryTask;
  subscription: SubscriptionRecord;
}

type RetryVerdict = Extract<ReturnType<typeof classifyOutcome>, { kind: 'retry' }>;

/**
 * One attempt of one task, in two steps so the caller can wait for a slot in between:
 * `prepare` finds the subscription and checks it may be sent to; `send` signs, POSTs, judges
 * the answer and decides what happens next. `skip` records an attempt that was not sent
 * because the endpoint's breaker is open. Every result is an Outcome the caller makes durable
 * before committing.
 */
export class DeliverTask {
  private readonly now: () => Date;

  constructor(private readonly deps: DeliverTaskDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** prepare + send, for a caller that needs no slot. */
  async execute(task: DeliveryTask): Promise<Outcome> {
    const prepared = await this.prepare(task);
    return 'outcome' in prepared ? prepared.outcome : this.send(prepared);
  }

  async prepare(task: DeliveryTask): Promise<ReadyTask | { outcome: Outcome }> {
    const startedAt = this.now();
    const subscription = await this.deps.findSubscription(task);
    // Deleted or switched off by its owner: the delivery is no longer wanted, which is not a
    // failure to dead-letter. Re-enabling does not bring back what was cancelled meanwhile.
    if (!subscription)
      return { outcome: this.cancel(task, startedAt, null, 'subscription no longer exists') };
    if (!subscription.enabled)
      return { outcome: this.cancel(task, startedAt, subscription.url, 'subscription is disabled') };
    if (subscription.tenantId !== task.tenantId) {
      // Never send one tenant's event to another tenant's URL, whatever wrote the task.
      const reason = `task of tenant ${task.tenantId} names subscription ${subscription.id} of tenant ${subscription.tenantId}`;
      return { outcome: this.cancel(task, startedAt, null, reason) };
    }
    return { task, subscription };
  }

  async send({ task, subscription }: ReadyTask): Promise<Outcome> {
    const startedAt = this.now();
    // The subscription's own settings (extra headers, header names, timeout) apply here; the
    // API's test send builds its request with the same function.
    let opened: SubscriptionRecord;
    try {
      opened = this.deps.openSecrets ? this.deps.openSecrets(subscription) : subscription;
    } catch (error) {
      // Sealed with a key this worker lacks, or altered: kept in the dead-letter topic with the
      // reason (field and key id, never a value) for a redrive once the key is configured.
      this.deps.onUndecryptable?.(error as Error);
      return this.deadLetterAfter(
        task,
        noRequest(task, startedAt, subscription.url),
        (error as Error).message,
      );
    }
    let request: DeliveryRequest;
    try {
      request = deliveryRequestFor(opened, task, {
        signer: this.deps.signer,
        now: startedAt,
        userAgent: this.deps.userAgent,
        defaultTimeoutMs: this.deps.defaultTimeoutMs,
      });
    } catch (error) {
      const base = noRequest(task, startedAt, subscription.url);
      return this.deadLetterAfter(task, base, `cannot sign: ${(error as Error).message}`);
    }
    const result = await this.deps.dispatcher.post(request);
    const outcome = this.judge(task, subscription.url, startedAt, result);
    // A refused destination says nothing about the endpoint's health: nothing was sent.
    return result.kind === 'refused' ? outcome : { ...outcome, endpointHealth: endpointHealth(result) };
  }

  /**
   * The endpoint's breaker is open: no request, the attempt is recorded as `circuit_open` and
   * uses one attempt of the budget, so a breaker never stretches a task's life much past its
   * schedule. The next attempt is not due before `notBeforeMs` (when the breaker lets a probe
   * through), so tasks do not cycle through an open breaker.
   */
  skip({ task, subscription }: ReadyTask, notBeforeMs = 0): Outcome {
    const startedAt = this.now();
    const verdict: RetryVerdict = {
      kind: 'retry',
      reason: 'circuit open: the endpoint kept failing, no request sent',
      slowDown: false,
      retryAfterSeconds: null,
    };
    return this.retryOrGiveUp(
      task,
      noRequest(task, startedAt, subscription.url),
      startedAt,
      verdict,
      'circuit_open',
      notBeforeMs - startedAt.getTime(),
    );
  }

  private judge(task: DeliveryTask, url: string, startedAt: Date, result: DispatchResult): Outcome {
    const verdict = classifyOutcome(result);
    const base = attemptBase(task, url, startedAt, result);
    if (verdict.kind === 'delivered')
      return { attempt: { ...base, outcome: 'delivered', error: null, nextAttemptAt: null } };
    if (verdict.kind === 'give-up') return this.deadLetterAfter(task, base, verdict.reason);
    return this.retryOrGiveUp(task, base, startedAt, verdict, 'retry_scheduled');
  }

  private retryOrGiveUp(
    task: DeliveryTask,
    base: AttemptBase,
    startedAt: Date,
    verdict: RetryVerdict,
    outcome: 'retry_scheduled' | 'circuit_open',
    minDelayMs = 0,
  ): Outcome {
    const scheduled = nextRetryDelayMs(task.attempt, verdict, this.deps.policy, this.deps.random);
    const delayMs = scheduled === null ? null : Math.min(Math.max(scheduled, minDelayMs), LONGEST_WAIT_MS);
    if (delayMs === null) {
      return this.deadLetterAfter(
        task,
        base,
        `${verdict.reason}; all ${this.deps.policy.maxAttempts} attempts failed`,
      );
    }
    const nextAttemptAt = new Date(startedAt.getTime() + delayMs).toISOString();
    const tierTopic = retryTopicForDelay(this.deps.topics, delayMs);
    return {
      attempt: { ...base, outcome, error: verdict.reason, nextAttemptAt },
      retry: { task: { ...task, attempt: task.attempt + 1, notBefore: nextAttemptAt }, tierTopic },
    };
  }

  private deadLetterAfter(task: DeliveryTask, base: AttemptBase, reason: string): Outcome {
    return {
      attempt: { ...base, outcome: 'dead_lettered', error: reason, nextAttemptAt: null },
      deadLetter: { task, reason },
    };
  }

  /** No request was sent and none will be: an attempt record only, no dead letter. */
  private cancel(task: DeliveryTask, startedAt: Date, url: string | null, reason: string): Outcome {
    return {
      attempt: {
        ...noRequest(task, startedAt, url),
        outcome: 'cancelled',
        error: reason,
        nextAttemptAt: null,
      },
    };
  }
}

type AttemptBase = Omit<AttemptRecord, 'outcome' | 'error' | 'nextAttemptAt'>;

function identity(task: DeliveryTask) {
  return {
    id: newPrefixedId('atm_'),
    messageId: task.messageId,
    eventId: task.eventId,
    eventType: task.eventType,
    tenantId: task.tenantId,
    subscriptionId: task.subscriptionId,
    attempt: task.attempt,
  };
}

function noRequest(task: DeliveryTask, startedAt: Date, url: string | null): AttemptBase {
  return {
    ...identity(task),
    url,
    startedAt: startedAt.toISOString(),
    durationMs: 0,
    statusCode: null,
    responseBody: null,
  };
}

function attemptBase(task: DeliveryTask, url: string, startedAt: Date, result: DispatchResult): AttemptBase {
  return {
    ...identity(task),
    url,
    startedAt: startedAt.toISOString(),
    durationMs: result.durationMs,
    statusCode: result.kind === 'response' ? result.status : null,
    responseBody: result.kind === 'response' ? result.bodySnippet : null,
  };
}
