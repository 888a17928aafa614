import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { exampleData } from '@hookstream/events';
import {
  allTopicSpecs,
  applyHookstreamAcls,
  createKafkaClient,
  DEFAULT_PRINCIPALS,
  EventPublisher,
  ensureTopics,
  hookstreamAcls,
  KafkaEnv,
  kafkaClientSecurity,
  toKafkaAcl,
} from '@hookstream/kafka';
import { verifyWebhook } from '@hookstream/signatures/verify';
import {
  type SecureBroker,
  startReceiver,
  startSecureBroker,
  type TestReceiver,
  uniqueTopicPrefix,
  waitFor,
} from '@hookstream/testkit';
import kafkajs from 'kafkajs';
import { apiRequest, type Platform, startPlatform } from './platform.js';

// kafkajs is CommonJS: its enums are properties of the default export.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

/**
 * Issue 11: the whole platform through the secure broker (SASL/SCRAM-SHA-512, ACLs, no super
 * user for the services): one principal per service, topics provisioned by the operator, the
 * production ACL set applied. A subscription made over HTTP gets an event published by a
 * producer principal, routed and delivered, signed.
 */
describe('the platform on the secure broker, one principal per service', () => {
  let broker: SecureBroker;
  let platform: Platform;
  let receiver: TestReceiver;
  const prefix = uniqueTopicPrefix('secure-platform');

  const sasl = (user: string) => ({
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: user,
    KAFKA_SASL_PASSWORD: broker.password(user),
  });
  const securityOf = (user: string) =>
    kafkaClientSecurity(KafkaEnv.parse({ KAFKA_BROKERS: broker.brokers.join(','), ...sasl(user) }));

  before(async () => {
    broker = await startSecureBroker();
    // The operator (super user) provisions the topics and applies the ACL set.
    const admin = createKafkaClient({
      brokers: broker.brokers,
      clientId: 'operator',
      security: securityOf('admin'),
    }).admin();
    await admin.connect();
    try {
      await ensureTopics(admin, allTopicSpecs(prefix), 30_000, () => {});
      await applyHookstreamAcls(admin, { topicPrefix: prefix });
      // CreateAcls returns once the controller has them; the broker's authorizer learns them
      // from the metadata log a moment later (seconds on a loaded machine). A service started
      // before that is denied and exits, so wait until the broker lists every one of them.
      const key = (acl: {
        resourceType: number;
        resourceName: string;
        resourcePatternType: number;
        principal: string;
        operation: number;
        permissionType: number;
      }) =>
        [
          acl.resourceType,
          acl.resourceName,
          acl.resourcePatternType,
          acl.principal,
          acl.operation,
          acl.permissionType,
        ].join('|');
      const expected = hookstreamAcls({ topicPrefix: prefix }).map((entry) =>
        key(toKafkaAcl(entry, DEFAULT_PRINCIPALS)),
      );
      await waitFor(
        async () => {
          const described = await admin.describeAcls({
            resourceType: AclResourceTypes.ANY,
            resourcePatternType: ResourcePatternTypes.ANY,
            operation: AclOperationTypes.ANY,
            permissionType: AclPermissionTypes.ANY,
          });
          const enforced = new Set(
            described.resources.flatMap((resource) =>
              resource.acls.map((acl) => key({ ...resource, ...acl })),
            ),
          );
          return expected.every((entry) => enforced.has(entry));
        },
        { timeoutMs: 30_000, description: 'the broker enforcing every applied ACL' },
      );
    } finally {
      await admin.disconnect();
    }
    platform = await startPlatform(
      'secure-platform',
      { KAFKA_BROKERS: broker.brokers.join(','), HOOKSTREAM_TOPIC_PREFIX: prefix },
      {
        'subscription-api': sasl(DEFAULT_PRINCIPALS.api),
        router: sasl(DEFAULT_PRINCIPALS.router),
        'delivery-worker': sasl(DEFAULT_PRINCIPALS.worker),
      },
    );
    receiver = await startReceiver(() => ({ status: 204 }));
  });

  after(async () => {
    await platform?.stop();
    await receiver?.close();
    await broker?.stop();
  });

  test('an event is routed and delivered, signed, with every service on its own user', async () => {
    const tenant = await platform.createTenant('secure');
    const created = await apiRequest(platform, 'POST', '/v1/subscriptions', tenant.apiKey, {
      url: `${receiver.url}/hooks`,
      eventTypes: ['card.*'],
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));

    const publisher = await EventPublisher.connect({
      brokers: broker.brokers,
      clientId: 'secure-producer',
      topicPrefix: prefix,
      security: securityOf(DEFAULT_PRINCIPALS.producer),
    });
    const event = await publisher.publish({
      type: 'card.created',
      tenantId: tenant.tenantId,
      accountId: 'acc_secure',
      data: exampleData('card.created'),
    });
    await publisher.disconnect();

    const [request] = await receiver.waitForRequests(1, 45_000);
    assert.ok(request);
    assert.ok(verifyWebhook(request.rawBody, request.headers, String(created.json.secret)).ok);
    assert.match(request.rawBody.toString(), new RegExp(event.id));
    // No service needed more than its ACLs: the broker denied none of their requests.
    for (const user of [DEFAULT_PRINCIPALS.api, DEFAULT_PRINCIPALS.router, DEFAULT_PRINCIPALS.worker]) {
      assert.ok(
        !broker.serverLog().includes(`Principal = User:${user} is Denied`),
        `${user} was denied something`,
      );
    }
  });
});
