import type { AclEntry, Admin } from 'kafkajs';
import kafkajs from 'kafkajs';
import { resolveTopics } from '../topics.js';

/** The SASL user name of each Hookstream principal. */
export interface HookstreamPrincipals {
  /**
   * subscription-api: writes the subscriptions topic and platform events (its outbox relay),
   * records attempts and dead letters, redrives and replays into deliveries.
   */
  api: string;
  /** router: reads events, writes deliveries and quarantine, in transactions. */
  router: string;
  /** delivery-worker: reads deliveries and retries, writes retries, dead letters and attempts. */
  worker: string;
  /** Services that publish events with the producer SDK. */
  producer: string;
}

export const DEFAULT_PRINCIPALS: HookstreamPrincipals = {
  api: 'hookstream-api',
  router: 'hookstream-router',
  worker: 'hookstream-worker',
  producer: 'hookstream-producer',
};

/** One allow rule, in words, so the set can be tested and documented as a table. */
export interface HookstreamAcl {
  readonly principal: keyof HookstreamPrincipals;
  readonly resource: 'topic' | 'group' | 'transactional-id';
  readonly pattern: 'literal' | 'prefixed';
  readonly name: string;
  readonly operation: 'read' | 'write' | 'describe' | 'delete' | 'describe-configs';
}

export interface HookstreamAclOptions {
  /** HOOKSTREAM_TOPIC_PREFIX: topics and consumer groups live under it. */
  topicPrefix: string;
  /** Prefix of the router's transactional ids; default `<topicPrefix>router`, which covers the router's default `<prefix>router-<host>-<instance>`. */
  routerTransactionalIdPrefix?: string;
  /** Prefix of the delivery workers' transactional ids; default `<topicPrefix>delivery-worker`, which covers the worker's default `<prefix>delivery-worker-<host>-<instance>`. */
  workerTransactionalIdPrefix?: string;
}

/**
 * The least-privilege ACL set: every principal may describe the platform's topics (the
 * start-up check lists them) and do only its own job. Nothing here creates or alters topics:
 * an operator (a super user) provisions them. Anything not listed is denied
 * (allow.everyone.if.no.acl.found=false).
 */
export function hookstreamAcls({
  topicPrefix: p,
  routerTransactionalIdPrefix,
  workerTransactionalIdPrefix,
}: HookstreamAclOptions): HookstreamAcl[] {
  const topics = resolveTopics(p);
  const topic = (name: string, operation: HookstreamAcl['operation']) =>
    ({ resource: 'topic', pattern: 'literal', name, operation }) as const;
  const retryTopicsPrefix = `${p}deliveries.retry.`;
  const describeAll = { resource: 'topic', pattern: 'prefixed', name: p, operation: 'describe' } as const;
  return [
    { principal: 'api', ...describeAll },
    { principal: 'api', ...topic(topics.subscriptions, 'write') },
    // Platform events such as subscription.disabled, through the outbox.
    { principal: 'api', ...topic(topics.events, 'write') },
    // The attempt log: attempts and dead letters → Postgres, in its own group.
    { principal: 'api', ...topic(topics.attempts, 'read') },
    { principal: 'api', ...topic(topics.deadLetter, 'read') },
    { principal: 'api', resource: 'group', pattern: 'prefixed', name: `${p}attempt-log`, operation: 'read' },
    // Redrive of dead letters and replay of events write new delivery tasks (issue 10).
    { principal: 'api', ...topic(topics.deliveries, 'write') },
    // Replay reads events in a throw-away group it deletes, after checking the retention.
    { principal: 'api', ...topic(topics.events, 'read') },
    { principal: 'api', ...topic(topics.events, 'describe-configs') },
    { principal: 'api', resource: 'group', pattern: 'prefixed', name: `${p}replay-`, operation: 'read' },
    { principal: 'api', resource: 'group', pattern: 'prefixed', name: `${p}replay-`, operation: 'delete' },

    { principal: 'router', ...describeAll },
    { principal: 'router', ...topic(topics.events, 'read') },
    { principal: 'router', ...topic(topics.subscriptions, 'read') },
    { principal: 'router', ...topic(topics.deliveries, 'write') },
    { principal: 'router', ...topic(topics.quarantine, 'write') },
    // The router's group and its subscription views (<prefix>router.subscription-view.<uuid>).
    { principal: 'router', resource: 'group', pattern: 'prefixed', name: `${p}router`, operation: 'read' },
    {
      principal: 'router',
      resource: 'transactional-id',
      pattern: 'prefixed',
      name: routerTransactionalIdPrefix ?? `${p}router`,
      operation: 'write',
    },

    { principal: 'worker', ...describeAll },
    { principal: 'worker', ...topic(topics.deliveries, 'read') },
    {
      principal: 'worker',
      resource: 'topic',
      pattern: 'prefixed',
      name: retryTopicsPrefix,
      operation: 'read',
    },
    {
      principal: 'worker',
      resource: 'topic',
      pattern: 'prefixed',
      name: retryTopicsPrefix,
      operation: 'write',
    },
    { principal: 'worker', ...topic(topics.deadLetter, 'write') },
    { principal: 'worker', ...topic(topics.attempts, 'write') },
    { principal: 'worker', ...topic(topics.subscriptions, 'read') },
    {
      principal: 'worker',
      resource: 'group',
      pattern: 'prefixed',
      name: `${p}delivery-worker`,
      operation: 'read',
    },
    // Its outcomes (attempt, retry or dead letter) and offsets commit in one transaction.
    {
      principal: 'worker',
      resource: 'transactional-id',
      pattern: 'prefixed',
      name: workerTransactionalIdPrefix ?? `${p}delivery-worker`,
      operation: 'write',
    },

    { principal: 'producer', ...topic(topics.events, 'write') },
  ];
}

// kafkajs is CommonJS and Node cannot see these enums as named exports.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

const RESOURCE = {
  topic: AclResourceTypes.TOPIC,
  group: AclResourceTypes.GROUP,
  'transactional-id': AclResourceTypes.TRANSACTIONAL_ID,
} as const;
const OPERATION = {
  read: AclOperationTypes.READ,
  write: AclOperationTypes.WRITE,
  describe: AclOperationTypes.DESCRIBE,
  delete: AclOperationTypes.DELETE,
  'describe-configs': AclOperationTypes.DESCRIBE_CONFIGS,
} as const;

export function toKafkaAcl(acl: HookstreamAcl, principals: HookstreamPrincipals): AclEntry {
  return {
    principal: `User:${principals[acl.principal]}`,
    host: '*',
    resourceType: RESOURCE[acl.resource],
    resourceName: acl.name,
    resourcePatternType:
      acl.pattern === 'literal' ? ResourcePatternTypes.LITERAL : ResourcePatternTypes.PREFIXED,
    operation: OPERATION[acl.operation],
    permissionType: AclPermissionTypes.ALLOW,
  };
}

/** Creates the set with an admin (super user) client. Idempotent: the broker ignores duplicates. */
export async function applyHookstreamAcls(
  admin: Admin,
  options: HookstreamAclOptions & { principals?: HookstreamPrincipals },
): Promise<number> {
  const principals = options.principals ?? DEFAULT_PRINCIPALS;
  const acl = hookstreamAcls(options).map((entry) => toKafkaAcl(entry, principals));
  await admin.createAcls({ acl });
  return acl.length;
}
