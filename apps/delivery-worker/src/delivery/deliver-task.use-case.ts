import { newPrefixedId } from '@hookstream/events';
import type { AttemptRecord, DeliveryTask, SubscriptionRecord, TopicNames } from '@hookstream/kafka';
import { type DeliveryRequest, deliveryRequestFor, retryTopicForDelay } from '@hookstream/kafka';
import type { Signer } from '@hookstream/signatures';
import { classifyOutcome } from './classify-outcome.js';
import type { Dispatcher } from './dispatch.js';
import type { DispatchResult } from './dispatch-result.js';
import { nextRetryDelayMs, type RetryPolicy } from './next-retry-delay.js';
import type { Outcome } from './outcome.js';

export interface DeliverTaskDeps {
  findSubscription: (id: string) => Promise<SubscriptionRecord | undefined>;
  signer: Signer;
  dispatcher: Pick<Dispatcher, 'post'>;
  topics: Pick<TopicNames, 'retry'>;
  policy: RetryPolicy;
  timeoutMs: number;
  userAgent: string;
  now?: () => Date;
}

/**
 * One attempt of one task: find the subscription, sign, POST, judge the answer and decide what
 * happens next. Returns the outcome; the caller makes it durable before committing.
 */
export class DeliverTask {
  private readonly now: () => Date;

  constructor(private readonly deps: DeliverTaskDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async execute(task: DeliveryTask): Promise<Outcome> {
    const startedAt = this.now();
    const subscription = await this.deps.findSubscription(task.subscriptionId);
    if (!subscription) return this.deadLetter(task, startedAt, null, 'subscription no longer exists');
    if (!subscription.enabled)
      return this.deadLetter(task, startedAt, subscription.url, 'subscription is disabled');

    // The subscription's own settings (extra headers, header names, timeout) apply here; the
    // API's test send builds its request with the same function.
    let request: DeliveryRequest;
    try {
      request = deliveryRequestFor(subscription, task, {
        signer: this.deps.signer,
        now: startedAt,
        userAgent: this.deps.userAgent,
        defaultTimeoutMs: this.deps.timeoutMs,
      });
    } catch (error) {
      return this.deadLetter(task, startedAt, subscription.url, `cannot sign: ${(error as Error).message}`);
    }

    const result = await this.deps.dispatcher.post(request);
    return this.judge(task, subscription.url, startedAt, result);
  }

  private judge(task: DeliveryTask, url: string, startedAt: Date, result: DispatchResult): Outcome {
    const verdict = classifyOutcome(result);
    const base = attemptBase(task, url, startedAt, result);
    if (verdict.kind === 'delivered')
      return { attempt: { ...base, outcome: 'delivered', error: null, nextAttemptAt: null } };
    if (verdict.kind === 'give-up') return this.deadLetterAfter(task, base, verdict.reason);
    const delayMs = nextRetryDelayMs(task.attempt, verdict, this.deps.policy);
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
      attempt: { ...base, outcome: 'retry_scheduled', error: verdict.reason, nextAttemptAt },
      retry: { task: { ...task, attempt: task.attempt + 1, notBefore: nextAttemptAt }, tierTopic },
    };
  }

  private deadLetterAfter(task: DeliveryTask, base: AttemptBase, reason: string): Outcome {
    return {
      attempt: { ...base, outcome: 'dead_lettered', error: reason, nextAttemptAt: null },
      deadLetter: { task, reason },
    };
  }

  /** No request was sent: the attempt is recorded with no status and the task dead-lettered. */
  private deadLetter(task: DeliveryTask, startedAt: Date, url: string | null, reason: string): Outcome {
    const base: AttemptBase = {
      ...identity(task),
      url,
      startedAt: startedAt.toISOString(),
      durationMs: 0,
      statusCode: null,
      responseBody: null,
    };
    return this.deadLetterAfter(task, base, reason);
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
