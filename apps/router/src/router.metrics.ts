import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The router's own metrics, in the service's registry (served at /metrics). */
export class RouterMetrics {
  readonly eventsConsumed: Counter;
  readonly eventsQuarantined: Counter<'code'>;
  readonly eventsUnmatched: Counter;
  readonly deliveriesProduced: Counter;
  readonly batchFailures: Counter;
  readonly batchDuration: Histogram;
  readonly subscriptions: Gauge;
  readonly invalidSubscriptionRecords: Counter;
  readonly producerRecoveries: Counter;

  constructor(registry: Registry) {
    const registers = [registry];
    this.eventsConsumed = new Counter({
      name: 'hookstream_router_events_consumed_total',
      help: 'Records read from the events topic',
      registers,
    });
    this.eventsQuarantined = new Counter({
      name: 'hookstream_router_events_quarantined_total',
      help: 'Records sent to the quarantine topic, by reason code',
      labelNames: ['code'],
      registers,
    });
    this.eventsUnmatched = new Counter({
      name: 'hookstream_router_events_unmatched_total',
      help: 'Valid events no subscription wanted',
      registers,
    });
    this.deliveriesProduced = new Counter({
      name: 'hookstream_router_deliveries_produced_total',
      help: 'Delivery tasks written to the deliveries topic',
      registers,
    });
    this.batchFailures = new Counter({
      name: 'hookstream_router_batch_failures_total',
      help: 'Batches whose transaction failed and will be retried',
      registers,
    });
    this.batchDuration = new Histogram({
      name: 'hookstream_router_batch_duration_seconds',
      help: 'Time to route one batch, commit included, in seconds',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.subscriptions = new Gauge({
      name: 'hookstream_router_subscriptions',
      help: 'Subscriptions in this instance’s view',
      registers,
    });
    this.invalidSubscriptionRecords = new Counter({
      name: 'hookstream_router_invalid_subscription_records_total',
      help: 'Subscription records that failed the contract and were skipped',
      registers,
    });
    this.producerRecoveries = new Counter({
      name: 'hookstream_router_producer_recoveries_total',
      help: 'Transactional producers rebuilt after a failed commit or abort (fencing, coordinator moves)',
      registers,
    });
  }
}
