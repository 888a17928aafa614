import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EVENT_TYPES } from './catalog/index.js';
import { exampleEvent } from './example-event.js';
import { MAX_REASON_MESSAGE_LENGTH } from './issues.js';
import { parseEvent } from './parse-event.js';
import type { RejectionCode } from './rejection.js';

const valid = exampleEvent('card.transaction.created');
const json = (value: unknown) => JSON.stringify(value);
const withEnvelope = (changes: Record<string, unknown>) => json({ ...valid, ...changes });
const withData = (changes: Record<string, unknown>) => withEnvelope({ data: { ...valid.data, ...changes } });
const without = (key: string) => {
  const copy: Record<string, unknown> = { ...valid };
  delete copy[key];
  return json(copy);
};

describe('parseEvent accepts every catalog example', () => {
  for (const type of EVENT_TYPES) {
    it(type, () => {
      const event = exampleEvent(type);
      for (const raw of [json(event), Buffer.from(json(event), 'utf8')]) {
        const result = parseEvent(raw);
        assert.ok(result.ok, result.ok ? '' : result.reason.message);
        // No defaults or transforms: what comes out is what went in, so raw bytes can be forwarded.
        assert.deepEqual(result.event, event);
      }
    });
  }
});

describe('parseEvent accepts envelope variants', () => {
  const cases: [string, string | Buffer][] = [
    ['no accountId', without('accountId')],
    ['microsecond timestamp', withEnvelope({ occurredAt: '2026-11-22T10:00:00.123456Z' })],
    ['timestamp without fraction', withEnvelope({ occurredAt: '2026-11-22T10:00:00Z' })],
    [
      'a leading UTF-8 byte-order mark',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json(valid))]),
    ],
    ['a string with a byte-order mark', `\ufeff${json(valid)}`],
    ['surrounding whitespace', ` \n${json(valid)}\n `],
    [
      'non-ASCII text in data',
      withData({ merchant: { ...valid.data.merchant, name: 'Bäckerei Müller 🥨' } }),
    ],
  ];
  for (const [name, raw] of cases) {
    it(name, () => {
      const result = parseEvent(raw);
      assert.ok(result.ok, result.ok ? '' : result.reason.message);
    });
  }
});

describe('parseEvent rejects bad input with the right code', () => {
  const cases: {
    name: string;
    raw: string | Buffer | null | undefined;
    code: RejectionCode;
    mentions?: RegExp;
  }[] = [
    { name: 'null (tombstone)', raw: null, code: 'empty' },
    { name: 'undefined', raw: undefined, code: 'empty' },
    { name: 'empty string', raw: '', code: 'empty' },
    { name: 'zero bytes', raw: Buffer.alloc(0), code: 'empty' },
    { name: 'whitespace only', raw: '   ', code: 'invalid_json' },
    { name: 'not JSON', raw: 'hello', code: 'invalid_json', mentions: /invalid JSON/ },
    { name: 'truncated JSON', raw: json(valid).slice(0, 40), code: 'invalid_json' },
    {
      name: 'invalid UTF-8 bytes',
      raw: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
      code: 'invalid_json',
      mentions: /UTF-8/,
    },
    { name: 'overlong UTF-8 encoding', raw: Buffer.from([0x22, 0xc0, 0xaf, 0x22]), code: 'invalid_json' },
    { name: 'JSON array', raw: '[]', code: 'invalid_envelope', mentions: /envelope: expected object/ },
    { name: 'JSON null', raw: 'null', code: 'invalid_envelope' },
    { name: 'JSON string', raw: '"evt"', code: 'invalid_envelope' },
    { name: 'empty object', raw: '{}', code: 'invalid_envelope', mentions: /^id: / },
    { name: 'missing id', raw: without('id'), code: 'invalid_envelope', mentions: /^id: / },
    {
      name: 'id without prefix',
      raw: withEnvelope({ id: '2f1c' }),
      code: 'invalid_envelope',
      mentions: /^id: /,
    },
    { name: 'missing tenantId', raw: without('tenantId'), code: 'invalid_envelope', mentions: /^tenantId: / },
    {
      name: 'accountId null',
      raw: withEnvelope({ accountId: null }),
      code: 'invalid_envelope',
      mentions: /accountId/,
    },
    {
      name: 'accountId with ten_ prefix',
      raw: withEnvelope({ accountId: 'ten_1' }),
      code: 'invalid_envelope',
    },
    {
      name: 'occurredAt not a date',
      raw: withEnvelope({ occurredAt: 'yesterday' }),
      code: 'invalid_envelope',
      mentions: /^occurredAt: /,
    },
    {
      name: 'occurredAt with an offset',
      raw: withEnvelope({ occurredAt: '2026-11-22T11:00:00+01:00' }),
      code: 'invalid_envelope',
      mentions: /occurredAt/,
    },
    {
      name: 'occurredAt date only',
      raw: withEnvelope({ occurredAt: '2026-11-22' }),
      code: 'invalid_envelope',
    },
    {
      name: 'occurredAt epoch number',
      raw: withEnvelope({ occurredAt: 1795000000000 }),
      code: 'invalid_envelope',
    },
    {
      name: 'extra top-level key',
      raw: withEnvelope({ occured_at: valid.occurredAt }),
      code: 'invalid_envelope',
      mentions: /unrecognized key: "occured_at"/,
    },
    {
      name: 'type not a string',
      raw: withEnvelope({ type: 7 }),
      code: 'invalid_envelope',
      mentions: /^type: /,
    },
    {
      name: 'data missing',
      raw: without('data'),
      code: 'invalid_envelope',
      mentions: /^data: expected a JSON object/,
    },
    { name: 'data an array', raw: withEnvelope({ data: [] }), code: 'invalid_envelope', mentions: /^data: / },
    {
      name: 'unknown type',
      raw: withEnvelope({ type: 'card.deleted' }),
      code: 'unknown_type',
      mentions: /"card\.deleted"/,
    },
    { name: 'wildcard as type', raw: withEnvelope({ type: 'card.*' }), code: 'unknown_type' },
    {
      name: 'empty type',
      raw: withEnvelope({ type: '' }),
      code: 'invalid_envelope',
      mentions: /^type: expected a non-empty event type$/,
    },
    {
      name: 'missing data field',
      raw: JSON.stringify({ ...valid, data: { ...valid.data, amount: undefined } }),
      code: 'invalid_data',
      mentions: /^data\.amount: required \(expected number\)$/,
    },
    { name: 'prototype key as type', raw: withEnvelope({ type: '__proto__' }), code: 'unknown_type' },
    {
      name: 'unknown type and bad envelope',
      raw: withEnvelope({ type: 'nope', id: 'x' }),
      code: 'invalid_envelope',
    },
    {
      name: 'data amount a string',
      raw: withData({ amount: '45.99' }),
      code: 'invalid_data',
      mentions: /^data\.amount: expected number/,
    },
    {
      name: 'data amount fractional',
      raw: withData({ amount: 45.99 }),
      code: 'invalid_data',
      mentions: /data\.amount/,
    },
    {
      name: 'data amount negative',
      raw: withData({ amount: -1 }),
      code: 'invalid_data',
      mentions: /data\.amount/,
    },
    {
      name: 'data currency lower-case',
      raw: withData({ currency: 'usd' }),
      code: 'invalid_data',
      mentions: /data\.currency: expected an ISO-4217/,
    },
    {
      name: 'data nested field wrong',
      raw: withData({ merchant: { ...valid.data.merchant, country: 'France' } }),
      code: 'invalid_data',
      mentions: /data\.merchant\.country/,
    },
    {
      name: 'data enum value unknown',
      raw: withData({ kind: 'chargeback' }),
      code: 'invalid_data',
      mentions: /data\.kind/,
    },
    {
      name: 'data required field missing',
      raw: withData({ cardId: undefined }),
      code: 'invalid_data',
      mentions: /data\.cardId/,
    },
    {
      name: 'data extra key',
      raw: withData({ pan: '4242424242424242' }),
      code: 'invalid_data',
      mentions: /data: unrecognized key: "pan"/,
    },
    { name: 'data of another type', raw: withEnvelope({ type: 'rate.changed' }), code: 'invalid_data' },
  ];
  for (const { name, raw, code, mentions } of cases) {
    it(`${name} → ${code}`, () => {
      const result = parseEvent(raw);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.reason.code, code, result.reason.message);
      assert.ok(result.reason.message.length > 0 && result.reason.message.length < MAX_REASON_MESSAGE_LENGTH);
      if (mentions) assert.match(result.reason.message, mentions);
    });
  }
});

describe('parseEvent before the schema', () => {
  it('an empty or undecodable value has a reason but no field issues', () => {
    for (const raw of [null, Buffer.from([0xff]), '{']) {
      const result = parseEvent(raw);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.deepEqual(result.reason.issues, [], String(raw));
    }
  });
});

describe('parseEvent messages stay header-sized', () => {
  it('caps the message for many issues and huge keys', () => {
    const junk = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`${'k'.repeat(300)}${i}`, i]));
    const result = parseEvent(withData({ ...junk, amount: 'x', currency: 1, merchant: 3 }));
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.reason.code, 'invalid_data');
    assert.ok(result.reason.message.length <= MAX_REASON_MESSAGE_LENGTH, `${result.reason.message.length}`);
    assert.ok(result.reason.issues.length >= 4);
  });

  it('replaces control characters from producer input', () => {
    const result = parseEvent(withEnvelope({ type: 'a\r\nb' }));
    assert.equal(result.ok, false);
    if (result.ok) return;
    // JSON.stringify already escapes them in the quoted type; no raw CR/LF reaches the header.
    assert.doesNotMatch(result.reason.message, /[\r\n]/);
  });

  it('truncates a very long unknown type', () => {
    const result = parseEvent(withEnvelope({ type: 'x'.repeat(10_000) }));
    assert.equal(result.ok, false);
    if (!result.ok) assert.ok(result.reason.message.length < 200);
  });
});

describe('parseEvent never throws', () => {
  it('on random bytes and deeply nested JSON', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 500; i++) {
      const bytes = Buffer.from(
        Array.from({ length: 1 + Math.floor(random() * 64) }, () => Math.floor(random() * 256)),
      );
      assert.doesNotThrow(() => parseEvent(bytes));
    }
    assert.doesNotThrow(() => parseEvent(`${'['.repeat(200_000)}${']'.repeat(200_000)}`));
    // Built as text: JSON.stringify itself would overflow the stack on this value.
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const raw = json(valid).replace('"merchant":', `"merchant":${deep},"other":`);
    assert.doesNotThrow(() => parseEvent(raw));
  });
});
