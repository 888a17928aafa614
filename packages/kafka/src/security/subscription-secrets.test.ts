import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { Keyring } from '@hookstream/envelope-encryption';
import { subscriptionFixture } from '../messages/subscription-record.fixture.js';
import type { SubscriptionRecord } from '../messages/subscription-record.js';
import {
  openSubscriptionSecrets,
  resealSubscriptionSecrets,
  sealSubscriptionSecrets,
  subscriptionSecretsSealed,
  withoutSecrets,
} from './subscription-secrets.js';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };
const ring1 = new Keyring([k1], 'k1');
const ring12 = new Keyring([k1, k2], 'k2');
const ring2 = new Keyring([k2], 'k2');

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=';
const AUTH = 'Bearer partner-token-7f3a';
const at = '2026-11-22T10:00:00.000Z';

function record(overrides: Partial<SubscriptionRecord> = {}): SubscriptionRecord {
  return subscriptionFixture({
    secrets: [{ value: SECRET, createdAt: at, expiresAt: null }],
    headers: { Authorization: AUTH },
    ...overrides,
  });
}

describe('sealSubscriptionSecrets / openSubscriptionSecrets', () => {
  it('hides every secret and header value, and opens back to the original', () => {
    const sealed = sealSubscriptionSecrets(record(), ring1);
    const text = JSON.stringify(sealed);
    assert.ok(!text.includes(SECRET) && !text.includes(AUTH), text);
    assert.equal(sealed.url, 'https://example.com/hook', 'non-secret fields stay readable');
    assert.deepEqual(openSubscriptionSecrets(sealed, ring1), {
      ok: true,
      record: record(),
      legacyPlaintext: false,
    });
  });

  it('does not seal twice', () => {
    const sealed = sealSubscriptionSecrets(record(), ring1);
    assert.deepEqual(sealSubscriptionSecrets(sealed, ring1), sealed);
  });

  it('accepts legacy plaintext records and says so', () => {
    const opened = openSubscriptionSecrets(record(), ring1);
    assert.ok(opened.ok && opened.legacyPlaintext);
  });

  const failures: ReadonlyArray<readonly [string, () => SubscriptionRecord, Keyring, string, string]> = [
    [
      'a key the reader lacks',
      () => sealSubscriptionSecrets(record(), ring1),
      ring2,
      'unknown-key',
      'secrets.0',
    ],
    [
      'a secret copied from another subscription',
      () => ({ ...record(), secrets: sealSubscriptionSecrets(record({ id: 'sub_2' }), ring1).secrets }),
      ring1,
      'tampered',
      'secrets.0',
    ],
    [
      'a header value moved to another header',
      () => {
        const sealed = sealSubscriptionSecrets(
          record({ headers: { Authorization: AUTH, 'X-Other': 'v' } }),
          ring1,
        );
        return { ...sealed, headers: { Authorization: sealed.headers?.['X-Other'] ?? '', 'X-Other': 'v2' } };
      },
      ring1,
      'tampered',
      'headers.Authorization',
    ],
  ];
  for (const [why, make, keyring, failure, field] of failures) {
    it(`refuses ${why} (${failure} at ${field}) without showing a value`, () => {
      const opened = openSubscriptionSecrets(make(), keyring);
      assert.equal(opened.ok, false);
      if (!opened.ok) {
        assert.equal(opened.failure, failure);
        assert.equal(opened.field, field);
        assert.ok(!JSON.stringify(opened).includes(SECRET));
      }
    });
  }
});

describe('resealSubscriptionSecrets', () => {
  it('moves old-key and plaintext values under the active key, once', () => {
    const underK1 = sealSubscriptionSecrets(record(), ring1);
    const first = resealSubscriptionSecrets(underK1, ring12);
    assert.ok(first.ok && first.changed);
    if (!first.ok) return;
    assert.deepEqual(openSubscriptionSecrets(first.record, ring2), {
      ok: true,
      record: record(),
      legacyPlaintext: false,
    });
    const again = resealSubscriptionSecrets(first.record, ring12);
    assert.ok(again.ok && !again.changed);

    const fromPlain = resealSubscriptionSecrets(record(), ring2);
    assert.ok(fromPlain.ok && fromPlain.changed);
    if (fromPlain.ok) assert.ok(!JSON.stringify(fromPlain.record).includes(SECRET));
  });
});

describe('withoutSecrets', () => {
  it('keeps what routing needs and drops every secret part', () => {
    const projected = withoutSecrets(sealSubscriptionSecrets(record(), ring1));
    assert.equal(projected.headers, undefined);
    assert.deepEqual(
      projected.secrets.map((secret) => secret.value),
      ['redacted'],
    );
    assert.deepEqual(projected.eventTypes, ['*']);
  });
});

describe('subscriptionSecretsSealed', () => {
  it('is true only when every secret and header value is sealed', () => {
    const sealed = sealSubscriptionSecrets(record(), ring1);
    assert.equal(subscriptionSecretsSealed(sealed), true);
    assert.equal(subscriptionSecretsSealed(record()), false);
    assert.equal(
      subscriptionSecretsSealed({ ...sealed, headers: { ...sealed.headers, 'X-Plain': 'v' } }),
      false,
    );
    assert.equal(subscriptionSecretsSealed({ ...sealed, headers: undefined }), true);
  });
});
