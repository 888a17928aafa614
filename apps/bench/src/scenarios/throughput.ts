import { fileURLToPath } from 'node:url';
import { benchEvent } from '../harness/bench-events.js';
import { ChildChannel } from '../harness/child-channel.js';
import type { BenchContext } from '../harness/context.js';
import { receiptsOf, setUpTenant, waitForDeliveries } from '../harness/endpoints.js';
import { produceBurst, type RecordBuilder } from '../harness/producer.js';
import type { ReceiverAnswer } from '../harness/receiver-protocol.js';
import { accountDeliveries, missingText, perSecond } from '../stats/accounting.js';
import { cpuMsPerDelivery, formatCpuPerDelivery } from '../stats/cpu-per-delivery.js';
import { summarizeLatency } from '../stats/percentiles.js';
import { LATENCY_RATE, reportSteadyLatency, runSteady } from './steady.js';

/** Requests the raw consumer keeps in flight, as the baseline. */
const RAW_IN_FLIGHT = 200;
/**
 * Whose CPU counts per delivery: the raw baseline is its consumer and the broker; the platform
 * is its three services (the API records every attempt), the broker and PostgreSQL (the attempt
 * log; when it runs on this machine). The receiver and the bench are the same in both and left out.
 */
const RAW_CPU_NAMES = ['raw-consumer', 'broker'] as const;
export const PLATFORM_CPU_NAMES = [
  'delivery-worker',
  'router',
  'subscription-api',
  'broker',
  'postgres',
] as const;

export interface BurstOutcome {
  perSecond: number;
  delivered: number;
  expected: number;
  lost: number;
  duplicates: number;
  signaturesChecked: number;
  signaturesFailed: number;
  /** The bound on waiting for this burst's deliveries, s. */
  waitedSeconds: number;
  /** CPU ms per delivery of the processes that do the delivering. */
  cpuPerDelivery: ReturnType<typeof cpuMsPerDelivery>;
}

/** Produces a burst for `labels` and measures deliveries/s from first produce to last receipt. */
export async function measureBurst(
  ctx: BenchContext,
  phase: string,
  topic: string,
  build: RecordBuilder,
  labels: string[],
  events: number,
  /** The processes whose CPU per delivery the row reports. */
  cpuNames: readonly string[],
): Promise<BurstOutcome> {
  const endCpu = ctx.monitor.begin();
  await ctx.receiver.loopDelay();
  const produced = await produceBurst(ctx.producer, topic, phase, ctx.run, build, events);
  const produceSeconds = (produced.lastAckMs - produced.firstSendMs) / 1000;
  ctx.log(
    `  ${phase}: produced ${produced.ids.length} events (${produced.valueBytes} B each) in ${produceSeconds.toFixed(1)} s`,
  );
  // Bursts get a minute more than steady phases: the whole backlog drains after the produce.
  const waitedSeconds = ctx.options.waitSeconds + 60;
  const complete = await waitForDeliveries(ctx, labels, phase, produced.ids.length, waitedSeconds * 1000);
  const cpu = endCpu();
  const loop = await ctx.receiver.loopDelay();
  let delivered = 0;
  let lost = 0;
  let duplicates = 0;
  let signaturesChecked = 0;
  let signaturesFailed = 0;
  let lastReceiveMs = produced.firstSendMs;
  const latencies: number[] = [];
  for (const label of labels) {
    const account = accountDeliveries(produced.ids, await receiptsOf(ctx, label, phase));
    delivered += account.unique;
    lost += account.lost;
    duplicates += account.duplicates;
    signaturesChecked += account.signaturesChecked;
    signaturesFailed += account.signaturesFailed;
    lastReceiveMs = Math.max(lastReceiveMs, account.receiveTimesMs.at(-1) ?? 0);
    latencies.push(...account.firstLatenciesMs);
  }
  const expected = produced.ids.length * labels.length;
  const cpuPerDelivery = cpuMsPerDelivery(cpu.processes, cpu.seconds, delivered, cpuNames);
  const outcome = {
    perSecond: perSecond(delivered, produced.firstSendMs, lastReceiveMs),
    delivered,
    expected,
    lost,
    duplicates,
    signaturesChecked,
    signaturesFailed,
    waitedSeconds,
    cpuPerDelivery,
  };
  ctx.details[phase] = {
    ...outcome,
    complete,
    valueBytes: produced.valueBytes,
    produceSeconds,
    producePerSecond: produceSeconds > 0 ? produced.ids.length / produceSeconds : null,
    failedProduces: produced.failedEvents,
    seconds: (lastReceiveMs - produced.firstSendMs) / 1000,
    // In a burst this is queueing time behind the backlog, not the latency of a loaded system.
    burstLatency: summarizeLatency(latencies, expected),
    cpu,
    receiverLoop: loop,
  };
  ctx.log(
    `  ${phase}: ${delivered}/${expected} delivered at ${Math.round(outcome.perSecond)}/s; CPU % of a core ${JSON.stringify(cpu.processes)}, machine ${cpu.machineBusyPct} % busy; CPU per delivery ${formatCpuPerDelivery(cpuPerDelivery)}`,
  );
  return outcome;
}

/** 1. The raw limit: bare kafkajs consumer + undici POSTs of the same records to the same kind of receiver. */
export async function rawScenario(ctx: BenchContext): Promise<number> {
  const topic = `${ctx.platform.topics.events}.bench-raw`;
  const admin = ctx.platform.kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
    waitForLeaders: true,
  });
  await admin.disconnect();
  const url = await ctx.receiver.open('raw');
  const entry = fileURLToPath(new URL('../raw-consumer-main.js', import.meta.url));
  const raw = await ChildChannel.start<unknown, ReceiverAnswer>('raw consumer', entry, [
    ctx.brokers.join(','),
    topic,
    `${ctx.platform.topics.events}.bench-raw-group`,
    url,
    String(RAW_IN_FLIGHT),
  ]);
  ctx.helperPids['raw-consumer'] = raw.pid;
  try {
    const outcome = await measureBurst(
      ctx,
      'raw',
      topic,
      (seq, now) => benchEvent('raw', ctx.run, seq, 'ten_bench', now),
      ['raw'],
      ctx.options.burstEvents,
      RAW_CPU_NAMES,
    );
    ctx.rows.push({
      scenario: 'raw',
      label: `kafkajs + undici, ${RAW_IN_FLIGHT} in flight`,
      delivered: outcome.delivered,
      expected: outcome.expected,
      perSecond: outcome.perSecond,
      note: `the limit of this machine, broker and receiver; CPU per delivery ${formatCpuPerDelivery(outcome.cpuPerDelivery)}`,
    });
    await rawLatency(ctx, topic);
    return outcome.perSecond;
  } finally {
    await raw.stop();
    ctx.helperPids['raw-consumer'] = undefined;
  }
}

/** The latency row's load through the raw consumer: this machine's produce-to-receive floor. */
async function rawLatency(ctx: BenchContext, topic: string): Promise<void> {
  const steady = await runSteady(
    ctx,
    'rlat',
    'ten_bench',
    ['raw'],
    LATENCY_RATE,
    ctx.options.latencySeconds,
    ctx.options.waitSeconds * 1000,
    undefined,
    { topic, build: (seq, now) => benchEvent('rlat', ctx.run, seq, 'ten_bench', now) },
  );
  reportSteadyLatency(ctx, 'rlat', steady, 'raw', {
    scenario: 'raw',
    label: `steady ${LATENCY_RATE}/s for ${ctx.options.latencySeconds} s`,
    note: 'produce-to-receive through the raw consumer',
  });
}

export function signatureNote(outcome: BurstOutcome): string {
  return `signatures ${outcome.signaturesChecked - outcome.signaturesFailed}/${outcome.signaturesChecked} verified`;
}

/** 2. The platform at fan-out 1: events → router → worker → signed POSTs. */
export async function platformScenario(ctx: BenchContext, rawPerSecond: number | null): Promise<number> {
  const tenant = await setUpTenant(ctx, 'fone', [{ label: 'fone' }]);
  const outcome = await measureBurst(
    ctx,
    'fone',
    ctx.platform.topics.events,
    (seq, now) => benchEvent('fone', ctx.run, seq, tenant.tenantId, now),
    tenant.labels,
    ctx.options.burstEvents,
    PLATFORM_CPU_NAMES,
  );
  const ratio = rawPerSecond ? `; ${(outcome.perSecond / rawPerSecond).toFixed(2)} of raw` : '';
  ctx.rows.push({
    scenario: 'platform',
    label: 'fan-out 1',
    delivered: outcome.delivered,
    expected: outcome.expected,
    perSecond: outcome.perSecond,
    note: `${signatureNote(outcome)}${ratio}; ${missingText(outcome.lost, outcome.waitedSeconds)}, dup ${outcome.duplicates}; CPU per delivery ${formatCpuPerDelivery(outcome.cpuPerDelivery)}`,
  });
  return outcome.perSecond;
}

/** 3. The platform at fan-out 10: ten subscriptions (ten endpoints) per event. */
export async function fanoutScenario(ctx: BenchContext, rawPerSecond: number | null): Promise<void> {
  const endpoints = Array.from({ length: 10 }, (_, i) => ({ label: `fan${i}` }));
  const tenant = await setUpTenant(ctx, 'fan', endpoints);
  const outcome = await measureBurst(
    ctx,
    'fan',
    ctx.platform.topics.events,
    (seq, now) => benchEvent('fan', ctx.run, seq, tenant.tenantId, now),
    tenant.labels,
    ctx.options.fanoutEvents,
    PLATFORM_CPU_NAMES,
  );
  const ratio = rawPerSecond ? `; ${(outcome.perSecond / rawPerSecond).toFixed(2)} of raw` : '';
  ctx.rows.push({
    scenario: 'fanout',
    label: `fan-out 10 (${ctx.options.fanoutEvents} events)`,
    delivered: outcome.delivered,
    expected: outcome.expected,
    perSecond: outcome.perSecond,
    note: `${signatureNote(outcome)}${ratio}; ${missingText(outcome.lost, outcome.waitedSeconds)}, dup ${outcome.duplicates}; CPU per delivery ${formatCpuPerDelivery(outcome.cpuPerDelivery)}`,
  });
}
