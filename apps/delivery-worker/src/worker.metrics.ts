import type { AttemptOutcome } from '@hookstream/kafka';
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

@Injectable()
export class WorkerMetrics {
  readonly tasksConsumed: Counter<'topic'>;
  readonly deliveries: Counter<'outcome'>;
  readonly deliveryDuration: Histogram<'outcome'>;
  readonly endToEndLatency: Histogram;
  readonly invalidTasks: Counter;
  readonly publishFailures: Counter;
  readonly inFlight: Gauge;
  readonly invalidSubscriptionRecords: Counter;
  readonly undecryptableSubscriptions: Counter;
  readonly movedAside: Counter;
  readonly queued: Gauge;
  readonly breakerTransitions: Counter<'from' | 'to'>;
  /** Endpoints per breaker state; set by the composition, which owns the breakers. */
  readonly breakerEndpoints: Gauge<'state'>;

  constructor(@Inject(Registry) registry: Registry) {
    const registers = [registry];
    this.tasksConsumed = new Counter({
      name: 'hookstream_worker_tasks_consumed_total',
      help: 'Delivery tasks taken from the deliveries and retry topics',
      labelNames: ['topic'],
      registers,
    });
    this.deliveries = new Counter({
      name: 'hookstream_worker_deliveries_total',
      help: 'Delivery attempts by outcome (delivered, retry_scheduled, dead_lettered, circuit_open, cancelled)',
      labelNames: ['outcome'],
      registers,
    });
    this.deliveryDuration = new Histogram({
      name: 'hookstream_worker_delivery_duration_seconds',
      help: 'HTTP time of one delivery attempt, in seconds',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
      registers,
    });
    this.endToEndLatency = new Histogram({
      name: 'hookstream_worker_end_to_end_latency_seconds',
      help: 'From the router creating a task to its successful delivery, in seconds',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 30, 300, 3600],
      registers,
    });
    this.invalidTasks = new Counter({
      name: 'hookstream_worker_invalid_tasks_total',
      help: 'Records that failed the delivery-task contract and were dead-lettered as they were',
      registers,
    });
    this.publishFailures = new Counter({
      name: 'hookstream_worker_outcome_publish_failures_total',
      help: 'Failed attempts to make an outcome durable in Kafka (retried until they succeed)',
      registers,
    });
    this.invalidSubscriptionRecords = new Counter({
      name: 'hookstream_worker_invalid_subscription_records_total',
      help: 'Subscription records that failed the contract and were skipped',
      registers,
    });
    this.undecryptableSubscriptions = new Counter({
      name: 'hookstream_worker_undecryptable_subscriptions_total',
      help: 'Deliveries dead-lettered because their subscription secrets did not decrypt (missing key or altered record)',
      registers,
    });
    this.movedAside = new Counter({
      name: 'hookstream_worker_tasks_moved_aside_total',
      help: 'Tasks over their endpoint or tenant share moved to a retry tier (not attempts)',
      registers,
    });
    this.queued = new Gauge({
      name: 'hookstream_worker_queued',
      help: 'Tasks waiting in memory for a slot of their endpoint',
      registers,
    });
    this.breakerTransitions = new Counter({
      name: 'hookstream_worker_breaker_transitions_total',
      help: 'Circuit breaker state changes, by from and to state (closed, open, half_open)',
      labelNames: ['from', 'to'],
      registers,
    });
    this.breakerEndpoints = new Gauge({
      name: 'hookstream_worker_breaker_endpoints',
      help: 'Endpoints whose circuit breaker is open or half_open (all others are closed)',
      labelNames: ['state'],
      registers,
    });
    this.inFlight = new Gauge({
      name: 'hookstream_worker_in_flight',
      help: 'Deliveries being worked on by this instance',
      registers,
    });
  }

  recordOutcome(outcome: AttemptOutcome, durationMs: number, createdAt: string): void {
    this.deliveries.inc({ outcome });
    this.deliveryDuration.observe({ outcome }, durationMs / 1000);
    if (outcome === 'delivered') this.endToEndLatency.observe((Date.now() - Date.parse(createdAt)) / 1000);
  }
}
