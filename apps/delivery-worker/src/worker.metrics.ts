import type { AttemptOutcome, DeliveryTask } from '@hookstream/kafka';
import { CappedLabelValues } from '@hookstream/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { statusClass } from './delivery/status-class.js';
import { WORKER_ENV, type WorkerEnv } from './env.js';

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
  readonly viewPositionMisses: Counter;
  readonly movedAside: Counter;
  readonly queued: Gauge;
  readonly breakerTransitions: Counter<'from' | 'to'>;
  /** Endpoints per breaker state; set by the composition, which owns the breakers. */
  readonly breakerEndpoints: Gauge<'state'>;
  /** Attempts by tenant (capped, see METRICS_TENANT_LIMIT) and HTTP status class. */
  readonly attempts: Counter<'tenant' | 'status_class'>;
  /** From the event's occurredAt to the 2xx of its delivery, by tenant (capped). */
  readonly deliveryLatency: Histogram<'tenant'>;
  private readonly tenants: CappedLabelValues;

  constructor(
    @Inject(Registry) readonly registry: Registry,
    @Inject(WORKER_ENV) env: Pick<WorkerEnv, 'METRICS_TENANT_LIMIT'>,
  ) {
    const registers = [registry];
    this.tenants = new CappedLabelValues(env.METRICS_TENANT_LIMIT);
    this.attempts = new Counter({
      name: 'hookstream_worker_attempts_total',
      help: 'Delivery attempts by tenant and HTTP status class (no_response: timeout, connection error or open breaker); cancelled tasks are not attempts',
      labelNames: ['tenant', 'status_class'],
      registers,
    });
    this.deliveryLatency = new Histogram({
      name: 'hookstream_worker_delivery_latency_seconds',
      help: 'From the event occurredAt to the 2xx of its delivery, retries included, in seconds',
      labelNames: ['tenant'],
      // Up to a day: retries back off over about 25 hours.
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600, 21_600, 86_400],
      registers,
    });
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
    this.viewPositionMisses = new Counter({
      name: 'hookstream_worker_view_position_misses_total',
      help: "Tasks whose router view position this worker's subscription view did not reach in time (checked against the topic's end instead)",
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
    // Exported from the start (0 until a breaker opens), so dashboards and alerts see a value.
    for (const state of ['open', 'half_open']) this.breakerEndpoints.set({ state }, 0);
    this.inFlight = new Gauge({
      name: 'hookstream_worker_in_flight',
      help: 'Deliveries being worked on by this instance',
      registers,
    });
  }

  /**
   * The per-tenant view of one attempt whose outcome is durable: its status class and, when
   * delivered, the latency from the event's occurredAt (tasks written before occurredAt existed
   * have none and are not observed).
   */
  recordAttempt(
    task: Pick<DeliveryTask, 'tenantId' | 'occurredAt'>,
    outcome: AttemptOutcome,
    statusCode: number | null,
  ): void {
    if (outcome === 'cancelled') return;
    const tenant = this.tenants.valueFor(task.tenantId);
    this.attempts.inc({ tenant, status_class: statusClass(statusCode) });
    if (outcome === 'delivered' && task.occurredAt !== undefined)
      this.deliveryLatency.observe({ tenant }, Math.max(0, Date.now() - Date.parse(task.occurredAt)) / 1000);
  }

  recordOutcome(outcome: AttemptOutcome, durationMs: number, createdAt: string): void {
    this.deliveries.inc({ outcome });
    this.deliveryDuration.observe({ outcome }, durationMs / 1000);
    if (outcome === 'delivered') this.endToEndLatency.observe((Date.now() - Date.parse(createdAt)) / 1000);
  }
}
