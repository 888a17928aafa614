import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import {
  CalendarDate,
  CountryCode,
  CurrencyCode,
  Direction,
  DisplayText,
  Last4,
  MinorUnits,
  PaymentRail,
  PercentDecimal,
  UtcTimestamp,
} from './fields.js';

// The field rules the README documents ("Decisions, and why"), value by value. Every pattern is
// anchored: a valid value with anything before or after it is rejected.
const CASES: [name: string, schema: z.ZodType, accepted: unknown[], rejected: unknown[]][] = [
  [
    'UtcTimestamp: ISO-8601 in UTC, any number of fraction digits',
    UtcTimestamp,
    ['2026-11-22T10:00:00Z', '2026-11-22T10:00:00.000Z', '2026-11-22T10:00:00.123456789Z'],
    [
      '2026-11-22T10:00:00+01:00',
      '2026-11-22T10:00:00',
      '2026-11-22',
      'x2026-11-22T10:00:00Z',
      '2026-11-22T10:00:00Zx',
      1_700_000_000,
    ],
  ],
  [
    'CalendarDate: YYYY-MM-DD',
    CalendarDate,
    ['2026-11-22', '2024-02-29'],
    ['2026-11-22T10:00:00Z', '2026-13-01', '22-11-2026', 'x2026-11-22', '2026-11-22x'],
  ],
  [
    'MinorUnits: a non-negative integer up to 2^53 - 1',
    MinorUnits,
    [0, 1, 4599, Number.MAX_SAFE_INTEGER],
    [-1, 0.5, 45.99, Number.MAX_SAFE_INTEGER + 1, '4599', Number.NaN],
  ],
  [
    'CurrencyCode: three upper-case letters',
    CurrencyCode,
    ['USD', 'JPY'],
    ['usd', 'US', 'USDX', 'xUSD', ' USD', 'USD\n', 'U1D'],
  ],
  ['CountryCode: two upper-case letters', CountryCode, ['US', 'DE'], ['us', 'U', 'USA', 'xUS', 'US ', 'U1']],
  [
    'PercentDecimal: 1-3 integer digits, optionally 1-6 fraction digits',
    PercentDecimal,
    ['6.875', '0', '100', '999.123456', '5.5'],
    ['1000', '6.', '.5', '6.1234567', 'x6.875', '6.875x', '-1', '6,875', '6.875%', 6.875],
  ],
  ['Last4: exactly four digits', Last4, ['4242', '0000'], ['424', '42424', 'a4242', '4242a', 4242]],
  ['DisplayText: 1-255 characters', DisplayText, ['a', 'x'.repeat(255)], ['', 'x'.repeat(256), 1]],
  ['Direction: debit or credit', Direction, ['debit', 'credit'], ['Debit', 'out', '']],
  [
    'PaymentRail: the US rails, card and internal',
    PaymentRail,
    ['ach', 'wire', 'rtp', 'fednow', 'check', 'card', 'internal'],
    ['sepa', 'ACH', ''],
  ],
];

describe('catalog field validators', () => {
  for (const [name, schema, accepted, rejected] of CASES) {
    it(name, () => {
      for (const value of accepted)
        assert.equal(schema.safeParse(value).success, true, `accepts ${String(value)}`);
      for (const value of rejected)
        assert.equal(schema.safeParse(value).success, false, `rejects ${String(value)}`);
    });
  }
});

describe('what a producer is told', () => {
  // These messages reach the quarantine reason header, so they say what a valid value looks like.
  const MESSAGES: [z.ZodType, unknown, RegExp][] = [
    [UtcTimestamp, '2026-11-22T10:00:00+01:00', /ISO-8601 UTC date-time such as 2026-11-22T10:00:00\.000Z/],
    [CalendarDate, '22-11-2026', /date such as 2026-11-22/],
    [CurrencyCode, 'usd', /ISO-4217 currency code such as USD/],
    [CountryCode, 'usa', /ISO-3166-1 alpha-2 country code such as US/],
    [PercentDecimal, '6.875%', /percentage as a decimal string such as "6\.875"/],
    [Last4, '42', /last 4 digits/],
  ];
  for (const [schema, value, expected] of MESSAGES) {
    it(`${JSON.stringify(value)} → ${expected.source}`, () => {
      const result = schema.safeParse(value);
      assert.match(result.error?.issues[0]?.message ?? '', expected);
    });
  }
});

describe('what customers read in the JSON Schema', () => {
  // The published schema states each field's unit or format (README, "JSON Schema").
  const DESCRIPTIONS: [name: string, schema: z.ZodType, expected: RegExp][] = [
    ['UtcTimestamp', UtcTimestamp, /UTC/],
    ['CalendarDate', CalendarDate, /YYYY-MM-DD/],
    ['MinorUnits', MinorUnits, /minor unit/],
    ['CurrencyCode', CurrencyCode, /ISO-4217/],
    ['CountryCode', CountryCode, /ISO-3166-1 alpha-2/],
    ['PercentDecimal', PercentDecimal, /decimal string/],
    ['Last4', Last4, /[Ll]ast four digits/],
    ['Direction', Direction, /debit.*credit/],
  ];
  for (const [name, schema, expected] of DESCRIPTIONS) {
    it(`${name} is described as ${expected.source}`, () => {
      assert.match(String(z.toJSONSchema(schema).description), expected);
    });
  }
});
