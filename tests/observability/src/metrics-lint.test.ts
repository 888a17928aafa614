import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createKafkaClient, KafkaLagExporter } from '@hookstream/kafka';
import { ownMetrics, promtool } from '@hookstream/testkit';
import { Registry } from 'prom-client';

describe('promtool check metrics on hookstream_* metrics', () => {
  it('keeps only the hookstream_* families of an exposition', () => {
    const exposition = [
      '# HELP nodejs_heap_size_used_bytes Heap',
      '# TYPE nodejs_heap_size_used_bytes gauge',
      'nodejs_heap_size_used_bytes 1',
      '# HELP hookstream_worker_in_flight Deliveries',
      '# TYPE hookstream_worker_in_flight gauge',
      'hookstream_worker_in_flight 0',
    ].join('\n');
    assert.equal(
      ownMetrics(exposition),
      '# HELP hookstream_worker_in_flight Deliveries\n# TYPE hookstream_worker_in_flight gauge\nhookstream_worker_in_flight 0\n',
    );
  });

  it('the Kafka lag exporter’s metrics pass', async () => {
    const registry = new Registry();
    // Never started: only its metric definitions are read.
    new KafkaLagExporter({
      kafka: createKafkaClient({ brokers: ['127.0.0.1:1'], clientId: 'lint' }),
      registry,
      groups: [],
      countedTopics: [],
      intervalMs: 1000,
    });
    const { code, output } = await promtool(['check', 'metrics'], ownMetrics(await registry.metrics()));
    assert.equal(code, 0, output);
  });

  it('a counter without the _total suffix fails, named in the output', async () => {
    const bad =
      '# HELP hookstream_bad_deliveries Deliveries\n# TYPE hookstream_bad_deliveries counter\nhookstream_bad_deliveries 3\n';
    const { code, output } = await promtool(['check', 'metrics'], bad);
    assert.notEqual(code, 0);
    assert.match(output, /hookstream_bad_deliveries/);
  });
});
