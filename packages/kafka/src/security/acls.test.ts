import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import kafkajs from 'kafkajs';
import { resolveTopics } from '../topics.js';
import { DEFAULT_PRINCIPALS, type HookstreamAcl, hookstreamAcls, toKafkaAcl } from './acls.js';

const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;
const prefix = 'acme.';
const acls = hookstreamAcls({ topicPrefix: prefix });
const topics = resolveTopics(prefix);

/** Kafka's matching rule: a literal name matches itself, a prefixed one every name it starts. */
function allowed(resource: HookstreamAcl['resource'], name: string, operation: HookstreamAcl['operation']) {
  return acls
    .filter(
      (acl) =>
        acl.resource === resource &&
        acl.operation === operation &&
        (acl.pattern === 'literal' ? acl.name === name : name.startsWith(acl.name)),
    )
    .map((acl) => acl.principal)
    .sort();
}

describe('hookstreamAcls: who may write each topic', () => {
  const writers: ReadonlyArray<readonly [string, readonly string[]]> = [
    [topics.subscriptions, ['api']],
    [topics.events, ['api', 'producer']],
    [topics.deliveries, ['api', 'router']],
    [topics.quarantine, ['router']],
    ...topics.retry.map(({ name }) => [name, ['worker']] as readonly [string, readonly string[]]),
    [topics.deadLetter, ['worker']],
    [topics.attempts, ['worker']],
  ];
  for (const [topic, principals] of writers) {
    it(`${topic}: only ${principals.join(', ')}`, () =>
      assert.deepEqual(allowed('topic', topic, 'write'), principals));
  }
});

describe('hookstreamAcls: who may read each topic', () => {
  const readers: ReadonlyArray<readonly [string, readonly string[]]> = [
    [topics.subscriptions, ['router', 'worker']],
    [topics.events, ['api', 'router']],
    [topics.deliveries, ['worker']],
    ...topics.retry.map(({ name }) => [name, ['worker']] as readonly [string, readonly string[]]),
    [topics.quarantine, []],
    [topics.deadLetter, ['api']],
    [topics.attempts, ['api']],
  ];
  for (const [topic, principals] of readers) {
    it(`${topic}: ${principals.join(', ') || 'nobody but an operator'}`, () =>
      assert.deepEqual(allowed('topic', topic, 'read'), principals));
  }

  it("gives nobody anything on another prefix's topics", () => {
    for (const operation of ['read', 'write', 'describe'] as const) {
      assert.deepEqual(allowed('topic', 'other.subscriptions', operation), []);
    }
  });

  it('lets each service join only its own consumer groups', () => {
    assert.deepEqual(allowed('group', `${prefix}router`, 'read'), ['router']);
    assert.deepEqual(allowed('group', `${prefix}router.subscription-view.1b2c`, 'read'), ['router']);
    assert.deepEqual(allowed('group', `${prefix}delivery-worker`, 'read'), ['worker']);
    assert.deepEqual(allowed('group', `${prefix}delivery-worker.subscription-view.9f`, 'read'), ['worker']);
    assert.deepEqual(allowed('group', `${prefix}attempt-log`, 'read'), ['api']);
    assert.deepEqual(allowed('group', `${prefix}replay-job_1`, 'read'), ['api']);
    assert.deepEqual(allowed('group', `${prefix}replay-job_1`, 'delete'), ['api']);
    assert.deepEqual(allowed('group', `${prefix}router`, 'delete'), []);
    assert.deepEqual(allowed('group', 'anything-else', 'read'), []);
  });

  it('keeps each service to its own transactional ids', () => {
    assert.deepEqual(allowed('transactional-id', `${prefix}router-host-0`, 'write'), ['router']);
    assert.deepEqual(allowed('transactional-id', `${prefix}delivery-worker-host-0`, 'write'), ['worker']);
    assert.deepEqual(allowed('transactional-id', 'hookstream-delivery-worker-host-42', 'write'), []);
  });
});

describe('toKafkaAcl', () => {
  it('names the principal as User:<name> and keeps the pattern type', () => {
    const [first] = acls;
    assert.ok(first);
    assert.deepEqual(toKafkaAcl({ ...first, pattern: 'prefixed' }, DEFAULT_PRINCIPALS), {
      principal: 'User:hookstream-api',
      host: '*',
      resourceType: AclResourceTypes.TOPIC,
      resourceName: prefix,
      resourcePatternType: ResourcePatternTypes.PREFIXED,
      operation: AclOperationTypes.DESCRIBE,
      permissionType: AclPermissionTypes.ALLOW,
    });
  });
});
