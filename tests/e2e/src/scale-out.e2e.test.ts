import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { exampleData } from '@hookstream/events';
import { createKafkaClient, EventPublisher, resolveTopics } from '@hookstream/kafka';
import { verifyWebhook } from '@hookstream/signatures/verify';
import {
  freePort,
  readTopic,
  type ServiceProcess,
  startReceiver,
  startService,
  type TestReceiver,
  testBrokers,
  waitFor,
} from '@hookstream/testkit';
import { AssignerProtocol, type Kafka } from 'kafkajs';
import { apiRequest, type Platform, startPlatform } from './platform.js';

/**
 * Scale-out on real processes: two routers and two delivery workers in their consumer groups,
 * each taking a share of the partitions. One of each is killed with SIGKILL while events keep
 * coming; the survivors take over, nothing is lost, and every delivery, including any sent
 * again after the crash, carries the webhook-id of its task and a valid signature.
 */
const PARTITIONS = '4';
const WARM_UP_EVENTS = 40;
const STREAM_EVENTS = 120;

interface Instance {
  service: ServiceProcess;
  metricsUrl: string;
}

let platform: Platform;
let receiver: TestReceiver;
let kafka: Kafka;
const routers: Instance[] = [];
const workers: Instance[] = [];

/** Sum of a counter's samples whose labels contain `labels` (all samples when omitted). */
function counter(metricsText: string, name: string, labels = ''): number {
  let sum = 0;
  for (const line of metricsText.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (labels && !line.includes(labels)) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

async function startInstance(kind: 'router' | 'delivery-worker', index: number, env: Record<string, string>) {
  const port = await freePort();
  const service = await startService({
    name: `${kind}-${index}`,
    entry: `apps/${kind}/dist/main.js`,
    env: { ...env, PORT: String(port) },
    readyUrl: `http://127.0.0.1:${port}/health/ready`,
  });
  return { service, metricsUrl: `http://127.0.0.1:${port}/metrics` };
}

/** Both members are in the group and each holds at least one partition of `topic`. */
async function waitForSharedAssignment(groupId: string, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await waitFor(
      async () => {
        const { groups } = await admin.describeGroups([groupId]);
        const group = groups[0];
        if (group?.state !== 'Stable' || group.members.length !== 2) return false;
        return group.members.every(
          (member) =>
            (AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment[topic]?.length ??
              0) > 0,
        );
      },
      { timeoutMs: 60_000, intervalMs: 250, description: `two members of ${groupId} sharing ${topic}` },
    );
  } finally {
    await admin.disconnect();
  }
}

before(async () => {
  const env = {
    HOOKSTREAM_EVENTS_PARTITIONS: PARTITIONS,
    HOOKSTREAM_DELIVERIES_PARTITIONS: PARTITIONS,
    // The broker's floor: a killed member's partitions move to the survivor after this, in ms.
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    // An open transaction of the killed router blocks read_committed readers at most this long, in ms.
    ROUTER_TRANSACTION_TIMEOUT_MS: '6000',
    // Few deliveries at once per worker, so the stream is still flowing when one is killed.
    WORKER_MAX_IN_FLIGHT: '4',
  };
  // The API, one router and one worker; then a second router and worker in the same groups.
  platform = await startPlatform('scale-out', env);
  const prefix = platform.topicPrefix;
  const common = {
    KAFKA_BROKERS: testBrokers().join(','),
    HOOKSTREAM_TOPIC_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    ...env,
  };
  const [router2, worker2] = await Promise.all([
    startInstance('router', 2, { ...common, ROUTER_TRANSACTIONAL_ID: `${prefix}router-2` }),
    // Two workers on one host need distinct instance ids, or their transactional ids fence each other.
    startInstance('delivery-worker', 2, { ...common, WORKER_INSTANCE_ID: '2' }),
  ]);
  const first = (name: string): ServiceProcess => {
    const service = platform.services.find((candidate) => candidate.name === name);
    assert.ok(service, `startPlatform started ${name}`);
    return service;
  };
  routers.push({ service: first('router'), metricsUrl: `${platform.serviceUrls.router}/metrics` }, router2);
  workers.push(
    { service: first('delivery-worker'), metricsUrl: `${platform.serviceUrls['delivery-worker']}/metrics` },
    worker2,
  );
  // A short wait per request keeps deliveries streaming rather than finishing in one burst.
  receiver = await startReceiver(() => ({ status: 200, delayMs: 20 }));
  kafka = createKafkaClient({ brokers: testBrokers(), clientId: 'scale-out-test' });
});

after(async () => {
  await Promise.all([...routers.slice(1), ...workers.slice(1)].map((instance) => instance.service.stop()));
  await platform?.stop(); // also drops the database and deletes the topics
  await receiver?.close();
});

test('two routers and two workers share the work; killing one of each with SIGKILL loses nothing and keeps every webhook-id', async () => {
  const prefix = platform.topicPrefix;
  const topics = resolveTopics(prefix);
  const tenant = await platform.createTenant('scale-out');
  const created = await apiRequest(platform, 'POST', '/v1/subscriptions', tenant.apiKey, {
    url: `${receiver.url}/hooks`,
    eventTypes: ['card.created'],
  });
  assert.equal(created.status, 201);
  const secret = String(created.json.secret);

  await waitForSharedAssignment(`${prefix}router`, topics.events);
  await waitForSharedAssignment(`${prefix}delivery-worker`, topics.deliveries);

  const publisher = await EventPublisher.connect({
    brokers: testBrokers(),
    clientId: 'scale-out',
    topicPrefix: prefix,
  });
  const published: string[] = [];
  // Distinct keys spread the events over every partition of the events and deliveries topics.
  const publish = async (index: number) => {
    const event = await publisher.publish({
      type: 'card.created',
      tenantId: tenant.tenantId,
      key: `entity-${index}`,
      data: exampleData('card.created'),
    });
    published.push(event.id);
  };

  // Warm-up: every instance takes a share, as its own metrics show.
  for (let index = 0; index < WARM_UP_EVENTS; index += 1) await publish(index);
  await receiver.waitForRequests(WARM_UP_EVENTS, 60_000);
  for (const [kind, instances, metric, labels] of [
    ['router', routers, 'hookstream_router_events_consumed_total', ''],
    ['worker', workers, 'hookstream_worker_tasks_consumed_total', `topic="${topics.deliveries}"`],
  ] as const) {
    const shares = await Promise.all(
      instances.map(async (instance) =>
        counter(await (await fetch(instance.metricsUrl)).text(), metric, labels),
      ),
    );
    process.stderr.write(`[scale-out] warm-up shares of the ${kind}s: ${shares.join(' + ')}\n`);
    assert.ok(
      shares.every((share) => share > 0),
      `each ${kind} took a share: ${shares.join(' + ')}`,
    );
    assert.ok(
      shares.reduce((a, b) => a + b, 0) >= WARM_UP_EVENTS,
      `the ${kind}s handled every warm-up event: ${shares.join(' + ')}`,
    );
  }

  // The stream: events keep coming while one router and one worker are killed mid-way.
  const stream = (async () => {
    for (let index = WARM_UP_EVENTS; index < WARM_UP_EVENTS + STREAM_EVENTS; index += 1) {
      await publish(index);
      if (index % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  await receiver.waitForRequests(WARM_UP_EVENTS + STREAM_EVENTS / 4, 60_000);
  const [killedRouter, killedWorker] = [routers[0]?.service, workers[0]?.service];
  killedRouter?.child.kill('SIGKILL');
  killedWorker?.child.kill('SIGKILL');
  const atKill = { published: published.length, delivered: receiver.requests.length };
  await stream;
  await publisher.disconnect();

  // Nothing lost: every event reaches the receiver (some may arrive twice: at least once).
  const bodyId = (rawBody: Buffer) => (JSON.parse(rawBody.toString('utf8')) as { id: string }).id;
  await waitFor(
    () => {
      const seen = new Set(receiver.requests.map((request) => bodyId(request.rawBody)));
      return published.every((id) => seen.has(id));
    },
    {
      timeoutMs: 90_000,
      intervalMs: 200,
      description: `all ${published.length} events delivered after the kills`,
    },
  );
  assert.equal(killedRouter?.child.signalCode, 'SIGKILL');
  assert.equal(killedWorker?.child.signalCode, 'SIGKILL');

  // Every delivery is signed, and carries the webhook-id of its task in the deliveries topic:
  // a delivery sent again after the crash, or an event routed again, keeps the same id.
  const tasks = await readTopic(kafka, topics.deliveries, published.length, { timeoutMs: 30_000 });
  const messageIdOf = new Map<string, Set<string>>();
  for (const task of tasks) {
    const value = JSON.parse(task.value ?? '{}') as { messageId: string; payload: string };
    const eventId = (JSON.parse(value.payload) as { id: string }).id;
    messageIdOf.set(eventId, (messageIdOf.get(eventId) ?? new Set()).add(value.messageId));
  }
  for (const id of published)
    assert.equal(messageIdOf.get(id)?.size, 1, `one webhook-id per event in the tasks (${id})`);
  for (const request of receiver.requests) {
    const verified = verifyWebhook(request.rawBody, request.headers, secret);
    assert.ok(verified.ok, `signature must verify: ${JSON.stringify(verified)}`);
    const eventId = bodyId(request.rawBody);
    assert.deepEqual(
      [String(request.headers['webhook-id'])],
      [...(messageIdOf.get(eventId) ?? [])],
      `the delivery of ${eventId} carries its task's webhook-id`,
    );
  }
  const distinct = new Set(receiver.requests.map((request) => String(request.headers['webhook-id'])));
  process.stderr.write(
    `[scale-out] killed at ${atKill.published} published / ${atKill.delivered} delivered of ${published.length}; ${receiver.requests.length - distinct.size} sent again after the kills\n`,
  );
  assert.equal(distinct.size, published.length, 'one webhook-id per event');
});
