import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { signWebhook } from '../signing/sign-webhook.js';
import type { VerificationErrorCode } from './errors.js';
import { verifyWebhook } from './verify-webhook.js';

/**
 * The Standard Webhooks reference libraries' shared test data (libraries/{javascript,go,python}
 * tests in github.com/standard-webhooks/standard-webhooks): one fixed signing vector, and a set of
 * verification scenarios built around a fresh signature of the same message.
 */
const SECRET = 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'; // 24 bytes once base64-decoded
const MSG_ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const PAYLOAD = '{"test": 2432232314}';
const SIGNED_AT = 1614265330;
const EXPECTED = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
/** A well-formed signature that belongs to nothing here, used by the vectors as a decoy. */
const DECOY = 'Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=';
const TOLERANCE = 300;

describe('Standard Webhooks signing vector', () => {
  for (const secret of [SECRET, `whsec_${SECRET}`]) {
    test(`signs to the reference value with secret ${secret.slice(0, 10)}…`, () => {
      const headers = signWebhook({
        msgId: MSG_ID,
        timestamp: new Date(SIGNED_AT * 1000),
        body: PAYLOAD,
        secrets: secret,
      });
      assert.equal(headers['webhook-signature'], EXPECTED);
      const at = new Date(SIGNED_AT * 1000);
      assert.equal(verifyWebhook(PAYLOAD, headers, secret, { now: at }).ok, true);
    });
  }
});

/** A fresh reference message signed at `timestamp`, computed independently of the package. */
function referenceHeaders(timestamp: number): Record<string, string> {
  const key = Buffer.from(SECRET, 'base64');
  const signature = createHmac('sha256', key).update(`${MSG_ID}.${timestamp}.${PAYLOAD}`).digest('base64');
  return {
    'webhook-id': MSG_ID,
    'webhook-signature': `v1,${signature}`,
    'webhook-timestamp': String(timestamp),
  };
}

interface Scenario {
  readonly name: string;
  readonly signedAt?: number; // seconds from now
  readonly edit?: (headers: Record<string, string>) => void;
  /** Seconds; `Infinity` is the reference libraries' "verify ignoring timestamp". */
  readonly tolerance?: number;
  readonly expected: 'ok' | VerificationErrorCode;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'a valid signature', expected: 'ok' },
  { name: 'missing id', edit: (h) => delete h['webhook-id'], expected: 'missing_header' },
  { name: 'missing timestamp', edit: (h) => delete h['webhook-timestamp'], expected: 'missing_header' },
  { name: 'missing signature', edit: (h) => delete h['webhook-signature'], expected: 'missing_header' },
  {
    name: 'timestamp "hello"',
    edit: (h) => (h['webhook-timestamp'] = 'hello'),
    expected: 'malformed_header',
  },
  {
    name: 'a wrong signature',
    edit: (h) => (h['webhook-signature'] = `v1,${DECOY}`),
    expected: 'no_matching_signature',
  },
  {
    name: 'a one-bit-off signature',
    edit: (h) => (h['webhook-signature'] = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA='),
    expected: 'no_matching_signature',
  },
  {
    name: 'a signature cut to 8 characters',
    edit: (h) => (h['webhook-signature'] = (h['webhook-signature'] ?? '').slice(0, 8)),
    expected: 'no_matching_signature',
  },
  { name: 'a bare "v1,"', edit: (h) => (h['webhook-signature'] = 'v1,'), expected: 'malformed_header' },
  {
    name: 'several signatures, one valid, with other versions',
    edit: (h) =>
      (h['webhook-signature'] = [`v1,${DECOY}`, `v2,${DECOY}`, h['webhook-signature'], `v1,${DECOY}`].join(
        ' ',
      )),
    expected: 'ok',
  },
  {
    name: 'the id of another message',
    edit: (h) => (h['webhook-id'] = 'msg_p5jXN8AQM9LWM0D4loKWxJel'),
    expected: 'no_matching_signature',
  },
  {
    name: 'a timestamp from 2000 replacing the signed one',
    edit: (h) => (h['webhook-timestamp'] = '946684800'),
    expected: 'timestamp_out_of_tolerance',
  },
  {
    name: 'a timestamp from 2000, ignoring tolerance',
    edit: (h) => (h['webhook-timestamp'] = '946684800'),
    tolerance: Number.POSITIVE_INFINITY,
    expected: 'no_matching_signature',
  },
  {
    name: 'signed a day ago, ignoring tolerance',
    signedAt: -86_400,
    tolerance: Number.POSITIVE_INFINITY,
    expected: 'ok',
  },
  { name: 'signed tolerance + 1 s ago', signedAt: -TOLERANCE - 1, expected: 'timestamp_out_of_tolerance' },
  { name: 'signed tolerance + 1 s ahead', signedAt: TOLERANCE + 1, expected: 'timestamp_out_of_tolerance' },
  { name: 'signed exactly tolerance ago (bound included)', signedAt: -TOLERANCE, expected: 'ok' },
  { name: 'signed exactly tolerance ahead (bound included)', signedAt: TOLERANCE, expected: 'ok' },
];

describe('Standard Webhooks verification scenarios', () => {
  const now = new Date(1_700_000_000_000);
  const nowSeconds = now.getTime() / 1000;
  for (const scenario of SCENARIOS) {
    for (const secret of [SECRET, `whsec_${SECRET}`]) {
      test(`${scenario.name} → ${scenario.expected} (${secret.startsWith('whsec_') ? 'with' : 'without'} prefix)`, () => {
        const headers = referenceHeaders(nowSeconds + (scenario.signedAt ?? 0));
        scenario.edit?.(headers);
        const result = verifyWebhook(PAYLOAD, headers, secret, {
          now,
          toleranceSeconds: scenario.tolerance ?? TOLERANCE,
        });
        assert.equal(result.ok ? 'ok' : result.error.code, scenario.expected, JSON.stringify(result));
      });
    }
  }

  test('unbranded (lower-case) and title-case header names both verify', () => {
    const headers = referenceHeaders(nowSeconds);
    const titleCase = Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k.replace(/\b\w/g, (c) => c.toUpperCase()), v]),
    );
    assert.equal(verifyWebhook(PAYLOAD, titleCase, SECRET, { now }).ok, true);
  });
});
