import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messagingAttributes, messagingSpanName } from './messaging-attributes.js';

describe('messaging span naming and attributes', () => {
  it('names a span "{operation} {destination}"', () => {
    assert.equal(
      messagingSpanName({ operation: 'send', topic: 'hookstream.events' }),
      'send hookstream.events',
    );
  });

  it('sets the required Kafka attributes and only the optional ones given', () => {
    assert.deepEqual(messagingAttributes({ operation: 'send', topic: 'hookstream.events' }), {
      'messaging.system': 'kafka',
      'messaging.destination.name': 'hookstream.events',
      'messaging.operation.type': 'send',
      'messaging.operation.name': 'send',
    });
    const consumed = messagingAttributes({
      operation: 'process',
      topic: 'hookstream.deliveries',
      partition: 2,
      offset: '41',
      consumerGroup: 'hookstream.delivery-worker',
      messageId: 'evt_1',
    });
    assert.equal(consumed['messaging.destination.partition.id'], '2');
    assert.equal(consumed['messaging.kafka.offset'], 41);
    assert.equal(consumed['messaging.consumer.group.name'], 'hookstream.delivery-worker');
    assert.equal(consumed['messaging.message.id'], 'evt_1');
  });
});
