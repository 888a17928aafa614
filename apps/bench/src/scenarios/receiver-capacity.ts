import { Agent, request } from 'undici';
import { benchEvent } from '../harness/bench-events.js';
import type { BenchContext } from '../harness/context.js';

/** Requests in flight from the probe, as the raw baseline and the worker use. */
const IN_FLIGHT = 200;

/**
 * How many requests per second the receiver takes from a bare undici client in the bench
 * process (no Kafka at all), with bodies like the platform's. A lower bound on the receiver's
 * capacity (the client shares the machine): if it is well above the platform's deliveries/s,
 * the receiver was not what limited the platform.
 */
export async function receiverCapacity(ctx: BenchContext, requests: number): Promise<number> {
  const url = await ctx.receiver.open('capacity');
  const agent = new Agent({ connections: IN_FLIGHT, keepAliveTimeout: 60_000 });
  const now = new Date();
  const endCpu = ctx.monitor.begin();
  const started = Date.now();
  let next = 0;
  const lane = async () => {
    for (let seq = next++; seq < requests; seq = next++) {
      const body = benchEvent('cap', ctx.run, seq, 'ten_bench', now).value;
      const response = await request(url, { method: 'POST', body, dispatcher: agent }).catch(() => null);
      await response?.body.dump();
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  const seconds = (Date.now() - started) / 1000;
  const cpu = endCpu();
  await agent.close();
  const received = (await ctx.receiver.receipts('capacity')).length;
  const perSecond = seconds > 0 ? received / seconds : 0;
  ctx.details.receiverCapacity = { requests, received, seconds, perSecond, cpu };
  ctx.log(
    `  receiver capacity: ${received}/${requests} requests at ${Math.round(perSecond)}/s; CPU ${JSON.stringify(cpu.processes)}`,
  );
  return perSecond;
}
