import { z } from 'zod';

// Field schemas shared by the envelope and the catalog, so that a timestamp or an amount
// means the same thing in every event type. Descriptions end up in the JSON Schema that
// customers read, so they state units.

/**
 * A UTC instant in ISO-8601, e.g. `2026-11-22T10:00:00.000Z`. Offsets other than `Z` are
 * rejected so that every timestamp on the wire compares as a string and no one has to guess
 * a zone. Any number of fractional-second digits is accepted.
 */
export const UtcTimestamp = z.iso
  .datetime({ error: 'expected an ISO-8601 UTC date-time such as 2026-11-22T10:00:00.000Z' })
  .describe('ISO-8601 date-time in UTC (Z suffix)');
export type UtcTimestamp = z.infer<typeof UtcTimestamp>;

/** A calendar date (`YYYY-MM-DD`) with no time zone, e.g. a scheduled settlement date. */
export const CalendarDate = z.iso
  .date({ error: 'expected a date such as 2026-11-22' })
  .describe('Calendar date, YYYY-MM-DD');
export type CalendarDate = z.infer<typeof CalendarDate>;

/**
 * Money is an integer count of the currency's minor unit (cents for USD, yen for JPY):
 * floats cannot hold 0.1 exactly. `z.int()` also caps it at 2^53 − 1, the largest integer
 * JSON consumers in JavaScript read exactly. The sign lives in a separate `direction` field.
 */
export const MinorUnits = z
  .int()
  .nonnegative()
  .describe("Amount in the currency's minor unit (e.g. cents), non-negative integer");
export type MinorUnits = z.infer<typeof MinorUnits>;

/** ISO-4217 alphabetic code. Only the shape is checked: the list changes, the shape does not. */
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, { error: 'expected an ISO-4217 currency code such as USD' })
  .describe('ISO-4217 alphabetic currency code, e.g. USD');
export type CurrencyCode = z.infer<typeof CurrencyCode>;

/** ISO-3166-1 alpha-2 country code; shape only, like `CurrencyCode`. */
export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, { error: 'expected an ISO-3166-1 alpha-2 country code such as US' })
  .describe('ISO-3166-1 alpha-2 country code, e.g. US');
export type CountryCode = z.infer<typeof CountryCode>;

/**
 * A percentage as a decimal string, e.g. `"6.875"` means 6.875 %. A string keeps published
 * rates exact (6.875 has no binary float form) and keeps trailing precision visible.
 */
export const PercentDecimal = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,6})?$/, { error: 'expected a percentage as a decimal string such as "6.875"' })
  .describe('Percentage as a decimal string, e.g. "6.875" for 6.875 %');
export type PercentDecimal = z.infer<typeof PercentDecimal>;

/** Last four digits of a card or account number: the most of it that may leave the vault. */
export const Last4 = z
  .string()
  .regex(/^\d{4}$/, { error: 'expected the last 4 digits' })
  .describe('Last four digits of the number');
export type Last4 = z.infer<typeof Last4>;

/** Free text meant for people (names, statement descriptors); bounded so events stay small. */
export const DisplayText = z.string().min(1).max(255);
export type DisplayText = z.infer<typeof DisplayText>;

/** Which way money moves from the account holder's point of view. */
export const Direction = z
  .enum(['debit', 'credit'])
  .describe('debit: money leaves the account; credit: arrives');
export type Direction = z.infer<typeof Direction>;

/** US payment rails, plus `card` and `internal` (book transfers between accounts on the platform). */
export const PaymentRail = z.enum(['ach', 'wire', 'rtp', 'fednow', 'check', 'card', 'internal']);
export type PaymentRail = z.infer<typeof PaymentRail>;
