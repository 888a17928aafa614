import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { Keyring } from '@hookstream/envelope-encryption';
import { type SubscriptionRecord, sealSubscriptionSecrets } from '@hookstream/kafka';
import { subscriptionFixture } from '@hookstream/kafka/testing';
import { SubscriptionOpener, UndecryptableSubscriptionError } from './open-subscription.js';

const at = '2026-11-22T10:00:00.000Z';
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=';
const record: SubscriptionRecord = subscriptionFixture({
  secrets: [{ value: SECRET, createdAt: at, expiresAt: null }],
  headers: { Authorization: 'Bearer t' },
});
const ring = new Keyring([{ id: 'k1', key: randomBytes(32) }], 'k1');

describe('SubscriptionOpener', () => {
  it('opens sealed secrets and header values, once per record object', () => {
    const sealed = sealSubscriptionSecrets(record, ring);
    const opener = new SubscriptionOpener(ring);
    const first = opener.open(sealed);
    assert.deepEqual(first, record);
    assert.equal(opener.open(sealed), first, 'the same object again: served from the cache');
    const changed = sealSubscriptionSecrets({ ...record, version: 2 }, ring);
    assert.equal(opener.open(changed).version, 2, 'a new record object is opened afresh');
  });

  it('throws an error naming the field and the key, never the value, when a key is missing', () => {
    const sealed = sealSubscriptionSecrets(record, ring);
    const other = new SubscriptionOpener(new Keyring([{ id: 'k2', key: randomBytes(32) }], 'k2'));
    assert.throws(
      () => other.open(sealed),
      (error: unknown) =>
        error instanceof UndecryptableSubscriptionError &&
        /secrets\.0 cannot be decrypted \(unknown-key, key k1\)/.test(error.message) &&
        !error.message.includes(SECRET),
    );
  });
});
