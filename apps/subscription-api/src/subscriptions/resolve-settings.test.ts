import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolveCreate, resolvePatch } from './resolve-settings.js';
import type { StoredSubscription } from './stored-subscription.js';
import { CreateSubscriptionBody, PatchSubscriptionBody } from './subscription.schemas.js';

const now = '2026-11-30T10:00:00.000Z';
const partnerSecret = '0f8fad5b-d9cb-469f-a165-70867728950e';
const whsec = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=';

function create(body: Record<string, unknown>, secret = partnerSecret) {
  const parsed = CreateSubscriptionBody.parse({
    url: 'https://x.example/h',
    eventTypes: ['card.*'],
    ...body,
  });
  return resolveCreate('sub_1', 'ten_1', parsed, secret, now);
}

function stored(body: Record<string, unknown>, secret = partnerSecret): StoredSubscription {
  const result = create(body, secret);
  assert.ok(result.ok, JSON.stringify(result));
  return result.stored;
}

describe('resolveCreate', () => {
  const cases: Array<[name: string, body: Record<string, unknown>, expected: Record<string, unknown>]> = [
    [
      'defaults',
      {},
      {
        signatureScheme: 'standard-webhooks',
        payloadFormat: 'standard',
        idHeaderValue: 'webhook-id',
        timeoutMs: 10_000,
      },
    ],
    [
      'a profile fills scheme, names, id value and body shape',
      { profile: 'rateapi' },
      {
        signatureScheme: 'hmac-sha256-hex',
        signatureHeaders: {
          signature: 'X-RateAPI-Signature',
          timestamp: 'X-RateAPI-Timestamp',
          id: 'X-RateAPI-Event-Id',
        },
        idHeaderValue: 'event-id',
        payloadFormat: 'standard',
      },
    ],
    [
      'explicit fields win over the profile',
      { profile: 'ratio', payloadFormat: 'standard' },
      { signatureScheme: 'hmac-sha512-timestamp-hex', payloadFormat: 'standard' },
    ],
    [
      'empty settings are left off the record',
      { headers: {}, signatureHeaders: {} },
      { headers: undefined, signatureHeaders: undefined },
    ],
  ];
  for (const [name, body, expected] of cases) {
    test(name, () => {
      const result = create(body, body.profile || body.signatureScheme ? partnerSecret : whsec);
      assert.ok(result.ok, JSON.stringify(result));
      for (const [field, value] of Object.entries(expected))
        assert.deepEqual((result.stored.record as Record<string, unknown>)[field], value, field);
    });
  }

  const refused: Array<[name: string, body: Record<string, unknown>, secret: string, field: string]> = [
    ['a partner secret with standard-webhooks', {}, partnerSecret, 'secret'],
    [
      'renamed standard-webhooks headers',
      { signatureHeaders: { signature: 'x-sig' } },
      whsec,
      'signatureHeaders',
    ],
    [
      'a header taking a signature name',
      { profile: 'equals', headers: { 'X-EM-Signature': 'x' } },
      partnerSecret,
      'headers.X-EM-Signature',
    ],
    [
      'a platform-level type with accountIds',
      { eventTypes: ['rate.changed'], accountIds: ['acc_1'] },
      whsec,
      'eventTypes.0',
    ],
  ];
  for (const [name, body, secret, field] of refused) {
    test(`refuses ${name}`, () => {
      const parsed = CreateSubscriptionBody.parse({
        url: 'https://x.example/h',
        eventTypes: ['card.*'],
        ...body,
        secret,
      });
      const result = resolveCreate('sub_1', 'ten_1', parsed, secret, now);
      assert.equal(result.ok, false);
      assert.deepEqual(result.ok ? [] : result.errors.map((error) => error.field), [field]);
    });
  }
});

describe('resolvePatch', () => {
  const patch = (current: StoredSubscription, body: Record<string, unknown>) =>
    resolvePatch(current, PatchSubscriptionBody.parse(body), '2026-11-30T11:00:00.000Z');

  test('changes only what is sent, bumps the version and keeps the secrets', () => {
    const current = stored({ name: 'a', profile: 'kyc' });
    const result = patch(current, { enabled: false });
    assert.ok(result.ok);
    const { record } = result.stored;
    assert.equal(record.enabled, false);
    assert.equal(record.name, 'a');
    assert.equal(record.version, 2);
    assert.equal(record.updatedAt, '2026-11-30T11:00:00.000Z');
    assert.deepEqual(record.secrets, current.record.secrets);
    assert.deepEqual(record.signatureHeaders, current.record.signatureHeaders);
  });

  test('a profile in the patch applies its preset; fields in the same patch win', () => {
    const result = patch(stored({ profile: 'kyc' }), { profile: 'ratio', payloadFormat: 'envelope-unix' });
    assert.ok(result.ok);
    assert.equal(result.stored.record.signatureScheme, 'hmac-sha512-timestamp-hex');
    assert.equal(result.stored.record.signatureHeaders?.signature, 'ratio-webhook-signature');
    assert.equal(result.stored.record.payloadFormat, 'envelope-unix');
    assert.equal(result.stored.profile, 'ratio');
  });

  test('headers: null removes them; a new secret replaces the old at once', () => {
    const result = patch(stored({ profile: 'equals', headers: { Authorization: 'ApiKey 1' } }), {
      headers: null,
      secret: 'another-partner-secret-01',
    });
    assert.ok(result.ok);
    assert.equal(result.stored.record.headers, undefined);
    const active = result.stored.record.secrets.filter(
      (secret) =>
        secret.expiresAt === null || Date.parse(secret.expiresAt) > Date.parse('2026-11-30T11:00:00.000Z'),
    );
    assert.deepEqual(
      active.map((secret) => secret.value),
      ['another-partner-secret-01'],
    );
  });

  const refused: Array<[name: string, body: Record<string, unknown>, field: string]> = [
    [
      'a scheme the current secret cannot sign with',
      { signatureScheme: 'standard-webhooks', signatureHeaders: null },
      'signatureScheme',
    ],
    ['making a shown-once secret retrievable', { secretPolicy: 'retrievable' }, 'secretPolicy'],
    [
      'account scope on platform-level types',
      { eventTypes: ['account.created'], accountIds: ['acc_1'] },
      'eventTypes.0',
    ],
  ];
  for (const [name, body, field] of refused) {
    test(`refuses ${name}`, () => {
      const result = patch(stored({ profile: 'kyc' }), body);
      assert.equal(result.ok, false);
      assert.deepEqual(result.ok ? [] : result.errors.map((error) => error.field), [field]);
    });
  }
});
