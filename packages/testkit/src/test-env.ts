import { randomBytes } from 'node:crypto';

/** Broker list for tests: set by the global setup, else the local default. */
export function testBrokers(): string[] {
  return (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
}

/** A topic prefix no other test uses, so each test owns its topics and consumer groups. */
export function uniqueTopicPrefix(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 30);
  return `test.${slug}.${randomBytes(4).toString('hex')}.`;
}
