import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EVENT_TYPES, type EventEnvelope, exampleEvent, parseEvent } from '@hookstream/events';
import { type SubscriptionRecord, SubscriptionView } from '@hookstream/kafka';
import type { Kafka } from 'kafkajs';
import type { BenchContext } from '../harness/context.js';
import { seededRandom, subscriptionPopulation } from './match-fixtures.js';

type Lookup = (tenantId: string) => Iterable<SubscriptionRecord>;
type RouteEvent = (value: Buffer | null, subscriptionsOf: Lookup, now: Date) => unknown;
type MatchSubscriptions = (
  event: EventEnvelope,
  candidates: Iterable<SubscriptionRecord>,
) => SubscriptionRecord[];

/** Events timed per measurement, after a warm-up of the same size. */
const EVENTS = 20_000;

/**
 * The router's tenant index, filled the way the router fills it: the subscription view applying
 * a batch of subscriptions-topic records (driven without a broker). If the view's internals
 * change, a plain per-tenant map stands in and the results say so.
 */
async function buildIndex(records: SubscriptionRecord[]): Promise<{ lookup: Lookup; source: string }> {
  const stubKafka = { consumer: () => ({}), admin: () => ({}) } as unknown as Kafka;
  const view = new SubscriptionView({ kafka: stubKafka, topic: 'bench.subscriptions', owner: 'bench' });
  const apply = (view as unknown as { apply?: (payload: unknown) => Promise<void> }).apply;
  if (typeof apply === 'function') {
    const messages = records.map((record, offset) => ({
      key: Buffer.from(record.id),
      value: Buffer.from(JSON.stringify(record)),
      offset: String(offset),
    }));
    await apply.call(view, {
      batch: { partition: 0, messages, lastOffset: () => String(messages.length - 1) },
    });
    if (view.size === records.length)
      return { lookup: (tenantId) => view.forTenant(tenantId), source: 'SubscriptionView.forTenant' };
  }
  const byTenant = new Map<string, SubscriptionRecord[]>();
  for (const record of records)
    byTenant.set(record.tenantId, [...(byTenant.get(record.tenantId) ?? []), record]);
  return {
    lookup: (tenantId) => byTenant.get(tenantId) ?? [],
    source: 'per-tenant Map (SubscriptionView internals changed)',
  };
}

function time(iterations: number, body: (i: number) => void): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) body(i);
  return Number(process.hrtime.bigint() - started) / 1000 / iterations;
}

/**
 * 8. Router matching cost per event with 100,000 subscriptions over 1,000 tenants, in process,
 * with apps/router's own compiled routing code: `matchSubscriptions` alone, and `routeEvent`
 * (parse and validate, match, build the tasks), which is the router's whole per-event work
 * before Kafka.
 */
export async function matchScenario(
  ctx: Pick<BenchContext, 'root' | 'options' | 'log' | 'details' | 'rows'>,
): Promise<void> {
  const routing = join(ctx.root, 'apps/router/dist/routing');
  const matchModule = (await import(pathToFileURL(join(routing, 'match-subscriptions.js')).href).catch(
    () => ({}),
  )) as {
    matchSubscriptions?: MatchSubscriptions;
  };
  const routeModule = (await import(pathToFileURL(join(routing, 'route-event.js')).href).catch(
    () => ({}),
  )) as {
    routeEvent?: RouteEvent;
  };
  const { subscriptions: count, tenants } = {
    subscriptions: ctx.options.matchSubscriptions,
    tenants: ctx.options.matchTenants,
  };
  const built = Date.now();
  const index = await buildIndex(subscriptionPopulation(count, tenants));
  ctx.log(
    `  match: ${count} subscriptions over ${tenants} tenants indexed in ${Date.now() - built} ms (${index.source})`,
  );
  const random = seededRandom(11);
  const raw = Array.from({ length: EVENTS }, (_, i) => {
    const type = EVENT_TYPES[Math.floor(random() * EVENT_TYPES.length)] ?? 'rate.changed';
    const event = exampleEvent(type, {
      id: `evt_match${i}`,
      tenantId: `ten_bench${Math.floor(random() * tenants)}`,
    });
    return Buffer.from(JSON.stringify(event));
  });
  const parsed = raw.map((value) => {
    const result = parseEvent(value);
    if (!result.ok) throw new Error(`bench event invalid: ${result.reason.message}`);
    return result.event;
  });
  const detail: Record<string, unknown> = {
    subscriptions: count,
    tenants,
    events: EVENTS,
    index: index.source,
  };
  let matchUs: number | null = null;
  let routeUs: number | null = null;
  let matched = 0;
  const { matchSubscriptions } = matchModule;
  if (matchSubscriptions) {
    const run = (i: number) => {
      const event = parsed[i % EVENTS] as EventEnvelope;
      matched += matchSubscriptions(event, index.lookup(event.tenantId)).length;
    };
    time(EVENTS, run);
    matched = 0;
    matchUs = time(EVENTS, run);
    detail.matchesPerEvent = matched / EVENTS;
  } else
    detail.matchSkipped = 'apps/router/dist/routing/match-subscriptions.js has no matchSubscriptions export';
  const { routeEvent } = routeModule;
  if (routeEvent) {
    const now = new Date();
    const run = (i: number) => {
      routeEvent(raw[i % EVENTS] ?? null, index.lookup, now);
    };
    time(EVENTS, run);
    routeUs = time(EVENTS, run);
  } else detail.routeSkipped = 'apps/router/dist/routing/route-event.js has no routeEvent export';
  detail.matchMicrosPerEvent = matchUs;
  detail.routeMicrosPerEvent = routeUs;
  ctx.details.match = detail;
  ctx.rows.push({
    scenario: 'match',
    label: `${count.toLocaleString('en-US')} subscriptions, ${tenants.toLocaleString('en-US')} tenants`,
    note: [
      matchUs === null
        ? 'match: skipped'
        : `match ${matchUs.toFixed(2)} µs/event (${(detail.matchesPerEvent as number).toFixed(1)} matches)`,
      routeUs === null ? 'route: skipped' : `parse+match+build ${routeUs.toFixed(2)} µs/event`,
    ].join('; '),
  });
}
