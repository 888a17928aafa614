/**
 * Provisions the platform's topics and applies the Hookstream ACL set, as an operator (a super
 * user). Run by `./hookstream broker start --secure` for the local secure broker; in production,
 * run it once per environment with the operator's credentials:
 *
 *   KAFKA_BROKERS=… KAFKA_SASL_MECHANISM=scram-sha-512 KAFKA_SASL_USERNAME=admin \
 *   KAFKA_SASL_PASSWORD=… HOOKSTREAM_TOPIC_PREFIX=hookstream. node packages/kafka/dist/cli/secure-setup.js
 *
 * Idempotent: existing topics and ACLs are left as they are.
 */
import { createKafkaClient } from '../client.js';
import { KafkaEnv, partitionCounts } from '../config.js';
import { hideKnownKafkajsWarnings } from '../known-warnings.js';
import { ensureTopics } from '../provision.js';
import { applyHookstreamAcls } from '../security/acls.js';
import { kafkaClientSecurity } from '../security/client-security.js';
import { allTopicSpecs } from '../topics.js';

async function main(): Promise<void> {
  hideKnownKafkajsWarnings();
  const parsed = KafkaEnv.safeParse(process.env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      process.stderr.write(`${issue.path.join('.')}: ${issue.message}\n`);
    process.exit(78);
  }
  const env = parsed.data;
  const kafka = createKafkaClient({
    brokers: env.KAFKA_BROKERS,
    clientId: 'hookstream-secure-setup',
    security: kafkaClientSecurity(env),
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const created = await ensureTopics(
      admin,
      allTopicSpecs(env.HOOKSTREAM_TOPIC_PREFIX, partitionCounts(env)),
    );
    const routerTransactionalIdPrefix = process.env.ROUTER_TRANSACTIONAL_ID_PREFIX;
    const workerTransactionalIdPrefix = process.env.WORKER_TRANSACTIONAL_ID_PREFIX;
    const count = await applyHookstreamAcls(admin, {
      topicPrefix: env.HOOKSTREAM_TOPIC_PREFIX,
      ...(routerTransactionalIdPrefix ? { routerTransactionalIdPrefix } : {}),
      ...(workerTransactionalIdPrefix ? { workerTransactionalIdPrefix } : {}),
    });
    process.stdout.write(
      `secure-setup: ${created.length} topic(s) created under "${env.HOOKSTREAM_TOPIC_PREFIX}", ${count} ACLs applied\n`,
    );
  } finally {
    await admin.disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`secure-setup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
