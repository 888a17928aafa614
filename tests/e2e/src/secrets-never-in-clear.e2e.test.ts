import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { exampleData } from '@hookstream/events';
import { createKafkaClient, EventPublisher } from '@hookstream/kafka';
import { verifyWebhook } from '@hookstream/signatures/verify';
import { readTopic, startReceiver, type TestReceiver, testBrokers } from '@hookstream/testkit';
import pg from 'pg';
import { apiRequest, type Platform, startPlatform } from './platform.js';

/**
 * Issue 11, done-when: a signing secret and a custom header value are delivered (the worker
 * opens them), yet appear in clear nowhere else: not in any table of the database, not in any
 * record of any topic of the platform, not in any service's log.
 */
describe('secrets are never in clear at rest', () => {
  let platform: Platform;
  let receiver: TestReceiver;
  const HEADER_VALUE = `Bearer e2e-header-${randomBytes(8).toString('hex')}`;

  before(async () => {
    platform = await startPlatform('e2e-secrets', {
      HOOKSTREAM_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      LOG_LEVEL: 'debug',
    });
    receiver = await startReceiver(() => ({ status: 204 }));
  });

  after(async () => {
    await platform?.stop();
    await receiver?.close();
  });

  test('delivered with the secret and header, found in clear in no table, topic or log', async () => {
    const tenant = await platform.createTenant('e2e-secrets');
    const created = await apiRequest(platform, 'POST', '/v1/subscriptions', tenant.apiKey, {
      url: `${receiver.url}/hooks`,
      eventTypes: ['card.*'],
      headers: { Authorization: HEADER_VALUE },
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const secret = String(created.json.secret);

    const publisher = await EventPublisher.connect({
      brokers: testBrokers(),
      clientId: 'e2e-secrets-producer',
      topicPrefix: platform.topicPrefix,
    });
    const event = await publisher.publish({
      type: 'card.created',
      tenantId: tenant.tenantId,
      accountId: 'acc_e2e',
      data: exampleData('card.created'),
    });
    await publisher.disconnect();

    const [request] = await receiver.waitForRequests(1, 30_000);
    assert.ok(request, 'delivered');
    assert.ok(verifyWebhook(request.rawBody, request.headers, secret).ok, 'signed with the opened secret');
    assert.equal(request.headers.authorization, HEADER_VALUE, 'sent with the opened header value');

    const leaks: string[] = [];
    const check = (text: string, where: string) => {
      if (text.includes(secret)) leaks.push(`signing secret in ${where}`);
      if (text.includes(HEADER_VALUE)) leaks.push(`header value in ${where}`);
    };

    // Every row of every table.
    const pool = new pg.Pool({ connectionString: platform.database.url, max: 1 });
    try {
      const tables = await pool.query<{ name: string }>(
        "SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public'",
      );
      assert.ok(tables.rows.length > 0);
      for (const { name } of tables.rows) {
        const rows = await pool.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
        check(rows.rows.map((row) => row.row).join('\n'), `table ${name}`);
      }
    } finally {
      await pool.end();
    }

    // Every record (keys, values, headers) of every topic of this platform.
    const kafka = createKafkaClient({ brokers: testBrokers(), clientId: 'e2e-secrets-reader' });
    const admin = kafka.admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(platform.topicPrefix));
    await admin.disconnect();
    let seen = '';
    for (const topic of topics) {
      const records = await readTopic(kafka, topic, 0, { settleMs: 1_500 });
      const text = JSON.stringify(records);
      seen += text;
      check(text, `topic ${topic}`);
    }
    assert.ok(seen.includes(String(created.json.id)), 'the reader saw the subscription record');
    assert.ok(seen.includes(event.id), 'the reader saw the event and its delivery');

    for (const service of platform.services) check(service.output(), `the ${service.name} log`);
    assert.deepEqual(leaks, []);
  });
});
