import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { Keyring } from '@hookstream/envelope-encryption';
import { sealSubscriptionSecrets } from '@hookstream/kafka';
import { verifyWebhook } from '@hookstream/signatures/verify';
import { readTopic, startReceiver, type TestReceiver } from '@hookstream/testkit';
import { startWorkerHarness, subscriptionFor, taskFor, type WorkerHarness } from './worker-harness.js';

// Issue 11, through the real worker process in production mode: every hostile destination is
// refused at connect time, recorded as one attempt with a clear error and dead-lettered (never
// retried); sealed secrets and header values are opened to sign and send; a record that does
// not open is dead-lettered with a reason naming the key, and no secret reaches the log.

interface Attempt {
  messageId: string;
  outcome: string;
  attempt: number;
  error: string | null;
}

const k1 = { id: 'k1', key: randomBytes(32) };
const keyring = new Keyring([k1], 'k1');
const KEYS = `k1:${k1.key.toString('base64')}`;
const HEADER_VALUE = `Bearer header-${randomBytes(6).toString('hex')}`;

let receiver: TestReceiver;
let guarded: WorkerHarness;
let onPremise: WorkerHarness;

async function attemptsOf(harness: WorkerHarness, messageId: string): Promise<Attempt[]> {
  const records = await readTopic(harness.kafka, harness.topics.attempts, 1, {
    where: (record) => (record.value ?? '').includes(`"messageId":"${messageId}"`),
    timeoutMs: 30_000,
    // Read on, so a retried attempt would show up as a second record.
    settleMs: 1_500,
  });
  return records.map((record) => JSON.parse(record.value ?? '{}') as Attempt);
}

before(async () => {
  receiver = await startReceiver(() => ({ status: 204 }));
  const port = new URL(receiver.url).port;
  // HTTP and the receiver's port are allowed, so only the address check can refuse.
  guarded = await startWorkerHarness('egress-guarded', {
    HOOKSTREAM_ENV: 'production',
    HOOKSTREAM_ENCRYPTION_KEYS: KEYS,
    HOOKSTREAM_EGRESS_ALLOW_HTTP: 'true',
    HOOKSTREAM_EGRESS_PORTS: port,
  });
  onPremise = await startWorkerHarness('egress-on-premise', {
    HOOKSTREAM_ENV: 'production',
    HOOKSTREAM_ENCRYPTION_KEYS: KEYS,
    HOOKSTREAM_EGRESS_ALLOW_HTTP: 'true',
    HOOKSTREAM_EGRESS_PORTS: port,
    HOOKSTREAM_EGRESS_ALLOW_CIDRS: '127.0.0.0/8',
  });
});

after(async () => {
  await guarded?.close();
  await onPremise?.close();
  await receiver?.close();
});

describe('production worker: hostile destinations', () => {
  const hostile = (port: string) => [
    `http://127.0.0.1:${port}/hook`,
    `http://[::ffff:127.0.0.1]:${port}/hook`,
    `http://2130706433:${port}/hook`,
    `http://0x7f.1:${port}/hook`,
    `http://169.254.169.254:${port}/latest/meta-data/`,
    `http://localhost:${port}/hook`,
    `https://127.0.0.1:${port}/hook`,
  ];

  test('each is one attempt with a clear error, dead-lettered, and never reaches the receiver', async () => {
    const port = new URL(receiver.url).port;
    for (const url of hostile(port)) {
      const subscription = sealSubscriptionSecrets(subscriptionFor(url), keyring);
      await guarded.putSubscription(subscription);
      const task = taskFor(subscription);
      await guarded.sendTask(task);
      const attempts = await attemptsOf(guarded, task.messageId);
      assert.equal(attempts.length, 1, `${url}: one attempt, not retried`);
      assert.equal(attempts[0]?.outcome, 'dead_lettered', url);
      assert.match(attempts[0]?.error ?? '', /refused/, url);
      const [dead] = await readTopic(guarded.kafka, guarded.topics.deadLetter, 1, {
        where: (record) => (record.value ?? '').includes(task.messageId),
      });
      assert.ok(dead, `${url}: in the dead-letter topic`);
    }
    assert.equal(receiver.requests.length, 0, 'nothing reached the receiver');
  });

  test('a public-looking name that resolves to a loopback address is refused at connect time', async (context) => {
    const name = hostname();
    const { address } = await lookup(name).catch(() => ({ address: '' }));
    if (!address.startsWith('127.') && address !== '::1') {
      context.skip(`${name} resolves to "${address}", not a loopback address`);
      return;
    }
    const subscription = sealSubscriptionSecrets(
      subscriptionFor(`http://${name}:${new URL(receiver.url).port}/hook`),
      keyring,
    );
    await guarded.putSubscription(subscription);
    const task = taskFor(subscription);
    await guarded.sendTask(task);
    const attempts = await attemptsOf(guarded, task.messageId);
    assert.equal(attempts.length, 1);
    assert.equal(attempts[0]?.outcome, 'dead_lettered');
    assert.match(attempts[0]?.error ?? '', /refused.*loopback/);
    assert.equal(receiver.requests.length, 0);
  });
});

describe('production worker: sealed secrets', () => {
  test('opens sealed secrets and header values to sign and send (allow-listed on-premise receiver)', async () => {
    const plain = subscriptionFor(receiver.url, { headers: { Authorization: HEADER_VALUE } });
    const sealed = sealSubscriptionSecrets(plain, keyring);
    assert.ok(!JSON.stringify(sealed).includes(HEADER_VALUE));
    await onPremise.putSubscription(sealed);
    await onPremise.sendTask(taskFor(sealed));
    const [request] = await receiver.waitForRequests(1, 30_000);
    assert.ok(request);
    assert.equal(request.headers.authorization, HEADER_VALUE, 'the header value was opened');
    assert.ok(
      verifyWebhook(request.rawBody, request.headers, plain.secrets[0]?.value ?? '').ok,
      'signed with the opened secret',
    );
  });

  test('a record sealed with an unknown key is dead-lettered naming the key; the log holds no secret', async () => {
    const stranger = new Keyring([{ id: 'k9', key: randomBytes(32) }], 'k9');
    const plain = subscriptionFor(receiver.url, { headers: { Authorization: HEADER_VALUE } });
    const sealed = sealSubscriptionSecrets(plain, stranger);
    await onPremise.putSubscription(sealed);
    const task = taskFor(sealed);
    await onPremise.sendTask(task);
    const attempts = await attemptsOf(onPremise, task.messageId);
    assert.equal(attempts.length, 1);
    assert.equal(attempts[0]?.outcome, 'dead_lettered');
    assert.match(attempts[0]?.error ?? '', /cannot be decrypted \(unknown-key, key k9\)/);
    const metrics = await (await fetch(`${onPremise.baseUrl()}/metrics`)).text();
    assert.match(metrics, /hookstream_worker_undecryptable_subscriptions_total(\{[^}]*\})? [1-9]/);
    for (const harness of [onPremise, guarded]) {
      const log = harness.worker.output();
      assert.ok(!log.includes(plain.secrets[0]?.value ?? '<none>'), 'no signing secret in the log');
      assert.ok(!log.includes(HEADER_VALUE), 'no header value in the log');
    }
  });
});
