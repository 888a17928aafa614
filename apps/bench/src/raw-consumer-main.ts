/**
 * The raw limit: a bare kafkajs consumer that POSTs each record's value to the receiver with
 * undici, 200 requests in flight, nothing else (no validation, routing, signing, retries or
 * attempt records). It is what the hardware, broker and receiver allow; the platform is
 * compared with it in the same run. Arguments: brokers topic groupId url inFlight.
 */
import { createKafkaClient, hideKnownKafkajsWarnings } from '@hookstream/kafka';
import { Agent, request } from 'undici';

hideKnownKafkajsWarnings();

const [brokers = '127.0.0.1:9092', topic = '', groupId = '', url = '', inFlightArg = '200'] =
  process.argv.slice(2);
const inFlight = Number(inFlightArg);
const agent = new Agent({ connections: inFlight, keepAliveTimeout: 60_000 });
const kafka = createKafkaClient({ brokers: brokers.split(','), clientId: 'bench-raw' });
const consumer = kafka.consumer({ groupId, maxBytesPerPartition: 1024 * 1024 });

let active = 0;
const slotWaiters: Array<() => void> = [];
async function post(body: Buffer): Promise<void> {
  while (active >= inFlight) await new Promise<void>((resolve) => slotWaiters.push(resolve));
  active += 1;
  try {
    const response = await request(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
      dispatcher: agent,
    });
    await response.body.dump();
  } catch {
    // The bench counts what arrives; a failed POST shows up as loss.
  } finally {
    active -= 1;
    slotWaiters.shift()?.();
  }
}

await consumer.connect();
await consumer.subscribe({ topic, fromBeginning: true });
const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
await consumer.run({
  partitionsConsumedConcurrently: 3,
  eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
    await Promise.all(batch.messages.map((message) => (message.value ? post(message.value) : undefined)));
    const last = batch.messages.at(-1);
    if (last) resolveOffset(last.offset);
    await heartbeat();
  },
});
await joined;

process.on('message', () => {
  // Any message asks it to stop.
  consumer.disconnect().finally(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
process.send?.({ id: 0, body: { ok: true } });
