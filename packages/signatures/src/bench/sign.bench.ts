/**
 * Signatures per second for a 1 KiB body, per scheme, on one core; then verification, and the key
 * handling choices behind the numbers. Run: `pnpm --filter @hookstream/signatures bench`.
 */
import { createHmac, createSecretKey } from 'node:crypto';
import { cpus } from 'node:os';
import { SIGNATURE_SCHEME_NAMES, type SignatureSchemeName } from '../core/schemes.js';
import { generateSecret } from '../signing/secrets.js';
import { createSigner } from '../signing/sign-webhook.js';
import { verifyWebhook } from '../verifying/verify-webhook.js';
import { opsPerSecond, report } from './measure.js';

/** A compact JSON event padded to exactly 1,024 bytes. */
const BODY_BYTES = 1024;
const skeleton = { id: 'evt_2f1c', type: 'kyc.verification.success', data: { note: '' } };
const BODY = JSON.stringify({
  ...skeleton,
  data: { note: 'x'.repeat(BODY_BYTES - JSON.stringify(skeleton).length) },
});
if (Buffer.byteLength(BODY) !== BODY_BYTES) throw new Error(`body is ${Buffer.byteLength(BODY)} bytes`);

const SW_SECRET = generateSecret();
const PARTNER_SECRET = '9f3b2c1e-7a4d-4e8b-9c6f-2d1a0b3e4f5a';
const secretFor = (scheme: SignatureSchemeName) =>
  scheme === 'standard-webhooks' ? SW_SECRET : PARTNER_SECRET;
const msgId = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
const signer = createSigner();

console.log(
  `Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, body ${BODY_BYTES} B, one thread`,
);

report(
  'signWebhook (1 secret)',
  SIGNATURE_SCHEME_NAMES.map((scheme) => {
    const input = { scheme, msgId, body: BODY, secrets: secretFor(scheme) };
    return [scheme, opsPerSecond(() => signer.sign(input))] as const;
  }),
);

const rotating = [
  { value: generateSecret(), expiresAt: new Date(Date.now() + 86_400_000) },
  { value: SW_SECRET },
];
report('signWebhook during a rotation (2 secrets)', [
  ['standard-webhooks', opsPerSecond(() => signer.sign({ msgId, body: BODY, secrets: rotating }))],
]);

report(
  'verifyWebhook (1 secret)',
  SIGNATURE_SCHEME_NAMES.map((scheme) => {
    const headers = signer.sign({ scheme, msgId, body: BODY, secrets: secretFor(scheme) });
    return [scheme, opsPerSecond(() => verifyWebhook(BODY, headers, secretFor(scheme), { scheme }))] as const;
  }),
);

// Why keys are cached as KeyObjects: bare createHmac('sha256', key) over "id.timestamp.body".
const keyBytes = Buffer.from(SW_SECRET.slice('whsec_'.length), 'base64');
const keyObject = createSecretKey(keyBytes);
const content = `${msgId}.1700000000.${BODY}`;
const hmac = (key: Parameters<typeof createHmac>[1]) =>
  createHmac('sha256', key).update(content).digest('base64');
report('HMAC-SHA256 key handling (raw node:crypto)', [
  [
    'base64-decode the secret on every call',
    opsPerSecond(() => hmac(Buffer.from(SW_SECRET.slice(6), 'base64'))),
  ],
  ['cached Buffer key', opsPerSecond(() => hmac(keyBytes))],
  ['string key (legacy schemes, uncached)', opsPerSecond(() => hmac(PARTNER_SECRET))],
  ['cached KeyObject (what this package does)', opsPerSecond(() => hmac(keyObject))],
]);
