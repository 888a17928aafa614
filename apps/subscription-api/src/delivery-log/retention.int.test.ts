import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { newPrefixedId } from '@hookstream/events';
import { createKafkaClient, HEADERS, resolveTopics } from '@hookstream/kafka';
import { testBrokers, waitFor } from '@hookstream/testkit';
import pg from 'pg';
import { type ApiUnderTest, startApi } from '../integration/api-harness.js';

// Retention: attempts and dead letters older than DELIVERY_LOG_RETENTION_DAYS (30) are deleted
// by the pruner; newer ones stay.

let api: ApiUnderTest;
let pool: pg.Pool;
const day = 86_400_000;

before(async () => {
  api = await startApi('retention', { DELIVERY_LOG_PRUNE_INTERVAL_MS: '1000' });
  pool = new pg.Pool({ connectionString: api.database.url, max: 1 });
});

after(async () => {
  await pool?.end();
  assert.equal(await api?.stop(), 0, 'clean shutdown');
});

test('rows older than the retention are pruned, newer ones kept', async () => {
  const kafka = createKafkaClient({ brokers: testBrokers(), clientId: 'retention-test' });
  const producer = kafka.producer();
  await producer.connect();
  const topics = resolveTopics(api.prefix);
  const attempt = (ageMs: number) => {
    const messageId = newPrefixedId('msg_');
    return {
      key: messageId,
      value: JSON.stringify({
        id: newPrefixedId('atm_'),
        messageId,
        eventId: newPrefixedId('evt_'),
        eventType: 'card.created',
        tenantId: 'ten_retention',
        subscriptionId: 'sub_retention',
        attempt: 1,
        url: null,
        startedAt: new Date(Date.now() - ageMs).toISOString(),
        durationMs: 0,
        outcome: 'delivered',
        statusCode: 200,
        error: null,
        responseBody: null,
        nextAttemptAt: null,
      }),
    };
  };
  const task = (ageMs: number) => ({
    key: 'acc_1',
    // The dead letter's time is its record's timestamp.
    timestamp: String(Date.now() - ageMs),
    headers: { [HEADERS.deadLetterReason]: 'HTTP 500' },
    value: JSON.stringify({
      messageId: newPrefixedId('msg_'),
      eventId: newPrefixedId('evt_'),
      eventType: 'card.created',
      tenantId: 'ten_retention',
      accountId: null,
      subscriptionId: 'sub_retention',
      payload: '{}',
      attempt: 1,
      createdAt: new Date().toISOString(),
      notBefore: null,
    }),
  });
  await producer.send({
    topic: topics.attempts,
    acks: -1,
    messages: [attempt(31 * day), attempt(40 * day), attempt(29 * day), attempt(0)],
  });
  await producer.send({ topic: topics.deadLetter, acks: -1, messages: [task(35 * day), task(day)] });
  await producer.disconnect();

  const count = async (table: string) =>
    Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
  // All six were stored (the recorder's counter), then pruned down to the young ones.
  await waitFor(
    async () => {
      const metrics = await (await fetch(`${api.baseUrl}/metrics`)).text();
      return (
        /hookstream_api_delivery_log_records_total\{[^}]*topic="attempts"[^}]*\} 4/.test(metrics) &&
        /hookstream_api_delivery_log_records_total\{[^}]*topic="dead-letter"[^}]*\} 2/.test(metrics)
      );
    },
    { description: 'all six rows stored' },
  );
  await waitFor(async () => (await count('delivery_attempts')) === 2 && (await count('dead_letters')) === 1, {
    timeoutMs: 20_000,
    description: 'old rows pruned',
  });
  const oldest = await pool.query<{ started_at: Date }>(
    'SELECT min(started_at) AS started_at FROM delivery_attempts',
  );
  assert.ok(
    (oldest.rows[0]?.started_at.getTime() ?? 0) > Date.now() - 30 * day,
    'what remains is within 30 days',
  );
  // Still two a few prune runs later: the young rows are kept.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  assert.equal(await count('delivery_attempts'), 2);
  assert.equal(await count('dead_letters'), 1);
});
