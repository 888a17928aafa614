import { EventPublisher, hideKnownKafkajsWarnings, kafkaClientSecurity } from '@hookstream/kafka';
import { createSubscription } from './create-subscription.js';
import { startDemoReceiver, type VerifiedDelivery } from './demo-receiver.js';
import { DemoEnv } from './env.js';
import { DEMO_EVENTS, DEMO_SUBSCRIBED_TYPES, sampleData } from './sample-events.js';

hideKnownKafkajsWarnings();
const parsed = DemoEnv.safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues)
    console.error(`invalid configuration: ${issue.path.join('.')}: ${issue.message}`);
  process.exit(78);
}
const env = parsed.data;

let secret: string | undefined;
const delivered: VerifiedDelivery[] = [];
const receiver = await startDemoReceiver(
  env.DEMO_RECEIVER_PORT,
  () => secret,
  (delivery) => delivered.push(delivery),
);
const receiverUrl = `http://127.0.0.1:${env.DEMO_RECEIVER_PORT}/webhooks`;
console.log(`demo receiver listening on ${receiverUrl}`);

const subscription = await createSubscription(env.HOOKSTREAM_API_URL, env.HOOKSTREAM_API_KEY, {
  url: receiverUrl,
  eventTypes: DEMO_SUBSCRIBED_TYPES,
  description: 'quick-start demo receiver',
});
secret = subscription.secret;
console.log(`created subscription ${subscription.id} for ${DEMO_SUBSCRIBED_TYPES.join(', ')}`);

const publisher = await EventPublisher.connect({
  brokers: env.KAFKA_BROKERS,
  clientId: 'hookstream-demo',
  topicPrefix: env.HOOKSTREAM_TOPIC_PREFIX,
  security: kafkaClientSecurity(env),
});
for (const { type } of DEMO_EVENTS) {
  const published = await publisher.publish({
    type,
    tenantId: env.HOOKSTREAM_TENANT_ID,
    accountId: 'acc_demo_0001',
    data: sampleData(type),
  });
  console.log(`published ${type.padEnd(28)} ${published.id}`);
}
await publisher.disconnect();

const expectedTypes = DEMO_EVENTS.filter((event) => event.delivered).map((event) => event.type);
const expected = expectedTypes.length;
const deadline = Date.now() + env.DEMO_TIMEOUT_MS;
while (delivered.length < expected && Date.now() < deadline)
  await new Promise((resolve) => setTimeout(resolve, 100));

if (delivered.length < expected) {
  console.error(
    `demo FAILED: ${delivered.length} of ${expected} deliveries verified within ${env.DEMO_TIMEOUT_MS} ms`,
  );
  receiver.close();
  process.exit(1);
}
// Exactly the subscribed types, once each: order.created must have been filtered out.
const deliveredTypes = delivered.map((delivery) => delivery.type).sort();
if (JSON.stringify(deliveredTypes) !== JSON.stringify([...expectedTypes].sort())) {
  console.error(
    `demo FAILED: expected ${expectedTypes.join(', ')} but received ${deliveredTypes.join(', ')}`,
  );
  receiver.close();
  process.exit(1);
}
console.log(
  `demo OK: ${delivered.length} of ${expected} deliveries arrived with verified signatures (order.created was filtered out)`,
);

if (env.DEMO_EXIT_WHEN_DONE === 'true') {
  receiver.close();
} else {
  console.log('the receiver keeps listening; press Ctrl-C to stop the platform');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => receiver.close());
}
