import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cpuMsPerDelivery, formatCpuPerDelivery } from './cpu-per-delivery.js';

test('CPU ms per delivery, per process and in total', () => {
  const cases: Array<{
    name: string;
    processes: Record<string, number>;
    seconds: number;
    deliveries: number;
    names: string[];
    byProcess: Record<string, number>;
    totalMs: number;
  }> = [
    {
      name: '74 % of a core for 10 s over 20,000 deliveries is 0.37 ms each',
      processes: { 'delivery-worker': 74, router: 22, bench: 8 },
      seconds: 10,
      deliveries: 20_000,
      names: ['delivery-worker', 'router'],
      byProcess: { 'delivery-worker': 0.37, router: 0.11 },
      totalMs: 0.48,
    },
    {
      name: 'a process not measured is left out, not counted as 0',
      processes: { 'raw-consumer': 50 },
      seconds: 4,
      deliveries: 10_000,
      names: ['raw-consumer', 'broker'],
      byProcess: { 'raw-consumer': 0.2 },
      totalMs: 0.2,
    },
    {
      name: 'no deliveries: nothing to divide by',
      processes: { router: 10 },
      seconds: 5,
      deliveries: 0,
      names: ['router'],
      byProcess: {},
      totalMs: 0,
    },
  ];
  for (const c of cases) {
    const figure = cpuMsPerDelivery(c.processes, c.seconds, c.deliveries, c.names);
    assert.deepEqual(Object.keys(figure.byProcess), Object.keys(c.byProcess), c.name);
    for (const [name, ms] of Object.entries(c.byProcess))
      assert.ok(Math.abs((figure.byProcess[name] ?? Number.NaN) - ms) < 1e-9, `${c.name}: ${name}`);
    assert.ok(Math.abs(figure.totalMs - c.totalMs) < 1e-9, `${c.name}: total`);
  }
});

test('formats in the given order with two decimals', () => {
  assert.equal(
    formatCpuPerDelivery({ byProcess: { worker: 0.354, router: 0.1 }, totalMs: 0.454 }),
    'worker 0.35 + router 0.10 = 0.45 ms',
  );
  assert.equal(formatCpuPerDelivery({ byProcess: {}, totalMs: 0 }), 'n/a');
});
