import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { exampleData } from '@hookstream/events';
import { createKafkaClient, EventPublisher, resolveTopics } from '@hookstream/kafka';
import {
  evaluatePanels,
  loadDashboardQueries,
  ownMetrics,
  type PanelProblem,
  promtool,
  startPrometheus,
  startReceiver,
  type TestPrometheus,
  type TestReceiver,
  testBrokers,
  waitFor,
} from '@hookstream/testkit';
import { apiRequest, type Platform, startPlatform } from './platform.js';

/** Grafana's interval variables for a 1 s scrape: rate windows hold ~20 samples. */
const window = { rateInterval: '20s', range: '5m' };

/**
 * The dashboards against a real Prometheus: the three services run as processes, Prometheus
 * scrapes them every second, traffic includes a failing endpoint and an invalid event, and then
 * every panel query of every dashboard must return data. A panel without data, or a query that
 * Prometheus rejects, fails the test by name.
 */
describe('every dashboard panel shows data from a real Prometheus', () => {
  let platform: Platform;
  let prometheus: TestPrometheus;
  let healthy: TestReceiver;
  let failing: TestReceiver;

  before(async () => {
    platform = await startPlatform('e2e-prometheus', {
      // Offsets read every second, so lag and dead-letter panels fill within the test.
      KAFKA_LAG_INTERVAL_MS: '1000',
    });
    healthy = await startReceiver(() => ({ status: 204 }));
    failing = await startReceiver(() => ({ status: 500 }));
    prometheus = await startPrometheus({ targets: platform.serviceUrls, scrapeInterval: '1s' });
  });

  after(async () => {
    await prometheus?.stop();
    const exitCodes = await platform?.stop();
    await healthy?.close();
    await failing?.close();
    // Clean SIGTERM shutdown: every service exits 0.
    assert.deepEqual(exitCodes, { 'delivery-worker': 0, router: 0, 'subscription-api': 0 });
  });

  test('each service’s own hookstream_* metrics pass promtool check metrics', async () => {
    for (const [service, url] of Object.entries(platform.serviceUrls)) {
      const exposition = await (await fetch(`${url}/metrics`)).text();
      const own = ownMetrics(exposition);
      assert.match(own, /^# HELP hookstream_/m, `${service} exports hookstream_* metrics`);
      const { code, output } = await promtool(['check', 'metrics'], own);
      assert.equal(code, 0, `${service}: ${output}`);
    }
  });

  test('after traffic with failures, every panel query returns data', async () => {
    const tenant = await platform.createTenant('prometheus-proof');
    for (const [url, eventTypes] of [
      [`${healthy.url}/ok`, ['card.*']],
      [`${failing.url}/broken`, ['kyc.*']],
    ] as const) {
      const created = await apiRequest(platform, 'POST', '/v1/subscriptions', tenant.apiKey, {
        url,
        eventTypes,
      });
      assert.equal(created.status, 201);
    }

    const publisher = await EventPublisher.connect({
      brokers: testBrokers(),
      clientId: 'e2e-prometheus',
      topicPrefix: platform.topicPrefix,
    });
    try {
      for (let i = 0; i < 3; i += 1) {
        for (const type of ['card.created', 'kyc.verification.success'] as const) {
          await publisher.publish({
            type,
            tenantId: tenant.tenantId,
            accountId: 'acc_prom',
            data: exampleData(type),
          });
        }
      }
    } finally {
      await publisher.disconnect();
    }
    // An event that is not JSON: quarantined.
    const producer = createKafkaClient({ brokers: testBrokers(), clientId: 'e2e-prometheus-raw' }).producer();
    await producer.connect();
    await producer.send({
      topic: resolveTopics(platform.topicPrefix).events,
      messages: [{ key: 'acc_prom', value: '{"not": json' }],
    });
    await producer.disconnect();

    await healthy.waitForRequests(3, 30_000);
    await failing.waitForRequests(1, 30_000);

    // Every panel: retried until all have data (scrapes and rate windows need a few seconds).
    const queries = loadDashboardQueries();
    let problems: PanelProblem[] = [];
    await waitFor(
      async () => {
        problems = await evaluatePanels(prometheus, queries, window);
        return problems.length === 0;
      },
      { timeoutMs: 30_000, intervalMs: 2_000, description: 'every panel to have data' },
    ).catch(() => undefined);
    assert.deepEqual(
      problems.map(({ panel, problem }) => `${panel}: ${problem}`),
      [],
      'panels without data or with a broken query',
    );
  });

  test('the alert rules are loaded and evaluate without errors against the live metrics', async () => {
    const rules = await waitFor(
      async () => {
        const loaded = await prometheus.rules();
        return loaded.length > 0 && loaded.every((rule) => rule.health !== 'unknown') ? loaded : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 500, description: 'every rule evaluated once' },
    );
    assert.deepEqual(
      rules
        .map(({ name, health, lastError }) => `${name}: ${health}${lastError ? ` (${lastError})` : ''}`)
        .sort(),
      [
        'HookstreamCircuitBreakerOpen: ok',
        'HookstreamConsumerLagHigh: ok',
        'HookstreamDeadLetterGrowing: ok',
        'HookstreamNoDeliveriesWhileEventsArrive: ok',
        'HookstreamOutboxStuck: ok',
      ],
    );
  });

  test('a panel whose metric does not exist is reported as having no data, by name', async () => {
    const problems = await evaluatePanels(
      prometheus,
      [
        {
          dashboard: 'probe.json',
          panel: 'Missing metric',
          refId: 'A',
          expr: 'sum(hookstream_no_such_metric_total)',
        },
      ],
      window,
    );
    assert.deepEqual(
      problems.map(({ panel }) => panel),
      ['probe.json › "Missing metric" [A]'],
    );
  });
});
