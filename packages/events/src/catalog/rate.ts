import { z } from 'zod';
import { MinorUnits, PercentDecimal, UtcTimestamp } from '../fields.js';
import type { EventDefinitions } from './definition.js';
import { UsStateCode } from './us-state.js';

// A published lending rate for one product in one US state. The monthly payment is for a
// stated principal so that customers can show a representative example (as Regulation Z
// advertising rules expect) without recomputing amortisation.

export const RateChanged = z.strictObject({
  state: UsStateCode,
  productType: z.enum([
    'mortgage_30y_fixed',
    'mortgage_15y_fixed',
    'mortgage_5_1_arm',
    'heloc',
    'auto_loan',
    'personal_loan',
  ]),
  /** Loan term in months, e.g. 360 for a 30-year mortgage. */
  termMonths: z.int().positive().max(600),
  /** Nominal annual interest rate, percent. */
  rate: PercentDecimal,
  /** The rate this one replaces; absent the first time a product is published in a state. */
  previousRate: PercentDecimal.optional(),
  /** Annual percentage rate including fees, percent. */
  apr: PercentDecimal,
  /** Principal the monthly payment is computed for, in US cents. */
  principal: MinorUnits,
  /** Principal and interest per month for `principal` over `termMonths`, in US cents. */
  monthlyPayment: MinorUnits,
  /** US rates only, so always USD; stated so amounts are never ambiguous. */
  currency: z.literal('USD'),
  /** When the new rate applies to applications; may be later than the event. */
  effectiveAt: UtcTimestamp,
});
export type RateChanged = z.infer<typeof RateChanged>;

export const rateEvents = {
  'rate.changed': {
    description: 'A published lending rate changed for a product in a US state.',
    schema: RateChanged,
    example: {
      state: 'CA',
      productType: 'mortgage_30y_fixed',
      termMonths: 360,
      rate: '6.875',
      previousRate: '6.750',
      apr: '7.012',
      principal: 40000000,
      monthlyPayment: 262772,
      currency: 'USD',
      effectiveAt: '2026-11-23T00:00:00.000Z',
    } satisfies RateChanged,
  },
} satisfies EventDefinitions;
