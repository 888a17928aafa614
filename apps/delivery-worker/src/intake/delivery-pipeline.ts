import {
  type DeliveryTask,
  retryTopicForDelay,
  type TopicNames,
  TRACE_HEADERS,
  withConsumerSpan,
} from '@hookstream/kafka';
import type { IHeaders } from 'kafkajs';
import type { BreakerBoard } from '../breaker/breaker-board.js';
import type { DeliverTask } from '../delivery/deliver-task.use-case.js';
import type { Outcome } from '../delivery/outcome.js';
import { durably } from '../kafka/durably.js';
import type { OutcomePublisher, SourceRecord } from '../kafka/outcome-publisher.js';
import type { OutgoingMessage, TransactionalWriter } from '../kafka/transactional-writer.js';
import type { WorkerMetrics } from '../worker.metrics.js';
import type { IntakeDecision } from './decide-intake.js';
import type { DeferralPlanner } from './deferral-planner.js';
import type { DeliveryLanes } from './delivery-lanes.js';
import { endpointOf } from './endpoint-of.js';

export interface PipelineDeps {
  deliverTask: DeliverTask;
  lanes: DeliveryLanes;
  breakers: BreakerBoard;
  planner: DeferralPlanner;
  outcomes: OutcomePublisher;
  writer: Pick<TransactionalWriter, 'write'>;
  topics: Pick<TopicNames, 'retry'>;
  metrics: WorkerMetrics;
  log: { warn: (entry: object) => void; error: (entry: object) => void; debug?: (entry: object) => void };
  isStopping: () => boolean;
  /** Kafka refuses even the dead-letter write for good: the process must stop (offset not passed). */
  onFatal: (error: Error) => void;
}

/** The record as read, for dead-lettering it unchanged. */
export interface RawRecord {
  value: Buffer | null;
  headers: IHeaders | undefined;
}

/**
 * What happens to one record once the intake decided: dead-letter it, move it to another
 * tier, or deliver it (breaker, then slot, then the use case). Resolves true once everything
 * it leaves behind is durable, false when shutdown came first; never rejects.
 */
export class DeliveryPipeline {
  constructor(private readonly deps: PipelineDeps) {}

  async handle(
    decision: Exclude<IntakeDecision, { kind: 'hold' }>,
    raw: RawRecord,
    source: SourceRecord,
  ): Promise<boolean> {
    const { outcomes, topics, metrics } = this.deps;
    switch (decision.kind) {
      case 'invalid':
        metrics.invalidTasks.inc();
        return this.run(
          outcomes.deadLetterRaw(raw.value, raw.headers, `invalid delivery task: ${decision.reason}`, source),
          raw,
          source,
        );
      case 'requeue':
        return this.run(
          outcomes.requeue(decision.task, retryTopicForDelay(topics, decision.delayMs), source),
          raw,
          source,
        );
      case 'deliver':
        // One CONSUMER span per delivery ("process <topic>"), continuing the router's trace from
        // the task's traceparent; the POST is its child. Retries carry the same traceparent.
        return withConsumerSpan(
          { ...source, headers: raw.headers },
          { messageId: decision.task.messageId },
          async () => {
            const traced = { ...source, traceHeaders: traceHeadersFrom(raw.headers) };
            try {
              return await this.deliver(decision.task, raw, traced);
            } catch (error) {
              // A bug, not an endpoint failure: park the task where an operator can see and redrive it.
              this.deps.log.error({ msg: 'delivery failed unexpectedly', error: (error as Error).stack });
              const reason = `internal error: ${(error as Error).message}`;
              return this.run(outcomes.deadLetterRaw(raw.value, raw.headers, reason, traced), raw, traced);
            }
          },
        );
    }
  }

  private async deliver(task: DeliveryTask, raw: RawRecord, source: SourceRecord): Promise<boolean> {
    const { deliverTask, breakers, lanes, planner, metrics } = this.deps;
    const prepared = await deliverTask.prepare(task);
    if ('outcome' in prepared) return this.finish(task, prepared.outcome, raw, source);
    const endpoint = endpointOf(prepared.subscription.url);
    const gate = breakers.admit(endpoint);
    if (gate === 'reject')
      return this.finish(task, deliverTask.skip(prepared, breakers.openUntil(endpoint)), raw, source);
    // A probe is deciding the breaker: wait aside briefly rather than spend an attempt.
    if (gate === 'probe-pending') return this.moveAside(task, endpoint, raw, source);
    const admission = await lanes.acquire(endpoint, task.tenantId);
    if (admission !== 'run') {
      if (gate === 'probe') breakers.probeNotSent(endpoint);
      if (admission === 'abandon') return false;
      // Over its share: out of memory and out of the partition's way, back when it can be taken.
      return this.moveAside(task, endpoint, raw, source);
    }
    let outcome: Outcome;
    metrics.inFlight.set(lanes.slots.inFlight);
    const finished = planner.started(endpoint);
    try {
      outcome = await deliverTask.send(prepared);
    } finally {
      finished();
      lanes.release(endpoint, task.tenantId);
      metrics.inFlight.set(lanes.slots.inFlight);
    }
    if (outcome.endpointHealth)
      breakers.record(endpoint, outcome.endpointHealth === 'up' ? 'success' : 'failure', gate === 'probe');
    else if (gate === 'probe') breakers.probeNotSent(endpoint);
    return this.finish(task, outcome, raw, source);
  }

  /** To a retry tier with a later notBefore, the same attempt number: not an attempt. */
  private moveAside(
    task: DeliveryTask,
    endpoint: string,
    raw: RawRecord,
    source: SourceRecord,
  ): Promise<boolean> {
    const delayMs = this.deps.planner.delayFor(endpoint);
    const moved = { ...task, notBefore: new Date(Date.now() + delayMs).toISOString() };
    this.deps.metrics.movedAside.inc();
    return this.run(
      this.deps.outcomes.requeue(moved, retryTopicForDelay(this.deps.topics, delayMs), source),
      raw,
      source,
    );
  }

  private async finish(
    task: DeliveryTask,
    outcome: Outcome,
    raw: RawRecord,
    source: SourceRecord,
  ): Promise<boolean> {
    const durable = await this.run(this.deps.outcomes.outcome(outcome, source), raw, source);
    if (durable) {
      this.deps.metrics.recordOutcome(outcome.attempt.outcome, outcome.attempt.durationMs, task.createdAt);
      this.deps.metrics.recordAttempt(task, outcome.attempt.outcome, outcome.attempt.statusCode);
      // One line per attempt at LOG_LEVEL=debug; inside the delivery's span, so it carries the
      // trace_id and span_id that join it to the trace.
      this.deps.log.debug?.({
        msg: 'attempt recorded',
        messageId: task.messageId,
        attempt: task.attempt,
        outcome: outcome.attempt.outcome,
        statusCode: outcome.attempt.statusCode,
      });
    }
    return durable;
  }

  /**
   * Makes `messages` durable together. When Kafka refuses them for good, the source record is
   * parked in the dead-letter topic as it was, with the reason; if even that is refused, the
   * process stops (the offset is not passed, so nothing is lost).
   */
  private async run(messages: OutgoingMessage[], raw: RawRecord, source: SourceRecord): Promise<boolean> {
    const { metrics, log, isStopping, writer } = this.deps;
    const options = {
      isStopping,
      onRetry: (error: Error) => {
        metrics.publishFailures.inc();
        log.warn({ msg: 'could not make an outcome durable; retrying', error: error.message });
      },
    };
    const result = await durably(() => writer.write(messages), options);
    if (result.kind !== 'failed') return result.kind === 'done';
    metrics.publishFailures.inc();
    log.error({ msg: 'Kafka refused an outcome for good', error: result.error.message, source });
    const reason = `cannot make the outcome durable: ${result.error.message}`;
    const parked = await durably(
      () => writer.write(this.deps.outcomes.deadLetterRaw(raw.value, raw.headers, reason, source)),
      options,
    );
    if (parked.kind === 'failed') this.deps.onFatal(parked.error);
    return parked.kind === 'done';
  }
}

/** The record's trace headers (traceparent, tracestate), to carry on to its retry records. */
function traceHeadersFrom(headers: IHeaders | undefined): IHeaders | undefined {
  if (headers === undefined) return undefined;
  const kept = Object.fromEntries(
    TRACE_HEADERS.flatMap((name) => (headers[name] === undefined ? [] : [[name, headers[name]]])),
  );
  return Object.keys(kept).length === 0 ? undefined : kept;
}
